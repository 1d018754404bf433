/**
 * Issue 16 item 4: routing:check, routing:apply, the gallery and the sandboxes on a terminal print one
 * human line for a runtime failure (what failed, what to do), never pino JSON or a stack trace; --json
 * prints only JSON on stdout.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { cleanEnv, JSON_LOG, nodeCommand, ROOT, runInTerminal, tempHome } from './pty';

jest.setTimeout(240_000);

let home: string;
beforeAll(() => {
  home = tempHome();
});
afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

const STACK = /\n\s+at /;

describe('an org alias that is not logged in', () => {
  it.each([
    ['routing:check', 'scripts/routing/check.ts'],
    ['routing:apply', 'scripts/routing/apply.ts']
  ])('%s: one line saying how to log in', async (name, script) => {
    const run = await runInTerminal(
      nodeCommand(script, ['--target-org', 'nobody-logged-in']),
      cleanEnv(home)
    );
    expect(run.code).toBe(1);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(new RegExp(`^${name} failed: .*nobody-logged-in`));
    expect(run.lines[0]).toContain('Log in with: npx sf org login web --alias nobody-logged-in');
    expect(run.transcript).not.toMatch(JSON_LOG);
  });

  it('routing:check --json on a terminal: every line is JSON', async () => {
    const run = await runInTerminal(
      nodeCommand('scripts/routing/check.ts', ['--target-org', 'nobody-logged-in', '--json']),
      cleanEnv(home)
    );
    expect(run.code).toBe(1);
    for (const line of run.lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(run.transcript).toContain('sf org login web --alias nobody-logged-in');
  });
});

it('routing:check --json: stdout parses as one JSON document', async () => {
  const [node, ...args] = nodeCommand('scripts/routing/check.ts', ['--json']);
  const child = spawn(node, args, { cwd: ROOT, env: cleanEnv(home) });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  expect(() => JSON.parse(out) as unknown).not.toThrow();
  expect(JSON.parse(out)).toHaveProperty('ok');
});

it('npm run routing:check --json (npm keeps --json for itself): still JSON on stdout', async () => {
  const [node, ...args] = nodeCommand('scripts/routing/check.ts');
  const child = spawn(node, args, {
    cwd: ROOT,
    env: cleanEnv(home, { npm_lifecycle_event: 'routing:check', npm_config_json: 'true' })
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  expect(JSON.parse(out)).toHaveProperty('ok');
});

it('npm run routing:apply --target-org x (without --): exit 2 saying how to pass the flag', async () => {
  const run = await runInTerminal(
    nodeCommand('scripts/routing/apply.ts', ['x']),
    cleanEnv(home, { npm_lifecycle_event: 'routing:apply', npm_config_target_org: 'true' })
  );
  expect(run.code).toBe(2);
  expect(run.lines).toHaveLength(1);
  expect(run.lines[0]).toContain('npm run routing:apply -- --target-org');
});

describe('a port in use', () => {
  let blocker: net.Server;
  let port: number;
  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });

  it.each([
    ['npm run gallery', 'scripts/gallery/serve.ts'],
    ['npm run sandbox', 'scripts/sandbox/cli.ts'],
    ['npm run sandbox:org', 'scripts/sandbox-org/cli.ts'],
    ['npm run sandbox:payments', 'scripts/payment-system/cli.ts']
  ])('%s: one line naming the port and --port, no stack trace', async (_name, script) => {
    const run = await runInTerminal(nodeCommand(script, ['--port', String(port)]), cleanEnv(home));
    expect(run.code).toBe(1);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toContain(`Port ${port}`);
    expect(run.lines[0]).toContain('--port N');
    expect(run.transcript).not.toMatch(STACK);
    expect(run.transcript).not.toMatch(JSON_LOG);
  });

  it('npm run sandbox: a clash on the payment system port (--port + 1) names --payment-port', async () => {
    const run = await runInTerminal(
      nodeCommand('scripts/sandbox/cli.ts', ['--port', String(port - 1)]),
      cleanEnv(home)
    );
    // the port below may be taken by someone else too; then --port is the flag to change
    expect(run.code).toBe(1);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(
      run.lines[0].includes(`Port ${port}`) ? /--payment-port N .*defaults to --port \+ 1/ : /--port N/
    );
  });
});
