/**
 * `npm run bench:startup [-- --runs 5 --baseline-runs 1]` — how long a command takes to start.
 *
 * The sync worker is started the ways it can be run, each as its own process:
 * - `node <heap flags> dist/scripts/sync/cli.js`, what `npm run sync` runs (compiled by `npm run build`);
 * - `ts-node scripts/sync/cli.ts`, what the npm scripts ran before: the whole project type-checked at
 *   every start;
 * - `node -r ts-node/register/transpile-only scripts/sync/cli.ts`, the sources without type checking.
 * For each: the time to print `--help` and exit, and the time from spawning `--once` against the
 * sandbox org to the first HTTP request the org receives (the login), measured on a loopback relay in
 * front of the org. `npm run sync -- --help` adds npm's own start. Prints one `name: value` per line,
 * the median of the runs: wall time, and the CPU time the process used (from /proc, so a figure taken
 * on a busy machine still says what a start costs).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startSandboxOrg } from '../sandbox-org/index';
import { startSandboxPaymentSystem } from '../payment-system/sandbox';
import { projectPath, PROJECT_ROOT } from '../shared/paths';
import { median } from '../shared/stats';
import { WORKER_NODE_FLAGS } from '../sync/runtime';

interface Launcher {
  name: string;
  command: string;
  args: string[];
}

const CLI_SOURCE = path.join('scripts', 'sync', 'cli.ts');

function launchers(): Launcher[] {
  const compiled = projectPath('dist', 'scripts', 'sync', 'cli.js');
  if (!fs.existsSync(compiled)) throw new Error(`${compiled} is missing: run \`npm run build\` first`);
  return [
    { name: 'node dist', command: process.execPath, args: [...WORKER_NODE_FLAGS, compiled] },
    {
      name: 'ts-node, type-checking (before)',
      command: projectPath('node_modules', '.bin', 'ts-node'),
      args: [CLI_SOURCE]
    },
    {
      name: 'ts-node --transpile-only',
      command: process.execPath,
      args: ['-r', 'ts-node/register/transpile-only', CLI_SOURCE]
    }
  ];
}

interface Run {
  code: number | null;
  output: string;
  /** Milliseconds from spawn to exit. */
  exitMs: number;
  /** CPU milliseconds the process and its own children used (null where /proc is not available). */
  cpuMs: number | null;
}

/**
 * CPU time of this process's finished children so far, from /proc/self/stat (cutime + cstime, in the
 * kernel's 100 Hz ticks): on a busy machine it says what a start costs when the wall time cannot.
 */
