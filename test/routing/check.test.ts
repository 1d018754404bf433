import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { main as checkMain } from '../../scripts/routing/check';
import { parseRoutingConfig } from '../../scripts/routing/config';
import { analyzeCoverage, closestSkill, editDistance } from '../../scripts/routing/coverage';
import type { OrgClient } from '../../scripts/routing/org';
import { parseRoster, type StaffMember } from '../../scripts/routing/roster';
import { rulesFromConfig } from '../../scripts/routing/rules';
import { captureOutput, readConfigText, REPO_ROOT, tempDir } from './helpers';

const ALL_PROGRAMS = ['Program_RAFT', 'Program_ERMA', 'Program_HCEC', 'Program_EAP', 'Program_CalFresh'];
const ALL_LANGUAGES = [
  'Language_English',
  'Language_Spanish',
  'Language_Portuguese',
  'Language_Haitian_Creole',
  'Language_Chinese',
  'Language_Vietnamese'
];

function person(username: string, skills: string[], capacity: number | null = null): StaffMember {
  return { username, name: username, skills, capacity };
}

/** Two people per role holding everything: every combination covered twice. */
function fullRoster(): StaffMember[] {
  const staff: StaffMember[] = [];
  for (const role of ['Role_Chaser', 'Role_Case_Manager', 'Role_Reviewer']) {
    for (const n of [1, 2]) {
      staff.push(
        person(`${role}-${n}@x.org`, [
          role,
          ...ALL_PROGRAMS,
          ...ALL_LANGUAGES,
          'Escalations',
          'Appeals_Reviewer'
        ])
      );
    }
  }
  return staff;
}

describe('routing coverage', () => {
  let config: ReturnType<typeof parseRoutingConfig>;
  beforeAll(async () => {
    config = parseRoutingConfig(await readConfigText());
  });

  it('finds nothing to report when everyone holds everything twice', () => {
    const report = analyzeCoverage(config, rulesFromConfig(config), fullRoster(), null);
    expect(report.uncovered).toEqual([]);
    expect(report.singleHolder).toEqual([]);
    expect(report.combinations).toBe(3 * 5 * 6 * 2 + 5);
  });

  it('reports every combination nobody holds, and the open cases that will wait', () => {
    const staff = fullRoster().map((member) =>
      member.skills.includes('Role_Reviewer')
        ? { ...member, skills: member.skills.filter((skill) => skill !== 'Language_Vietnamese') }
        : member
    );
    const report = analyzeCoverage(config, rulesFromConfig(config), staff, [
      {
        caseNumber: '00009',
        fields: {
          Program__c: 'EAP',
          Processing_Step__c: 'Reviewer',
          Client_Language__c: 'Vietnamese',
          Escalated__c: false
        }
      },
      {
        caseNumber: '00010',
        fields: {
          Program__c: 'EAP',
          Processing_Step__c: 'Draft',
          Client_Language__c: 'Vietnamese',
          Escalated__c: false
        }
      }
    ]);
    // 5 programs x escalated or not: Vietnamese reviews nobody can take.
    expect(report.uncovered).toHaveLength(10);
    expect(
      report.uncovered.every((combo) => combo.step === 'Reviewer' && combo.language === 'Vietnamese')
    ).toBe(true);
    expect(report.uncovered.find((combo) => combo.program === 'EAP' && !combo.escalated)?.openCases).toBe(1);
    expect(report.stuckCases).toEqual([
      { caseNumber: '00009', skills: ['Language_Vietnamese', 'Program_EAP', 'Role_Reviewer'] }
    ]);
  });

  it('reports combinations held by one person only, and appeal reviewers per program', () => {
    const staff = fullRoster();
    staff[0] = { ...staff[0], skills: staff[0].skills.filter((skill) => skill !== 'Program_RAFT') };
    const report = analyzeCoverage(config, rulesFromConfig(config), staff, null);
    const chaserRaft = report.singleHolder.filter(
      (combo) => combo.step === 'Chaser' && combo.program === 'RAFT'
    );
    expect(chaserRaft).toHaveLength(12);
    expect(chaserRaft.every((combo) => combo.holders[0] === 'Role_Chaser-2@x.org')).toBe(true);
    const noAppeals = staff.map((member) => ({
      ...member,
      skills: member.skills.filter((skill) => skill !== 'Appeals_Reviewer')
    }));
    const appeals = analyzeCoverage(config, rulesFromConfig(config), noAppeals, null).uncovered;
    expect(appeals.map((combo) => `${combo.step}:${combo.program}`)).toEqual(
      config.programs.map((program) => `Appeal review:${program}`)
    );
  });

  it('counts each step capacity (person override or default) against its open cases', () => {
    const staff = fullRoster();
    staff[0] = { ...staff[0], capacity: 50 };
    const openCases = Array.from({ length: 30 }, (_, i) => ({
      caseNumber: String(i),
      fields: {
        Program__c: 'RAFT',
        Processing_Step__c: i < 20 ? 'Chaser' : 'Reviewer',
        Client_Language__c: 'English'
      }
    }));
    const report = analyzeCoverage(config, rulesFromConfig(config), staff, openCases);
    expect(report.capacity).toEqual([
      {
        step: 'Chaser',
        roleSkill: 'Role_Chaser',
        staff: 2,
        capacity: 150,
        openCases: 20,
        demand: 20,
        loadPercent: 13.3
      },
      {
        step: 'Case Manager',
        roleSkill: 'Role_Case_Manager',
        staff: 2,
        capacity: 200,
        openCases: 0,
        demand: 0,
        loadPercent: 0
      },
      {
        step: 'Reviewer',
        roleSkill: 'Role_Reviewer',
        staff: 2,
        capacity: 200,
        openCases: 10,
        demand: 10,
        loadPercent: 5
      }
    ]);
  });

  it('flags roster skills the configuration does not define', () => {
    const staff = [person('ana@x.org', ['Role_Chaser', 'Program_LIHEAP'])];
    expect(analyzeCoverage(config, rulesFromConfig(config), staff, null).unknownSkills).toEqual([
      { username: 'ana@x.org', skill: 'Program_LIHEAP', suggestion: null }
    ]);
  });
});

