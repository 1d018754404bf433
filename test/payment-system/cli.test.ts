/** The sandbox payment system's command line: help, usage errors, start-up and a clean stop. */
import * as net from 'node:net';
import { HELP, runCli, type CliIo } from '../../scripts/payment-system/cli';
import type { SandboxPaymentSystem } from '../../scripts/payment-system/sandbox';

function io(env: NodeJS.ProcessEnv = {}) {
  let stop = (): void => undefined;
  const out: string[] = [];
  const err: string[] = [];
  let started: SandboxPaymentSystem | null = null;
  const value: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env,
    stopSignal: new Promise<void>((resolve) => {
      stop = resolve;
    }),
    onStarted: (sandbox) => {
      started = sandbox;
      stop();
    }
  };
  return { value, out, err, started: () => started };
}

describe('sandbox payment system command line', () => {
  it('prints help and exits 0', async () => {
    const t = io();
    expect(await runCli(['--help'], t.value)).toBe(0);
    expect(t.out.join('')).toBe(HELP);
    expect(HELP).toContain('--seed');
  });

  it.each([[['--bogus']], [['--port', 'eighty']], [['--port', '70000']], [['extra']]])(
    'exits 2 on bad usage %j',
    async (argv) => {
      const t = io();
      expect(await runCli(argv, t.value)).toBe(2);
      expect(t.err.join('')).toContain('--help');
    }
  );

  it('starts on a free port, prints a JSON summary and stops cleanly', async () => {
    const t = io({ PAYMENT_SYSTEM_TOKEN: 'given-token' });

    const code = await runCli(['--port', '0', '--seed', '9', '--json'], t.value);

    expect(code).toBe(0);
    const summary = JSON.parse(t.out.join('')) as { url: string; seed: number; token?: string };
    expect(summary.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(summary.seed).toBe(9);
    // a token the operator chose is never printed
    expect(t.out.join('')).not.toContain('given-token');
    expect(t.started()?.token).toBe('given-token');
  });

  it('exits 1 when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const t = io();
      expect(await runCli(['--port', String(port)], t.value)).toBe(1);
      expect(t.err.join('')).toContain('Could not start');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
