/** The simulation's inputs: the forecast file, the roster, the history an org gives, and their errors. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RoutingConfig } from '../../../scripts/routing/config';
import { InputFileError } from '../../../scripts/routing/roster';
import {
  FORECAST_SCHEMA_PATH,
  ForecastError,
  parseForecast,
  SAMPLE_FORECAST_PATH
} from '../../../scripts/routing/simulate/forecast';
import {
  forecastFromHistory,
  HistoryError,
  type AgentWorkRow,
  type CaseHistoryRow
} from '../../../scripts/routing/simulate/history';
import { renderForecastSchema } from '../../../scripts/routing/simulate/cli';
import type { OrgClient } from '../../../scripts/routing/org';
import {
  availableShares,
  parseSimulationRoster,
  readOrgStaff
} from '../../../scripts/routing/simulate/roster';
import { projectConfig } from './fixtures';

let config: RoutingConfig;
beforeAll(async () => {
  config = await projectConfig();
});

function problemsOf(text: string): string[] {
  try {
    parseForecast(text, config, 'config/what-if.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ForecastError);
    return (error as ForecastError).problems;
  }
  throw new Error('expected the forecast to be refused');
}

const VALID = `version: 1
steps:
  Chaser:
    openHours: { lognormal: { median: 10, p90: 40 } }
arrivals:
  - program: RAFT
    step: Chaser
    perDay: 12
    languages: { English: 0.8, Spanish: 0.2 }
`;

describe('forecast file', () => {
  it('accepts the sample forecast that ships in config/', async () => {
    const sample = parseForecast(await fs.readFile(SAMPLE_FORECAST_PATH, 'utf8'), config);
    expect(sample.arrivals.map((a) => a.program)).toEqual(['RAFT', 'ERMA', 'EAP', 'HCEC', 'CalFresh']);
    expect(sample.arrivals[0].surges).toEqual([{ fromDay: 21, days: 7, multiplier: 1.8 }]);
  });

  it('commits a JSON Schema generated from the zod schema', async () => {
    expect(await fs.readFile(FORECAST_SCHEMA_PATH, 'utf8')).toBe(renderForecastSchema());
  });

  it('refuses a program, a step, a language and an emergency level routing.yaml does not know, with file, line and key', () => {
    const text = VALID.replace('program: RAFT', 'program: RAFTT')
      .replace('step: Chaser\n    perDay', 'step: Intake\n    perDay')
      .replace('Spanish: 0.2', 'Klingon: 0.2')
      .concat('    emergencyLevels: { Urgent-ish: 0.1 }\n');
    expect(problemsOf(text)).toEqual([
      "config/what-if.yaml:6 arrivals[0].program: unknown program 'RAFTT' (routing.yaml programs: RAFT, ERMA, HCEC, EAP, CalFresh)",
      "config/what-if.yaml:7 arrivals[0].step: unknown step 'Intake' (routed steps: Chaser, Case Manager, Reviewer)",
      "config/what-if.yaml:9 arrivals[0].languages.Klingon: unknown language 'Klingon' (routing.yaml languages: English, Spanish, Portuguese, Haitian Creole, Chinese, Vietnamese)",
      'config/what-if.yaml:10 arrivals[0].emergencyLevels: only EAP cases have emergency levels',
      "config/what-if.yaml:10 arrivals[0].emergencyLevels.Urgent-ish: unknown emergency level 'Urgent-ish' (routing.yaml levels: Life-Threatening, Not Life-Threatening)"
    ]);
  });

  it.each(['0', '-4'])('refuses a rate of %s cases per day', (rate) => {
    expect(problemsOf(VALID.replace('perDay: 12', `perDay: ${rate}`))).toEqual([
      'config/what-if.yaml:8 arrivals[0].perDay: expected cases per day (a number above 0)'
    ]);
  });

  it('refuses a distribution whose p90 is below its median', () => {
    expect(problemsOf(VALID.replace('p90: 40', 'p90: 5'))).toEqual([
      'config/what-if.yaml:4 steps.Chaser.openHours.lognormal.p90: p90 must be above the median (a lognormal spreads upwards)'
    ]);
  });

  it('refuses unknown keys and unknown distributions', () => {
    expect(problemsOf(VALID.replace('perDay: 12', 'perDay: 12\n    perWeek: 3'))).toEqual([
      "config/what-if.yaml:9 arrivals[0].perWeek: unknown key 'perWeek'"
    ]);
    expect(problemsOf(VALID.replace('lognormal: { median: 10, p90: 40 }', 'gamma: { shape: 2 }'))).toEqual([
      'config/what-if.yaml:4 steps.Chaser.openHours: expected one of { lognormal: { median, p90 } }, { exponential: { mean } }, { fixed: { value } }'
    ]);
  });
});

describe('roster', () => {
  it('refuses a roster with no one, naming the file, the key and the line', () => {
    const text = '# nobody yet\nusername,name,skills,capacity\n';
    expect(() => parseSimulationRoster(text, 'config/empty.csv')).toThrow(InputFileError);
    expect(() => parseSimulationRoster(text, 'config/empty.csv')).toThrow(
      'config/empty.csv:2 username: the roster lists no one (add at least one row)'
    );
  });

  it('reads the project roster with skills and capacity overrides', async () => {
    const staff = parseSimulationRoster(
      await fs.readFile(path.resolve(__dirname, '../../../config/roster.csv'), 'utf8'),
      'config/roster.csv'
    );
    expect(staff).toHaveLength(11);
    expect(staff.find((s) => s.name === 'Carla Reyes')?.capacity).toBe(60);
  });

  it("turns an org's Available presence into each person's share of working hours", () => {
    const shares = availableShares(
      [
        { User: { Username: 'a@x.org' }, StatusDuration: 3600 * 30 },
        { User: { Username: 'a@x.org' }, StatusDuration: 3600 * 30 },
        { User: { Username: 'b@x.org' }, StatusDuration: 3600 * 500 }
      ],
      120
    );
    expect(shares.get('a@x.org')).toBeCloseTo(0.5);
    expect(shares.get('b@x.org')).toBe(1);
  });
});

describe('staff from an org', () => {
  function fakeOrg(presence: 'rows' | 'missing'): OrgClient {
    return {
      async queryAll<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
        if (soql.includes('FROM ServiceResourceSkill')) {
          return [
            {
              Id: 'k1',
              ServiceResourceId: 'r1',
              SkillId: 's1',
              EffectiveStartDate: null,
              EffectiveEndDate: null,
              Skill: { DeveloperName: 'Role_Chaser' }
            },
            {
              Id: 'k2',
              ServiceResourceId: 'r1',
              SkillId: 's2',
              EffectiveStartDate: null,
              EffectiveEndDate: null,
              Skill: { DeveloperName: 'Program_RAFT' }
            }
          ] as unknown as T[];
        }
        if (soql.includes('FROM ServiceResource')) {
          return [
            {
              Id: 'r1',
              Name: 'Ana Souza',
              RelatedRecordId: 'u1',
              IsActive: true,
              RelatedRecord: { Username: 'ana@x.org' }
            }
          ] as unknown as T[];
        }
        if (soql.includes('FROM UserServicePresence')) {
          if (presence === 'missing')
            throw new Error("INVALID_TYPE: sObject type 'UserServicePresence' is not supported");
          return [{ User: { Username: 'ana@x.org' }, StatusDuration: 3600 * 90 }] as unknown as T[];
        }
        throw new Error(`unexpected query ${soql}`);
      },
      create: () => Promise.resolve([]),
      update: () => Promise.resolve([])
    };
  }
  const options = {
    alias: 'my-org',
    availableStatus: 'Available_Case',
    workingHoursPerDay: 9,
    workdaysPerWeek: 5
  };

  it("reads agents, skills and each person's Available share", async () => {
    const { staff, presence } = await readOrgStaff(fakeOrg('rows'), options);
    expect(staff).toEqual([
      {
        username: 'ana@x.org',
        name: 'Ana Souza',
        skills: ['Program_RAFT', 'Role_Chaser'],
        capacity: null,
        availableShare: expect.any(Number)
      }
    ]);
    expect(staff[0].availableShare).toBeCloseTo(90 / ((30 / 7) * 5 * 9), 3);
    expect(presence).toBe('UserServicePresence, last 30 days (1 person with presence)');
  });

  it("falls back to the forecast's presence, and says why, when the org has no presence records", async () => {
    const { staff, presence } = await readOrgStaff(fakeOrg('missing'), options);
    expect(staff[0].availableShare).toBeUndefined();
    expect(presence).toMatch(/^the forecast's staff presence \(UserServicePresence unreadable: INVALID_TYPE/);
  });
});

describe('forecast from an org history', () => {
  const day = (n: number, hour = 10) => new Date(Date.UTC(2026, 8, 7 + n, hour)).toISOString(); // 2026-09-07 is a Monday
  const cases: CaseHistoryRow[] = Array.from({ length: 90 }, (_, i) => ({
    CreatedDate: day(i % 5),
    Program__c: i % 3 === 0 ? 'EAP' : 'RAFT',
    Processing_Step__c: ['Chaser', 'Case Manager', 'Reviewer', 'Approved'][i % 4],
    Client_Language__c: i % 10 === 0 ? 'Spanish' : null,
    Priority: i % 15 === 0 ? 'Urgent' : 'Medium',
    Escalated__c: i % 30 === 0,
    Emergency_Level__c: i % 3 === 0 && i % 2 === 0 ? 'Life-Threatening' : null,
    Assignment_Mode__c: i % 9 === 0 ? 'Manual' : 'Dynamic'
  }));
  const work: AgentWorkRow[] = Array.from({ length: 40 }, (_, i) => ({
    AcceptDateTime: day(0, 9),
    CloseDateTime: new Date(Date.parse(day(0, 9)) + (10 + i) * 3_600_000).toISOString(),
    SpeedToAnswer: 20 + i
  }));

  it('builds arrivals, the weekday pattern, chevron shares, open times and the manual share', () => {
    const forecast = forecastFromHistory(cases, work, config);
    const raft = forecast.arrivals.find((a) => a.program === 'RAFT');
    expect(raft?.perDay).toBeCloseTo(60 / 90, 3);
    expect(raft?.weekly?.slice(5)).toEqual([0, 0]);
    expect(forecast.arrivals.find((a) => a.program === 'EAP')?.emergencyLevels).toEqual({
      'Life-Threatening': 0.5
    });
    expect(forecast.steps.Chaser.next).toEqual({ step: 'Case Manager', share: 0.744 }); // 67 of 90 got past Chaser
    expect(forecast.steps.Chaser.openHours).toEqual({ lognormal: { median: 29, p90: 45 } });
    expect(forecast.manual.share).toBe(0.111);
  });

  it('says so when there is too little AgentWork to estimate open times', () => {
    expect(() => forecastFromHistory(cases, work.slice(0, 3), config)).toThrow(HistoryError);
  });
});