describe('routing:check command', () => {
  async function writeRoster(lines: string[]): Promise<string> {
    const dir = await tempDir('routing-check');
    const file = path.join(dir, 'roster.csv');
    await fs.writeFile(file, ['username,name,skills,capacity', ...lines].join('\n') + '\n');
    return file;
  }

  it('passes on the example roster with a table of single holders and capacity', async () => {
    const output = captureOutput();
    expect(await checkMain(['--verbose'], output)).toBe(0);
    expect(output.stdout()).toContain('Every one of the 185 skill combinations has at least one person.');
    expect(output.stdout()).toContain('Capacity by step:');
    expect(output.stdout()).toMatch(/^OK: all 185 combinations covered; \d+ held by only one person\./);
  });

  it('exits 1 and lists the combinations nobody holds', async () => {
    const roster = await writeRoster([`ana@x.org,Ana,Role_Chaser;Program_RAFT;Language_English,`]);
    const output = captureOutput();
    expect(await checkMain(['--roster', roster, '--verbose'], output)).toBe(1);
    const text = output.stdout();
    expect(text).toMatch(/NOBODY HOLDS these \d+ skill combinations/);
    expect(text).toMatch(
      /Reviewer\s+EAP\s+Vietnamese\s+yes\s+Escalations \+ Language_Vietnamese \+ Program_EAP \+ Role_Reviewer/
    );
    expect(text).toMatch(/^FAIL: \d+ combination\(s\) have no one\./);
  });

  it('--json gives the same findings to machines', async () => {
    const roster = await writeRoster([`ana@x.org,Ana,Role_Chaser;Program_RAFT;Language_English,`]);
    const output = captureOutput();
    expect(await checkMain(['--roster', roster, '--json'], output)).toBe(1);
    const report = JSON.parse(output.stdout());
    expect(report.ok).toBe(false);
    expect(report.singleHolder).toEqual([
      expect.objectContaining({
        step: 'Chaser',
        program: 'RAFT',
        language: 'English',
        escalated: false,
        holders: ['ana@x.org']
      })
    ]);
    expect(report.uncovered).toHaveLength(report.combinations - 1);
  });

  it('reports a bad roster row with file and line, exit 1', async () => {
    const roster = await writeRoster(['ana@x.org,Ana,,']);
    const output = captureOutput();
    expect(await checkMain(['--roster', roster], output)).toBe(1);
    expect(output.stderr()).toMatch(/roster\.csv:2 skills: expected skills separated by ;/);
  });

  it('exits 2 on bad usage and 0 on --help', async () => {
    const bad = captureOutput();
    expect(await checkMain(['--target-org'], bad)).toBe(2);
    expect(bad.stderr()).toContain('Usage: npm run routing:check');
    const help = captureOutput();
    expect(await checkMain(['-h'], help)).toBe(0);
    expect(help.stdout()).toContain('--target-org ALIAS');
  });

  it('with --target-org reads staff skills and open cases from the org', async () => {
    const queries: string[] = [];
    const client: OrgClient = {
      async queryAll<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
        queries.push(soql);
        if (soql.includes('FROM ServiceResourceSkill')) {
          return [
            {
              Id: 'srs1',
              ServiceResourceId: 'sr1',
              SkillId: 's1',
              Skill: { DeveloperName: 'Role_Chaser' },
              EffectiveStartDate: '2020-01-01T00:00:00.000Z',
              EffectiveEndDate: null
            },
            {
              Id: 'srs2',
              ServiceResourceId: 'sr1',
              SkillId: 's2',
              Skill: { DeveloperName: 'Program_EAP' },
              EffectiveStartDate: '2020-01-01T00:00:00.000Z',
              EffectiveEndDate: null
            },
            {
              Id: 'srs3',
              ServiceResourceId: 'sr1',
              SkillId: 's3',
              Skill: { DeveloperName: 'Language_English' },
              EffectiveStartDate: '2020-01-01T00:00:00.000Z',
              EffectiveEndDate: '2021-01-01T00:00:00.000Z'
            }
          ] as unknown as T[];
        }
        if (soql.includes('FROM ServiceResource')) {
          return [
            {
              Id: 'sr1',
              Name: 'Ana',
              RelatedRecordId: '005A',
              IsActive: true,
              RelatedRecord: { Username: 'ana@x.org' }
            }
          ] as unknown as T[];
        }
        if (soql.includes('FROM Case')) {
          return [
            {
              CaseNumber: '00077',
              Program__c: 'EAP',
              Processing_Step__c: 'Chaser',
              Client_Language__c: 'English',
              Escalated__c: false
            }
          ] as unknown as T[];
        }
        throw new Error(`unexpected query ${soql}`);
      },
      create: async () => [],
      update: async () => []
    };
    const output = captureOutput();
    const code = await checkMain(['--target-org', 'omni-dev', '--json'], output, {
      connect: async () => client
    });
    expect(code).toBe(1);
    const report = JSON.parse(output.stdout());
    expect(report.rosterSource).toContain('org omni-dev');
    // The English skill ended last year, so the EAP chaser case waits.
    expect(report.stuckCases).toEqual([
      { caseNumber: '00077', skills: ['Language_English', 'Program_EAP', 'Role_Chaser'] }
    ]);
    expect(queries.find((q) => q.includes('FROM Case'))).toContain(
      "Processing_Step__c IN ('Chaser', 'Case Manager', 'Reviewer')"
    );
  });
});

