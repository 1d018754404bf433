/**
 * The commands people run: `npm run sync` (help, usage errors, configuration errors, a real run
 * against the sandboxes as a child process) and `npm start -- --once` (the demo end to end).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main as sync } from '../../scripts/sync/cli';
import { main as demo } from '../../scripts/demo/start';
import type { Reconciliation } from '../../scripts/sync/reconciliation';
import { exactlyOnce, payments, seedPayments, startSandboxes, type Sandboxes } from './sandboxes';
import { shippedScript } from '../shipped';
import { WORKER_NODE_FLAGS } from '../../scripts/sync/runtime';

jest.setTimeout(180_000);

function capture(): { out: () => string; err: () => string; restore: () => void } {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += chunk.toString();
    return true;
  });
  return {
    out: () => out,
    err: () => err,
    restore: () => {
      o.mockRestore();
      e.mockRestore();
    }
  };
}

describe('npm run sync', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-cli-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints help and exits 0', async () => {
    const io = capture();
    const code = await sync(['--help'], {});
    io.restore();
    expect(code).toBe(0);
    expect(io.out()).toContain('--target-org');
    expect(io.out()).toContain('Exit codes');
  });

  it('exits 2 on an unknown flag', async () => {
    const io = capture();
    const code = await sync(['--targt-org', 'x'], {});
    io.restore();
    expect(code).toBe(2);
    expect(io.err()).toContain("Unknown option '--targt-org'");
  });

  it('stops start-up naming the bad configuration value and its file', async () => {
    const file = path.join(tmp, 'worker.json');
    const config = JSON.parse(fs.readFileSync('config/worker.json', 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...config, collectionSize: 500 }));
    const io = capture();
    const code = await sync(['--config', file, '--once'], {
      SF_INSTANCE_URL: 'https://x.my.salesforce.com',
      SF_ACCESS_TOKEN: 't',
      PAYMENT_SYSTEM_TOKEN: 't'
    });
    io.restore();
    expect(code).toBe(2);
    expect(io.err()).toContain(`${file}: "collectionSize"`);
  });

  it('names a missing credential without printing any secret (a configuration error: exit 2)', async () => {
    const io = capture();
    const code = await sync(['--once'], {
      SF_LOGIN_URL: 'http://127.0.0.1:1',
      SF_USERNAME: 'u',
      SF_PASSWORD: 'hunter2'
    });
    io.restore();
    expect(code).toBe(2);
    expect(io.err()).toContain('PAYMENT_SYSTEM_TOKEN');
    expect(io.err()).not.toContain('hunter2');
  });

  describe('issue 12 item 9: the payment-system token and URL are checked at start-up', () => {
    const env = {
      SF_INSTANCE_URL: 'https://x.my.salesforce.com',
      SF_ACCESS_TOKEN: '00D8d0000000001!t'
    };
    it.each([
      ['a token with a line break', { PAYMENT_SYSTEM_TOKEN: 'tok-SECRET-1\n' }, 'PAYMENT_SYSTEM_TOKEN'],
      ['a token with a space', { PAYMENT_SYSTEM_TOKEN: 'tok SECRET-1' }, 'PAYMENT_SYSTEM_TOKEN'],
      [
        'plain http to another host',
        { PAYMENT_SYSTEM_TOKEN: 'tok-SECRET-1', PAYMENT_SYSTEM_URL: 'http://payments.agency.example' },
        'https'
      ]
    ])('exits 2 on %s, without printing the token', async (_label, extra, named) => {
      const io = capture();
      const code = await sync(['--once'], { ...env, ...extra });
      io.restore();
      expect(code).toBe(2);
      expect(io.err()).toContain(named);
      expect(io.err()).not.toContain('SECRET');
    });
  });

  describe('against the sandboxes', () => {
    let sb: Sandboxes;
    afterEach(async () => {
      await sb?.stop();
    });

    it('npm run sync starts the compiled worker with the heap settings the benchmark and chaos test use', () => {
      const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
      expect(pkg.scripts.sync).toBe(`node ${WORKER_NODE_FLAGS.join(' ')} dist/scripts/sync/cli.js`);
    });

    it('runs one cycle as a child process, with the heap settings npm run sync gives it, and exits 0, with no secret in its logs', async () => {
      sb = await startSandboxes();
      const ids = await seedPayments(sb, 25);
      const u = sb.org.users.integration;
      const file = path.join(tmp, 'worker.json');
      const config = JSON.parse(fs.readFileSync('config/worker.json', 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(
        file,
        JSON.stringify({ ...config, paymentSystem: { url: sb.ps.url, timeoutMs: 5000, maxRetries: 2 } })
      );
      const args = [...WORKER_NODE_FLAGS, shippedScript('scripts/sync/cli'), '--config', file, '--once'];
      const child = spawn(process.execPath, args, {
        env: {
          PATH: process.env.PATH,
          SF_LOGIN_URL: sb.org.loginUrl,
          SF_USERNAME: u.username,
          SF_PASSWORD: u.password,
          PAYMENT_SYSTEM_TOKEN: sb.ps.token
        }
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
      expect(payments(sb).every((p) => p.External_Payment_Id__c !== null)).toBe(true);
      expect(output).toContain('cycle 1: submitted 25');
      expect(output).not.toContain(u.password);
      expect(output).not.toContain(sb.ps.token);
    });

    it('issue 12 item 9: exits 2 when the payment system refuses the token at start-up, marking nothing', async () => {
      sb = await startSandboxes();
      await seedPayments(sb, 3);
      const u = sb.org.users.integration;
      const file = path.join(tmp, 'worker.json');
      const config = JSON.parse(fs.readFileSync('config/worker.json', 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(
        file,
        JSON.stringify({ ...config, paymentSystem: { url: sb.ps.url, timeoutMs: 5000, maxRetries: 2 } })
      );
      const io = capture();
      const code = await sync(['--config', file, '--once', '--log-level', 'silent'], {
        SF_LOGIN_URL: sb.org.loginUrl,
        SF_USERNAME: u.username,
        SF_PASSWORD: u.password,
        PAYMENT_SYSTEM_TOKEN: 'not-the-token'
      });
      io.restore();
      expect(code).toBe(2);
      expect(payments(sb).every((p) => p.Sync_Error__c === null)).toBe(true);
      expect(sb.ps.payments()).toHaveLength(0);
    });
  });
});

describe('npm start -- --once', () => {
  it('runs the demo story and writes a reconciliation report a supervisor can open', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-demo-'));
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'silent';
    const io = capture();
    let code: number;
    try {
      code = await demo(['--once', '--reports', dir]);
    } finally {
      io.restore();
      process.env.LOG_LEVEL = previous;
    }
    expect(code).toBe(0);
    const report = JSON.parse(
      fs.readFileSync(path.join(dir, 'reconciliation.json'), 'utf8')
    ) as Reconciliation;
    // 16 across the payment lifecycle, and 5 Crisis payments (Verified By Worker) of the crisis households
    expect(report.totals.payments).toBe(21);
    expect(report.countsByStatus).toMatchObject({
      'Payment Successful': 2,
      'Payment Failed': 1,
      'Payment Returned': 1,
      'Payment Recouped': 1,
      'Payment Voided': 1,
      'Refund or Cancelled': 1,
      'Verified By Worker': 6,
      'Payment Not Verified': 1,
      'Rejected By Worker': 1,
      None: 1
    });
    expect(report.drifted).toHaveLength(1);
    expect(report.drifted[0].reason).toContain('amount: submitted 650.00, now 1650.00');
    expect(report.quarantined.map((q) => q.reason)).toEqual(['Cannot submit: the payment needs a payee.']);
    expect(report.mismatches).toEqual([]);
    const html = fs.readFileSync(path.join(dir, 'reconciliation.html'), 'utf8');
    expect(html).toContain('Commonwealth Heating Oil &amp; Propane');
    expect(html).not.toContain('Oil & Propane');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
