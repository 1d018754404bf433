/**
 * `npm run sandbox:org` — the sandbox org alone on 127.0.0.1: a local development
 * stand-in for the Salesforce REST API (not Salesforce). Serves until SIGINT / SIGTERM.
 *
 * Exit codes: 0 stopped cleanly, 1 failure, 2 bad usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { SandboxOrg } from './index';
import type { FaultConfig } from './faults';
import { runMain, untilStopped } from '../shared/cli';
import { messageOf, portInUse, portInUseMessage } from '../shared/terminal';

const HELP = `Start the sandbox org (a local stand-in for the Salesforce REST API) on 127.0.0.1.

Usage: npm run sandbox:org -- [--port N] [--seed N] [--snapshot FILE] [--faults FILE] [--json]

  --port N          port to listen on (default 0: a free port)
  --seed N          seed for the generated credentials and faults, for runs that must repeat
                    (default: credentials random on every run, faults seeded with 1)
  --snapshot FILE   load records from FILE when it exists; write them back on stop
  --faults FILE     JSON fault configuration (rules, latencyMs, recordFailureRate, ...; see SUPPORTED.md)
  --json            print one JSON line (loginUrl, instanceUrl, users and passwords, client credentials)
  -h, --help        show this help

Users: staff, supervisor, integration and admin, each with the permission sets of force-app, whose
field-level security and custom permissions the sandbox org enforces.

Serves until Ctrl-C (SIGINT) or SIGTERM. The credentials are for this local stand-in only.`;

function integer(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new Error(`${flag} must be a whole number from 0 to ${max}`);
  return Number(value);
}

/** What a person needs to connect to the sandbox org, as lines for a terminal. */
export function orgSummaryLines(org: SandboxOrg): string[] {
  const integration = org.users.integration;
  return [
    'Sandbox org — local stand-in for the Salesforce REST API (not Salesforce)',
    `  login URL     ${org.loginUrl}`,
    `  instance URL  ${org.instanceUrl}   API v${org.apiVersion}`,
    ...Object.entries(org.users).map(([key, u]) => `  ${key.padEnd(12)}  ${u.username} / ${u.password}`),
    `  client credentials (runs as ${integration.username}): ${integration.clientId} / ${integration.clientSecret}`
  ];
}

/** What a client needs to connect to the sandbox org, for `--json`. */
export function connectionInfo(org: SandboxOrg): Record<string, unknown> {
  const integration = org.users.integration;
  return {
    loginUrl: org.loginUrl,
    instanceUrl: org.instanceUrl,
    apiVersion: org.apiVersion,
    orgId: org.orgId,
    users: Object.fromEntries(
      Object.entries(org.users).map(([key, u]) => [
        key,
        {
          username: u.username,
          password: u.password,
          userId: u.userId,
          customPermissions: u.customPermissions
        }
      ])
    ),
    connectedApp: org.connectedApp,
    clientCredentials: {
      tokenUrl: `${org.loginUrl}/services/oauth2/token`,
      clientId: integration.clientId,
      clientSecret: integration.clientSecret,
      runsAs: integration.username
    }
  };
}

export async function main(argv: string[]): Promise<number> {
  let values;
  let port: number | undefined;
  let seed: number | undefined;
  let faults: FaultConfig | undefined;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        snapshot: { type: 'string' },
        faults: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    }));
    port = integer(values.port, '--port', 65535);
    seed = integer(values.seed, '--seed', 2 ** 31 - 1);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let org: SandboxOrg | null = null;
  try {
    if (values.faults) {
      try {
        faults = JSON.parse(fs.readFileSync(values.faults, 'utf8')) as FaultConfig;
      } catch (err) {
        throw new Error(`${values.faults}: ${(err as Error).message}`);
      }
    }
    // Loaded only now so that --help and usage errors answer at once.
    const { startSandboxOrg } = await import('./index');
    org = await startSandboxOrg({ port: port ?? 0, seed, snapshotFile: values.snapshot, faults });
    const info = connectionInfo(org);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(info)}\n`);
    } else {
      process.stdout.write(`${[...orgSummaryLines(org), 'Ctrl-C stops it.'].join('\n')}\n`);
    }
    await untilStopped();
    return 0;
  } catch (err) {
    const taken = portInUse(err);
    process.stderr.write(`${taken !== null ? portInUseMessage(taken) : messageOf(err)}\n`);
    return 1;
  } finally {
    await org?.stop();
  }
}

if (require.main === module) runMain(main);
