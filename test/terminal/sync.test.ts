/**
 * Issue 16 items 1 and 4: `npm run sync` as a person meets it on a terminal (a pseudo-terminal through
 * util-linux `script`), and as a machine reads it (pipes, --json).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { payments, seedPayments, startSandboxes, type Sandboxes } from '../sync/sandboxes';
import { cleanEnv, JSON_LOG, nodeCommand, ROOT, runInTerminal, tempHome } from './pty';

jest.setTimeout(240_000);

const SYNC = 'scripts/sync/cli.ts';

let home: string;
beforeAll(() => {
  home = tempHome();
});
afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

describe('configuration errors: exit 2 with one line naming what is missing', () => {
  it('the README deployment step without a token names PAYMENT_SYSTEM_TOKEN', async () => {
    const run = await runInTerminal(nodeCommand(SYNC, ['--target-org', 'my-org']), cleanEnv(home));
    expect(run.code).toBe(2);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toContain('PAYMENT_SYSTEM_TOKEN');
    expect(run.transcript).not.toMatch(JSON_LOG);
  });

  it('the shipped worker.json names no payment system: without a URL the line says where to give one', async () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, 'config/worker.json'), 'utf8')) as {
      paymentSystem: Record<string, unknown>;
    };
    expect(shipped.paymentSystem.url).toBeUndefined();
    const run = await runInTerminal(
      nodeCommand(SYNC, ['--target-org', 'my-org']),
      cleanEnv(home, { PAYMENT_SYSTEM_TOKEN: 'tok-SECRET-1' })
    );
    expect(run.code).toBe(2);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/payment system URL/);
    for (const where of ['--payment-system-url', 'PAYMENT_SYSTEM_URL', 'paymentSystem.url'])
      expect(run.lines[0]).toContain(where);
    expect(run.transcript).not.toContain('SECRET');
  });

  it('an invalid --payment-system-url is named, and the token never printed', async () => {
    const run = await runInTerminal(
      nodeCommand(SYNC, ['--target-org', 'my-org', '--payment-system-url', 'http://payments.agency.example']),
      cleanEnv(home, { PAYMENT_SYSTEM_TOKEN: 'tok-SECRET-1' })
    );
    expect(run.code).toBe(2);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/^--payment-system-url .*https/);
    expect(run.transcript).not.toContain('SECRET');
  });

  it('a missing --env-from is named', async () => {
    const run = await runInTerminal(
      nodeCommand(SYNC, ['--target-org', 'my-org', '--env-from', path.join(home, 'nope.env')]),
      cleanEnv(home)
    );
    expect(run.code).toBe(2);
    expect(run.lines).toEqual([`--env-from ${path.join(home, 'nope.env')}: cannot be read (ENOENT)`]);
  });

  it('a flag npm kept for itself (npm run sync --target-org x, without --) says how to pass it', async () => {
    const run = await runInTerminal(
      nodeCommand(SYNC, ['my-org']),
      cleanEnv(home, { npm_lifecycle_event: 'sync', npm_config_target_org: 'true' })
    );
    expect(run.code).toBe(2);
    expect(run.transcript).toContain('npm run sync -- --target-org');
  });
});

describe('runtime failures on a terminal: one human line with what to do, no JSON', () => {
  it('an org alias that is not logged in (token and URL from an --env-from)', async () => {
    const envFromFile = path.join(home, 'sync.env');
    fs.writeFileSync(
      envFromFile,
      'PAYMENT_SYSTEM_TOKEN=tok-SECRET-1\nPAYMENT_SYSTEM_URL=https://payments.agency.example\n'
    );
    const run = await runInTerminal(
      nodeCommand(SYNC, ['--target-org', 'nobody-logged-in', '--env-from', envFromFile, '--once']),
      cleanEnv(home)
    );
    expect(run.code).toBe(1);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toContain('nobody-logged-in');
    expect(run.lines[0]).toContain('sf org login web --alias nobody-logged-in');
    expect(run.transcript).not.toMatch(JSON_LOG);
    expect(run.transcript).not.toContain('SECRET');
  });

  describe('against the sandboxes', () => {
    let sb: Sandboxes;
    let config: string;
    beforeAll(async () => {
      sb = await startSandboxes();
      config = path.join(home, 'worker.json');
      const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, 'config/worker.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      fs.writeFileSync(config, JSON.stringify({ ...shipped, cycleIntervalMs: 50 }));
    });
    afterAll(async () => {
      await sb?.stop();
    });
    const env = (extra: Record<string, string>): NodeJS.ProcessEnv =>
      cleanEnv(home, {
        SF_LOGIN_URL: sb.org.loginUrl,
        SF_USERNAME: sb.org.users.integration.username,
        PAYMENT_SYSTEM_TOKEN: sb.ps.token,
        PAYMENT_SYSTEM_URL: sb.ps.url,
        ...extra
      });

    it('wrong credentials: one line naming the variables to check', async () => {
      const run = await runInTerminal(
        nodeCommand(SYNC, ['--config', config, '--once']),
        env({ SF_PASSWORD: 'not-the-password' })
      );
      expect(run.code).toBe(1);
      expect(run.lines).toHaveLength(1);
      expect(run.lines[0]).toMatch(/Login as .* failed: INVALID_LOGIN/);
      expect(run.lines[0]).toContain('Check SF_USERNAME and SF_PASSWORD');
      expect(run.transcript).not.toMatch(JSON_LOG);
      expect(run.transcript).not.toContain('not-the-password');
    });

    it('with --json every line on the terminal is JSON', async () => {
      const run = await runInTerminal(
        nodeCommand(SYNC, ['--config', config, '--once', '--json']),
        env({ SF_PASSWORD: 'not-the-password' })
      );
      expect(run.code).toBe(1);
      expect(run.lines.length).toBeGreaterThan(0);
      for (const line of run.lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    });

    it('piped (not a terminal): stdout is JSON lines only', async () => {
      const [node, ...args] = nodeCommand(SYNC, ['--config', config, '--once']);
      const child = spawn(node, args, { cwd: ROOT, env: env({ SF_PASSWORD: 'not-the-password' }) });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      const lines = out.split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThan(0);
      const parsed = lines.map((line) => JSON.parse(line) as { msg: string; err?: string });
      expect(parsed.some((l) => l.msg === 'payment sync could not start')).toBe(true);
    });

    it('a run on a terminal: human lines, a quarantined payment announced once over several cycles, a closing summary', async () => {
      await seedPayments(sb, 3);
      // refused at submission every cycle: it stays pending, so every cycle's report lists it again
      const [noPayee] = await seedPayments(sb, 1, { Payee__c: null });
      const run = await runInTerminal(
        nodeCommand(SYNC, ['--config', config, '--cycles', '4']),
        env({ SF_PASSWORD: sb.org.users.integration.password })
      );
      expect(run.code).toBe(0);
      expect(run.transcript).not.toMatch(JSON_LOG);
      expect(run.lines[0]).toMatch(/^Payment sync: .* partition 0\/1 — 4 cycles\.$/);
      expect(run.lines).toContainEqual(expect.stringMatching(/^✔ cycle 1: submitted 3,/));
      const announced = run.lines.filter((l) => l.includes('quarantined: Cannot submit'));
      expect(announced).toHaveLength(1);
      expect(run.lines[run.lines.length - 1]).toMatch(
        /^Ran 4 cycles: submitted 3, mirrored \d+, healed 0, drifted 0, quarantined 1, API calls \d+\.$/
      );
      expect(payments(sb).find((p) => p.Id === noPayee)?.Sync_Error__c).toContain('payee');
      expect(run.transcript).not.toContain(sb.ps.token);
    });
  });
});
