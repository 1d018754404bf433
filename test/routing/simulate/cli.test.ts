/** `npm run routing:simulate` end to end: the summary, the report files, --json, bad input and --from-org. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Connection } from 'jsforce';
import { clientFromConnection } from '../../../scripts/routing/org';
import { main } from '../../../scripts/routing/simulate/cli';
import { startSandboxOrg, type SandboxOrg } from '../../../scripts/sandbox-org/index';
import { captureOutput, tempDir } from '../helpers';
import { REPO_ROOT } from './fixtures';

const SAMPLE = path.join(REPO_ROOT, 'config/forecast.sample.yaml');
const noOrg = { connect: () => Promise.reject(new Error('no org in this test')) };

describe('routing:simulate', () => {
  let out: string;
  beforeAll(async () => {
    out = await tempDir('routing-simulate');
  });

  it('writes the report and prints the worst waits, the emergencies and the top recommendations', async () => {
    const output = captureOutput();
    const code = await main(['--forecast', SAMPLE, '--replications', '1', '--out', out], output, noOrg);
    expect(output.stderr()).toBe('');
    expect(code).toBe(0);
    const text = output.stdout();
    expect(text).toMatch(/^Routing what-if: 28 days after 7 warm-up, 1 replication, 11 staff/);
    expect(text).toContain('Worst waits (time from routing to acceptance):');
    expect(text).toMatch(/Emergencies answered in time: Life-Threatening within 18 h \d+%/);
    expect(text).toMatch(/Best (skill grant|hire): |none of \d+ single changes/);
    expect(text).toContain('routing-simulation.html');
    const html = await fs.readFile(path.join(out, 'routing-simulation.html'), 'utf8');
    expect(html).toContain('<svg class="chart" role="img" aria-label="Queue depth over time"');
    expect(html).toContain('aria-label="Time to acceptance per program and step"');
    expect(html).toContain('aria-label="Load per person"');
    expect(html).toContain('Carla Reyes');
    const json = JSON.parse(await fs.readFile(path.join(out, 'routing-simulation.json'), 'utf8'));
    expect(json.summary.little.holds).toBe(true);
  }, 120_000);

  it('prints the same result as JSON with --json, and is deterministic for a seed', async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const output = captureOutput();
      expect(
        await main(
          [
            '--forecast',
            SAMPLE,
            '--replications',
            '1',
            '--no-recommend',
            '--seed',
            '9',
            '--out',
            out,
            '--json'
          ],
          output,
          { ...noOrg, now: () => new Date(0) }
        )
      ).toBe(0);
      runs.push(JSON.parse(output.stdout()));
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0].summary.seeds).toEqual([9]);
    expect(runs[0].recommendations).toBeNull();
    const eap = runs[0].summary.groups.find(
      (g: { program: string; step: string }) => g.program === 'EAP' && g.step === 'Chaser'
    );
    expect(Object.keys(eap.timeToAcceptance)).toEqual(['p50', 'p90', 'p99', 'mean']);
  }, 30_000);

  it('shows a progress line only when given a terminal, never with --json', async () => {
    const argv = ['--forecast', SAMPLE, '--replications', '1', '--no-recommend', '--out', out];
    const lines: string[] = [];
    const progress = (text: string) => lines.push(text);
    expect(await main(argv, captureOutput(), { ...noOrg, progress })).toBe(0);
    expect(lines).toContain('simulating 100%');
    lines.length = 0;
    expect(await main([...argv, '--json'], captureOutput(), { ...noOrg, progress })).toBe(0);
    expect(lines).toEqual([]);
  }, 30_000);

  it('exits 2 naming the file, key and line of a bad forecast', async () => {
    const bad = path.join(out, 'bad.yaml');
    await fs.writeFile(bad, (await fs.readFile(SAMPLE, 'utf8')).replace('perDay: 8', 'perDay: -8'));
    const output = captureOutput();
    expect(await main(['--forecast', bad, '--out', out], output, noOrg)).toBe(2);
    expect(output.stderr()).toMatch(
      /bad\.yaml:\d+ arrivals\[1\]\.perDay: expected cases per day \(a number above 0\)/
    );
  });

  it('exits 2 on a roster with no one', async () => {
    const empty = path.join(out, 'empty.csv');
    await fs.writeFile(empty, 'username,name,skills,capacity\n');
    const output = captureOutput();
    expect(await main(['--forecast', SAMPLE, '--roster', empty, '--out', out], output, noOrg)).toBe(2);
    expect(output.stderr()).toContain('empty.csv:1 username: the roster lists no one');
  });

  it('exits 2 on bad usage', async () => {
    for (const argv of [[], ['--from-org'], ['--forecast', SAMPLE, '--replications', '0']]) {
      const output = captureOutput();
      expect(await main(argv, output, noOrg)).toBe(2);
      expect(output.stderr()).toContain('Usage: npm run routing:simulate');
    }
  });

  describe('--from-org against the sandbox org', () => {
    let org: SandboxOrg;
    beforeAll(async () => {
      org = await startSandboxOrg({ port: 0 });
      await org.insertAsSystem('Case', [{ Subject: 'RAFT arrears', Program__c: 'RAFT' }], { as: 'staff' });
    });
    afterAll(async () => {
      await org.stop();
    });

    it('reads the cases, and says clearly that an org without AgentWork cannot give a forecast', async () => {
      const connect = async () =>
        clientFromConnection(
          new Connection({
            instanceUrl: org.instanceUrl,
            accessToken: org.accessTokenFor('admin'),
            version: org.apiVersion
          }) as never
        );
      const output = captureOutput();
      const code = await main(['--target-org', 'sandbox', '--from-org', '--out', out], output, { connect });
      expect(code).toBe(1);
      expect(output.stderr()).toMatch(
        /^cannot build a forecast from org sandbox: reading AgentWork failed \(.*AgentWork.*\)\. --from-org needs Omni-Channel \(AgentWork\)/
      );
    });
  });
});
