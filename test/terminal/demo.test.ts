/**
 * Issue 16 item 3: the running demo (`npm start`) on a terminal tells where the report is, keeps it
 * current while running, announces a quarantined payment once and ends with a summary on Ctrl-C.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Reconciliation } from '../../scripts/sync/reconciliation';
import { cleanEnv, inTerminal, JSON_LOG, nodeCommand, runInTerminal, tempHome, visibleLines } from './pty';

jest.setTimeout(300_000);

const DEMO = 'scripts/demo/start.ts';

let home: string;
let reports: string;
beforeEach(() => {
  home = tempHome();
  reports = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-reports-'));
});
afterEach(() => {
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(reports, { recursive: true, force: true });
});

it('prints the report path at the start, writes the report while running, announces a quarantine once, and sums up on Ctrl-C', async () => {
  const html = path.join(reports, 'reconciliation.html');
  const run = inTerminal(nodeCommand(DEMO, ['--reports', reports, '--interval', '100']), {
    env: cleanEnv(home)
  });
  try {
    await run.waitFor(/Sync worker running/);
    const beforeWorker = run.transcript().split('Sync worker running')[0];
    expect(beforeWorker).toContain(`Reconciliation report: ${html}`);

    // the first cycle submits and flags: the report is on disk while the demo still runs
    await run.waitFor(/✔ cycle 1:/);
    await run.waitFor(/cycle 6 ·/);
    expect(run.child.exitCode).toBeNull();
    const written = JSON.parse(
      fs.readFileSync(path.join(reports, 'reconciliation.json'), 'utf8')
    ) as Reconciliation;
    expect(written.quarantined.map((q) => q.reason)).toContain('Cannot submit: the payment needs a payee.');
    expect(fs.existsSync(html)).toBe(true);

    run.interrupt();
    expect(await run.exit).toBe(0);
  } finally {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  }
  const lines = visibleLines(run.transcript());
  expect(run.transcript()).not.toMatch(JSON_LOG);
  // P-000016 has no payee: refused every cycle, announced once
  expect(lines.filter((l) => /quarantined: Cannot submit: the payment needs a payee/.test(l))).toHaveLength(
    1
  );
  const summary = lines.findIndex((l) => /^Stopped after \d+ cycles: submitted \d+, mirrored \d+/.test(l));
  expect(summary).toBeGreaterThan(-1);
  expect(Number(/^Stopped after (\d+) cycles/.exec(lines[summary])?.[1])).toBeGreaterThanOrEqual(6);
  expect(lines.slice(summary + 1).join('\n')).toContain(`Reconciliation report: ${html}`);
});

it('npm start --once (npm keeps --once for itself): runs once anyway and says how to pass it', async () => {
  const run = await runInTerminal(
    nodeCommand(DEMO, ['--reports', reports]),
    cleanEnv(home, { npm_lifecycle_event: 'start', npm_config_once: 'true' })
  );
  expect(run.code).toBe(0);
  expect(run.transcript).toContain('npm start -- --once');
  expect(run.lines).toContainEqual(expect.stringMatching(/^Ran 1 cycle: submitted \d+/));
  expect(fs.existsSync(path.join(reports, 'reconciliation.html'))).toBe(true);
});

it('npm start --interval 500 (npm keeps the flag and passes its value on): exit 2, saying how to pass it', async () => {
  const run = await runInTerminal(
    nodeCommand(DEMO, ['500']),
    cleanEnv(home, { npm_lifecycle_event: 'start', npm_config_interval: 'true' })
  );
  expect(run.code).toBe(2);
  expect(run.lines).toHaveLength(1);
  expect(run.lines[0]).toContain('npm start -- --interval');
});