describe('issue 12 item 15: routing:check refuses clashing or over-long names', () => {
  it("exits 1 naming the key and line when 'EAP!' and 'EAP?' clean up to the same API name", async () => {
    const dir = await tempDir('routing-clash');
    const configFile = path.join(dir, 'routing.yaml');
    const text = (await readConfigText()).replace('  - CalFresh', '  - CalFresh\n  - EAP!\n  - EAP?');
    await fs.writeFile(configFile, text);
    const line = text.split('\n').findIndex((l) => l.includes('EAP?')) + 1;
    const output = captureOutput();
    expect(await checkMain(['--config', configFile], output)).toBe(1);
    expect(output.stderr()).toContain(
      `routing.yaml:${line} programs[6]: 'EAP?' makes the same skill API name (Program_EAP) as 'EAP' at programs[3]`
    );
  });
});

describe('issue 16 item 7: routing:check an admin can scan (the command as an admin runs it)', () => {
  /**
   * Default output budget for the shipped configuration and roster: one screen of the usual terminal,
   * 80 columns by 24 lines. Output longer than a screen scrolls its first lines, the verdict, out of sight.
   */
  const WIDTH = 80;
  const HEIGHT = 24;

  interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
  }

  function runCheck(args: string[]): Run {
    const result = spawnSync(
      path.join(REPO_ROOT, 'node_modules/.bin/ts-node'),
      ['--transpile-only', 'scripts/routing/check.ts', ...args],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } }
    );
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  function lines(text: string): string[] {
    return text.replace(/\n$/, '').split('\n');
  }

  async function rosterCopy(edit: (text: string) => string): Promise<{ file: string; text: string }> {
    const text = edit(await fs.readFile(path.join(REPO_ROOT, 'config/roster.csv'), 'utf8'));
    const file = path.join(await tempDir('routing-check-roster'), 'roster.csv');
    await fs.writeFile(file, text);
    return { file, text };
  }

  async function configCopy(text: string): Promise<string> {
    const file = path.join(await tempDir('routing-check-config'), 'routing.yaml');
    await fs.writeFile(file, text);
    return file;
  }

  it('on the shipped files leads with the verdict and fits one 80x24 screen', () => {
    const run = runCheck([]);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out[0]).toMatch(/^OK: all 185 combinations covered; \d+ held by only one person\.$/);
    expect(out[1]).toBe('Roster: config/roster.csv (11 people). Open cases: not given.');
    expect(out.length).toBeLessThanOrEqual(HEIGHT);
    expect(out.filter((line) => line.length > WIDTH)).toEqual([]);
    // The people whose absence uncovers the most, with what they alone hold, most first.
    const away = out.findIndex((line) => line.startsWith('If one of these people is away'));
    expect(away).toBeGreaterThan(0);
    const people = out
      .slice(away + 1)
      .map((line) => /^ {2}(\S+@\S+) .*: (\d+) combinations?$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null);
    expect(people.length).toBe(3);
    const counts = people.map((match) => Number(match[2]));
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(people[0][1]).toBe('ben.pierre@omni-assist.example');
    expect(run.stdout).toContain(
      '    Chaser · any program · Haitian Creole, Chinese, Vietnamese ·\n      escalated or not'
    );
    expect(out).toContain('Capacity: not compared with open cases (give --cases FILE or --target-org).');
    expect(out[out.length - 1]).toBe('Full tables: --verbose.');
    // The full tables are not in the default output.
    expect(run.stdout).not.toContain('Held by only one person (');
  }, 60_000);

  it('--verbose adds the full tables: every single-held combination and capacity by step', () => {
    const run = runCheck(['--verbose']);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out[0]).toMatch(/^OK: all 185 combinations covered; (\d+) held by only one person\.$/);
    const single = Number(/held by only one person \((\d+)\)/i.exec(run.stdout)?.[1]);
    expect(run.stdout).toContain(`Held by only one person (${single}):`);
    expect(out[0]).toContain(`${single} held by only one person`);
    const rows = out.filter((line) => /@omni-assist\.example$/.test(line) && / \d+ {2,}\S+@/.test(line));
    expect(rows).toHaveLength(single);
    expect(run.stdout).toMatch(/Reviewer\s+Role_Reviewer\s+4\s+350\s+-\s+-/);
    // Every person who alone holds something is listed, not just the top three.
    expect(run.stdout).not.toContain('more people');
  }, 60_000);

  it('--json is pure JSON on stdout with the same findings as the analysis', async () => {
    const run = runCheck(['--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const config = parseRoutingConfig(await readConfigText());
    const staff = parseRoster(await fs.readFile(path.join(REPO_ROOT, 'config/roster.csv'), 'utf8'));
    const analysis = analyzeCoverage(config, rulesFromConfig(config), staff, null);
    expect(report).toEqual({
      ok: true,
      rosterSource: 'config/roster.csv',
      casesSource: null,
      ...analysis,
      unknownSkills: []
    });
    expect(report.absence[0]).toEqual({ username: 'ben.pierre@omni-assist.example', combinations: 30 });
  }, 60_000);

  it('reports a roster skill typo first, with the roster line and the closest defined skill', async () => {
    const { file, text } = await rosterCopy((roster) =>
      roster.replace(
        'jo.murphy@omni-assist.example,Jo Murphy,Role_Reviewer;',
        'jo.murphy@omni-assist.example,Jo Murphy,Role_Reviewr;'
      )
    );
    const line = text.split('\n').findIndex((row) => row.includes('Role_Reviewr')) + 1;
    expect(line).toBeGreaterThan(1);
    const run = runCheck(['--roster', file]);
    const out = lines(run.stdout);
    expect(out[0]).toBe(`${file} line ${line}: unknown skill Role_Reviewr — did you mean Role_Reviewer?`);
    // Then the verdict. Jo held only what others hold too, so nothing is uncovered: exit 0 as documented.
    expect(out[1]).toBe('');
    expect(out[2]).toMatch(/^OK: all 185 combinations covered; \d+ held by only one person\.$/);
    expect(run.code).toBe(0);

    const json = JSON.parse(runCheck(['--roster', file, '--json']).stdout);
    expect(json.unknownSkills).toEqual([
      { username: 'jo.murphy@omni-assist.example', skill: 'Role_Reviewr', suggestion: 'Role_Reviewer', line }
    ]);
  }, 60_000);

  it('exits 1 naming the uncovered combinations, their waiting cases and short steps in the default output', async () => {
    const { file } = await rosterCopy((roster) => roster.replace(/;Language_Portuguese/g, ''));
    const casesFile = path.join(await tempDir('routing-check-cases'), 'cases.csv');
    const caseRows = [
      ...Array.from({ length: 400 }, (_, i) => `R${i},EAP,Reviewer,English,false`),
      'P1,HCEC,Chaser,Portuguese,true',
      'P2,RAFT,Chaser,Portuguese,false'
    ];
    await fs.writeFile(
      casesFile,
      ['CaseNumber,Program__c,Processing_Step__c,Client_Language__c,Escalated__c', ...caseRows].join('\n') +
        '\n'
    );
    const run = runCheck(['--roster', file, '--cases', casesFile]);
    expect(run.code).toBe(1);
    const out = lines(run.stdout);
    // 3 steps x 5 programs x escalated or not, Portuguese: 30 combinations nobody holds.
    expect(out[0]).toBe('FAIL: 30 combination(s) have no one.');
    expect(out[1]).toBe('2 open cases wait with nobody able to take them (listed with --verbose).');
    expect(out).toContain('Nobody holds these; cases needing them wait in Awaiting Assignment:');
    expect(out).toContain('  Chaser · any program · Portuguese · escalated or not — 2 open cases');
    expect(out).toContain('  Case Manager · any program · Portuguese · escalated or not');
    expect(out).toContain("Short of capacity (open cases need more than the step's staff can hold):");
    expect(out).toContain('  Reviewer: 400 open cases need 400 capacity; 4 people hold 350 (114.3%)');
    expect(out.filter((line) => line.length > WIDTH)).toEqual([]);
  }, 60_000);

  it('suggests the defined skill closest by edit distance, and nothing when none is a likely typo', () => {
    const defined = [
      'Role_Chaser',
      'Role_Case_Manager',
      'Role_Reviewer',
      'Program_EAP',
      'Language_Portuguese'
    ];
    expect(editDistance('Role_Reviewr', 'Role_Reviewer')).toBe(1);
    expect(editDistance('Role_Chasre', 'Role_Chaser')).toBe(1);
    expect(closestSkill('Role_Reviewr', defined)).toBe('Role_Reviewer');
    expect(closestSkill('role_chaser', defined)).toBe('Role_Chaser');
    expect(closestSkill('Role_Chasre', defined)).toBe('Role_Chaser');
    expect(closestSkill('Language_Portugese', defined)).toBe('Language_Portuguese');
    expect(closestSkill('Program_LIHEAP', defined)).toBeNull();
    expect(closestSkill('Supervisor', defined)).toBeNull();
  });

  it('names the person and the closest skill for an unknown skill in an org roster', async () => {
    const skill = (id: string, name: string) => ({
      Id: id,
      ServiceResourceId: 'sr1',
      SkillId: id,
      Skill: { DeveloperName: name },
      EffectiveStartDate: '2020-01-01T00:00:00.000Z',
      EffectiveEndDate: null
    });
    const client: OrgClient = {
      async queryAll<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
        if (soql.includes('FROM ServiceResourceSkill')) {
          return [skill('s1', 'Role_Chasre'), skill('s2', 'Program_EAP')] as unknown as T[];
        }
        if (soql.includes('FROM ServiceResource')) {
          return [
            {
              Id: 'sr1',
              Name: 'Ana',
              RelatedRecordId: '005A',
              IsActive: true,
              RelatedRecord: { Username: 'ana@x.org' }
            }
          ] as unknown as T[];
        }
        return [] as T[];
      },
      create: async () => [],
      update: async () => []
    };
    const output = captureOutput();
    expect(await checkMain(['--target-org', 'omni-dev'], output, { connect: async () => client })).toBe(1);
    const [first, , verdict] = output.stdout().split('\n');
    expect(first).toBe(
      'org omni-dev (ServiceResource / ServiceResourceSkill): ana@x.org holds unknown skill Role_Chasre — did you mean Role_Chaser?'
    );
    expect(verdict).toBe('FAIL: 185 combination(s) have no one.');
  });

  it('documents --verbose in the help and refuses it with --json (exit 2)', async () => {
    const help = captureOutput();
    expect(await checkMain(['--help'], help)).toBe(0);
    expect(help.stdout()).toContain('--verbose');
    expect(help.stdout()).toContain(
      'Exit codes: 0 every combination has someone, 1 a combination has no one'
    );
    const both = captureOutput();
    expect(await checkMain(['--json', '--verbose'], both)).toBe(2);
    expect(both.stderr()).toContain('--verbose and --json do not go together');
    expect(both.stdout()).toBe('');
  });

  describe('YAML syntax errors name the line of the mistake', () => {
    let text: string;
    let configLines: string[];
    beforeAll(async () => {
      text = await readConfigText();
      configLines = text.replace(/\n$/, '').split('\n');
    });

    function withLine(line: number, content: string): string {
      const copy = [...configLines];
      copy[line - 1] = content;
      return copy.join('\n') + '\n';
    }

    it('an unclosed [ in the middle of the file: its own line, not the next', async () => {
      const line = configLines.indexOf('  - RAFT') + 1;
      const run = runCheck(['--config', await configCopy(withLine(line, '  - [RAFT'))]);
      expect(run.code).toBe(1);
      expect(lines(run.stderr)[0]).toMatch(
        new RegExp(`routing\\.yaml:${line} the \\[ opened on this line is never closed`)
      );
    }, 60_000);

    it('a mistake on the last line names the last line', async () => {
      const last = configLines.length;
      const run = runCheck(['--config', await configCopy(withLine(last, '  whenOwnerOffline: keep: x'))]);
      expect(run.code).toBe(1);
      expect(lines(run.stderr)[0]).toMatch(new RegExp(`routing\\.yaml:${last} `));
    }, 60_000);

    it('a quote left open at the end of the file names its line, never one past the end', async () => {
      const last = configLines.length;
      const broken = withLine(last, '  whenOwnerOffline: "keep');
      const run = runCheck(['--config', await configCopy(broken)]);
      expect(run.code).toBe(1);
      const [first] = lines(run.stderr);
      expect(first).toMatch(
        new RegExp(`routing\\.yaml:${last} the quote " opened on this line is never closed`)
      );
      const named = [...run.stderr.matchAll(/routing\.yaml:(\d+)/g)].map((match) => Number(match[1]));
      expect(Math.max(...named)).toBeLessThanOrEqual(last);
    }, 60_000);
  });
});
