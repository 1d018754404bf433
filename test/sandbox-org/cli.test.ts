import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Connection } from 'jsforce';
import { startSandboxOrg } from '../../scripts/sandbox-org';
import { shippedScript } from '../shipped';

const ROOT = path.resolve(__dirname, '..', '..');
// the compiled command `npm run sandbox:org` runs
const cli = (): string => shippedScript('scripts/sandbox-org/cli');
const env = process.env;

describe('sandbox org command line', () => {
  let child: ChildProcessWithoutNullStreams | null = null;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = null;
  });

  it('prints one JSON line with what jsforce needs, serves, and exits 0 on SIGTERM', async () => {
    child = spawn(process.execPath, [cli(), '--json', '--port', '0'], { cwd: ROOT, env });
    const proc = child;
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: proc.stdout }).once('line', resolve);
      proc.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const info = JSON.parse(line) as {
      loginUrl: string;
      instanceUrl: string;
      users: Record<string, { username: string; password: string }>;
      clientCredentials: { clientId: string; clientSecret: string };
    };
    expect(info.instanceUrl).toBe(info.loginUrl);
    const conn = new Connection({ loginUrl: info.loginUrl, version: '62.0' });
    await conn.login(info.users.integration.username, info.users.integration.password);
    await expect(conn.query('SELECT COUNT() FROM Case')).resolves.toMatchObject({ totalSize: 0 });
    const cc = new Connection({
      oauth2: { loginUrl: info.loginUrl, ...info.clientCredentials },
      version: '62.0'
    });
    await expect(cc.authorize({ grant_type: 'client_credentials' })).resolves.toMatchObject({
      organizationId: expect.stringMatching(/^00D/)
    });
    const exit = new Promise<number | null>((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 180_000);

  it('prints help with exit 0 and refuses bad usage with exit 2', () => {
    const help = spawnSync(process.execPath, [cli(), '--help'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--port N/);
    const bad = spawnSync(process.execPath, [cli(), '--port', 'eighty'], {
      cwd: ROOT,
      env,
      encoding: 'utf8'
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a whole number/);
  }, 180_000);
});

describe('sandbox org snapshot', () => {
  it('keeps records across a restart when given a snapshot file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-org-'));
    const file = path.join(dir, 'org.json');
    const first = await startSandboxOrg({ port: 0, snapshotFile: file });
    const [caseId] = await first.insertAsSystem('Case', [{ Subject: 'Kept' }]);
    await first.stop();
    const second = await startSandboxOrg({ port: 0, snapshotFile: file });
    try {
      expect(second.users.staff.userId).toBe(first.users.staff.userId);
      const conn = new Connection({ loginUrl: second.loginUrl, version: '62.0' });
      await conn.login(second.users.staff.username, second.users.staff.password);
      const c = await conn.sobject('Case').retrieve(caseId);
      expect(c.Subject).toBe('Kept');
      const next = await conn.sobject('Case').create({ Subject: 'After restart' });
      expect(next.id).not.toBe(caseId);
    } finally {
      await second.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