function childrenCpuMs(): number | null {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

/** CPU time a running process has used so far (utime + stime in /proc/<pid>/stat), or null. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  started = performance.now(),
  onSpawn?: (pid: number) => void
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuMs();
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) onSpawn?.(child.pid);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const cpuAfter = childrenCpuMs();
      const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      resolve({ code, output, exitMs: performance.now() - started, cpuMs });
    });
  });
}

function expectSuccess(label: string, result: Run): Run {
  if (result.code !== 0) {
    throw new Error(`${label} exited ${result.code}:\n${result.output.split('\n').slice(-20).join('\n')}`);
  }
  return result;
}

/** A loopback TCP relay to `port` that notes when the first bytes of any request arrive (and calls onFirst). */
async function relay(
  port: number,
  onFirst: () => void
): Promise<{ url: string; firstRequestAt(): number | null; close(): Promise<void> }> {
  let first: number | null = null;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.once('data', () => {
      if (first !== null) return;
      first = performance.now();
      onFirst();
    });
    client.pipe(upstream).pipe(client);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.once('error', close).once('close', close);
    upstream.once('error', close).once('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: relayPort } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${relayPort}`,
    firstRequestAt: () => first,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    }
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Median wall time, and median CPU time when every run has one. */
function wallAndCpu(runs: { exitMs: number; cpuMs: number | null }[]): string {
  const cpu = runs.map((r) => r.cpuMs).filter((ms): ms is number => ms !== null);
  const wall = seconds(median(runs.map((r) => r.exitMs)));
  return cpu.length === runs.length ? `${wall} (CPU ${seconds(median(cpu))})` : wall;
}

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

async function main(): Promise<number> {
  let runs: number;
  let baselineRuns: number;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { runs: { type: 'string' }, 'baseline-runs': { type: 'string' } },
      strict: true
    });
    runs = Math.max(1, wholeNumber('runs', values.runs, 5));
    baselineRuns = wholeNumber('baseline-runs', values['baseline-runs'], 1);
  } catch (err) {
    process.stderr.write(
      `${(err as Error).message}\nUsage: npm run bench:startup -- [--runs 5] [--baseline-runs 1]\n` +
        '  --baseline-runs 0 skips the ts-node figures\n'
    );
    return 2;
  }
  const line = (name: string, value: string): void => {
    process.stdout.write(`${name}: ${value}\n`);
  };
  const all = launchers();
  const timesFor = (launcher: Launcher): number => (launcher.name === 'node dist' ? runs : baselineRuns);

  line('load average (1 min) at start', os.loadavg()[0].toFixed(2));
  for (const launcher of all) {
    const helps: Run[] = [];
    for (let i = 0; i < timesFor(launcher); i += 1) {
      const result = await run(launcher.command, [...launcher.args, '--help'], process.env);
      helps.push(expectSuccess(`${launcher.name} --help`, result));
    }
    if (helps.length > 0) line(`sync --help, ${launcher.name}`, wallAndCpu(helps));
  }
  const npmHelps: Run[] = [];
  for (let i = 0; i < runs; i += 1) {
    const result = await run('npm', ['run', '--silent', 'sync', '--', '--help'], process.env);
    npmHelps.push(expectSuccess('npm run sync -- --help', result));
  }
  line('npm run sync -- --help', wallAndCpu(npmHelps));

  const org = await startSandboxOrg({ port: 0 });
  const ps = await startSandboxPaymentSystem({ port: 0, fsync: false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  try {
    const configFile = path.join(dir, 'worker.json');
    const config = JSON.parse(fs.readFileSync(projectPath('config', 'worker.json'), 'utf8')) as {
      paymentSystem: Record<string, unknown>;
    };
    fs.writeFileSync(
      configFile,
      JSON.stringify({ ...config, paymentSystem: { ...config.paymentSystem, url: ps.url } })
    );
    const user = org.users.integration;
    const port = Number(new URL(org.loginUrl).port);
    for (const launcher of all) {
      const firstCall: { exitMs: number; cpuMs: number | null }[] = [];
      const cycles: Run[] = [];
      for (let i = 0; i < timesFor(launcher); i += 1) {
        let pid: number | undefined;
        let cpuAtFirst: number | null = null;
        const front = await relay(port, () => {
          cpuAtFirst = pid === undefined ? null : processCpuMs(pid);
        });
        try {
          const env = {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            SF_LOGIN_URL: front.url,
            SF_USERNAME: user.username,
            SF_PASSWORD: user.password,
            PAYMENT_SYSTEM_TOKEN: ps.token
          };
          const started = performance.now();
          const result = await run(
            launcher.command,
            [...launcher.args, '--config', configFile, '--once'],
            env,
            started,
            (spawned) => (pid = spawned)
          );
          cycles.push(expectSuccess(`${launcher.name} --once`, result));
          const first = front.firstRequestAt();
          if (first === null) throw new Error(`${launcher.name} --once never called the sandbox org`);
          firstCall.push({ exitMs: first - started, cpuMs: cpuAtFirst });
        } finally {
          await front.close();
        }
      }
      if (firstCall.length === 0) continue;
      line(`first Salesforce request, ${launcher.name}`, wallAndCpu(firstCall));
      line(`sync --once on an empty org (to exit), ${launcher.name}`, wallAndCpu(cycles));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await ps.stop();
    await org.stop();
  }
  line('runs', `${runs} (node dist, npm run), ${baselineRuns} (ts-node)`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`bench:startup failed: ${(err as Error).message}\n`);
      process.exitCode = 1;
    }
  );
}
