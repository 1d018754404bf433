/**
 * `npm run sandbox` — the sandbox org and the sandbox payment system together on loopback, loaded
 * with the demo caseload, for trying the product by hand (jsforce, the sync worker, curl). Local
 * development stand-ins, never production. Serves until Ctrl-C.
 *
 * `--json` prints one JSON line with everything a client needs to connect.
 * Exit codes: 0 stopped cleanly, 1 failure, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { startSandboxOrg, type SandboxOrg } from '../sandbox-org/index';
import { connectionInfo, orgSummaryLines } from '../sandbox-org/cli';
import { startSandboxPaymentSystem, type SandboxPaymentSystem } from '../payment-system/sandbox';
import { DEFAULT_DEMO_DATA, loadDemoData, seedDemo } from '../demo/demo-data';
import { runMain, untilStopped } from '../shared/cli';
import { messageOf, portInUse, portInUseMessage } from '../shared/terminal';

const HELP = `Start the sandbox org and the sandbox payment system on 127.0.0.1, loaded with demo data.

Usage: npm run sandbox -- [--port N] [--payment-port N] [--data FILE] [--no-data] [--json]

  --port N           sandbox org port (default: a free port)
  --payment-port N   sandbox payment system port (default: --port + 1, or a free port)
  --data FILE        demo caseload (default ${DEFAULT_DEMO_DATA})
  --no-data          start empty
  --json             print one JSON line with URLs and credentials instead of text
  -h, --help         show this help

Both keep serving until Ctrl-C. These are development stand-ins: the credentials printed are
generated for this run only.`;

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new Error(`${flag} must be a port number (0-65535)`);
  return Number(value);
}

export async function main(argv: string[]): Promise<number> {
  let values;
  let orgPort: number | undefined;
  let paymentPort: number | undefined;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'payment-port': { type: 'string' },
        data: { type: 'string' },
        'no-data': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    }));
    orgPort = port(values.port, '--port');
    paymentPort = port(values['payment-port'], '--payment-port');
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (paymentPort === undefined && orgPort !== undefined && orgPort > 0) paymentPort = orgPort + 1;

  let org: SandboxOrg | null = null;
  let ps: SandboxPaymentSystem | null = null;
  try {
    const data = values['no-data'] ? null : loadDemoData(values.data ?? DEFAULT_DEMO_DATA);
    org = await startSandboxOrg({ port: orgPort ?? 0 });
    ps = await startSandboxPaymentSystem({ port: paymentPort ?? 0, clock: 'real' });
    const paymentSystem = ps;
    if (data)
      await seedDemo(org, { url: ps.url, token: ps.token }, data, (id, status) =>
        paymentSystem.settle(id, status)
      );

    const integration = org.users.integration;
    const info = { ...connectionInfo(org), paymentSystem: { url: ps.url, token: ps.token } };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(info)}\n`);
    } else {
      const lines = [
        ...orgSummaryLines(org),
        'Sandbox payment system',
        `  URL           ${ps.url}`,
        `  token         ${ps.token}`,
        data ? `Loaded ${data.cases.length} cases and ${data.payments.length} payments.` : 'Started empty.',
        'Run the sync against it:',
        `  SF_LOGIN_URL=${org.loginUrl} SF_USERNAME=${integration.username} SF_PASSWORD=${integration.password} \\`,
        `  PAYMENT_SYSTEM_URL=${ps.url} PAYMENT_SYSTEM_TOKEN=${ps.token} npm run sync`,
        'Ctrl-C stops both.'
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    await untilStopped();
    return 0;
  } catch (err) {
    const taken = portInUse(err);
    if (taken !== null) {
      // the org starts first: a clash after it is the payment system's port
      const flag = org === null ? '--port' : '--payment-port';
      const derived = flag === '--payment-port' && values['payment-port'] === undefined;
      process.stderr.write(
        `${portInUseMessage(taken, flag)}${derived ? ' (It defaults to --port + 1.)' : ''}\n`
      );
    } else {
      process.stderr.write(`${messageOf(err)}\n`);
    }
    return 1;
  } finally {
    await ps?.stop();
    await org?.stop();
  }
}

if (require.main === module) runMain(main);
