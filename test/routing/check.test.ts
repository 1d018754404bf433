import { promises as fs } from 'node:fs';
import path from 'node:path';
import { main as checkMain } from '../../scripts/routing/check';
import { parseRoutingConfig } from '../../scripts/routing/config';
import { analyzeCoverage } from '../../scripts/routing/coverage';
import type { OrgClient } from '../../scripts/routing/org';
import type { StaffMember } from '../../scripts/routing/roster';
import { rulesFromConfig } from '../../scripts/routing/rules';
import { captureOutput, readConfigText, tempDir } from './helpers';

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
      { username: 'ana@x.org', skill: 'Program_LIHEAP' }
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
    expect(await checkMain([], output)).toBe(0);
    expect(output.stdout()).toContain('Every one of the 185 skill combinations has at least one person.');
    expect(output.stdout()).toContain('Capacity by step:');
    expect(output.stdout()).toMatch(/OK: all 185 combinations covered; \d+ held by only one person\./);
  });

  it('exits 1 and lists the combinations nobody holds', async () => {
    const roster = await writeRoster([`ana@x.org,Ana,Role_Chaser;Program_RAFT;Language_English,`]);
    const output = captureOutput();
    expect(await checkMain(['--roster', roster], output)).toBe(1);
    const text = output.stdout();
    expect(text).toMatch(/NOBODY HOLDS these \d+ skill combinations/);
    expect(text).toMatch(
      /Reviewer\s+EAP\s+Vietnamese\s+yes\s+Escalations \+ Language_Vietnamese \+ Program_EAP \+ Role_Reviewer/
    );
    expect(text).toMatch(/FAIL: \d+ combination\(s\) have no one\./);
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
