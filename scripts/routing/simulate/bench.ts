/**
 * `npm run bench:simulate` — how fast the routing simulation runs: one simulated year of 100,000 cases
 * with 200 staff and 40 skills (10 programs, 3 step roles, 25 languages, escalation, appeals), events per
 * second, and peak memory at 10,000 vs 100,000 cases (each size in its own process, so one run's heap
 * does not inflate the other's). Aim: under 10 s for the year; memory flat in the number of cases.
 * `-- --erlang` prints the simulated vs Erlang C table of the README instead.
 */
import { execFileSync } from 'node:child_process';
import { loadRoutingConfig, routingConfigSchema, type RoutingConfig } from '../config';
import { languageSkill, programSkill, rulesFromConfig, skillsFromConfig } from '../rules';
import { seededRandom } from '../../shared/prng';
import { simulate, type SimStaff, type SimulationModel } from './engine';
import { forecastSchema } from './forecast';
import { erlangC, estimate, relativeDifference } from './statistics';

const PROGRAMS = Array.from({ length: 10 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`);
const LANGUAGES = Array.from({ length: 25 }, (_, i) =>
  i === 0 ? 'English' : `Lang${String(i).padStart(2, '0')}`
);
const ROLES: [string, string][] = [
  ['Chaser', 'Role_Chaser'],
  ['Case Manager', 'Role_Case_Manager'],
  ['Reviewer', 'Role_Reviewer']
];

export function benchConfig(): RoutingConfig {
  return routingConfigSchema.parse({
    version: 1,
    programs: PROGRAMS,
    steps: Object.fromEntries(ROLES),
    languages: { values: LANGUAGES, whenBlank: 'English' },
    escalation: { skill: 'Escalations' },
    appeals: { skill: 'Appeals_Reviewer' },
    capacity: { perAgent: 100, caseWeight: 1 },
    offer: { pushTimeoutSeconds: 300 },
    priorities: {
      normal: 5,
      urgent: 1,
      escalated: 2,
      emergencies: {
        program: 'P01',
        levels: {
          'Life-Threatening': { routingPriority: 1, respondWithinHours: 18 },
          'Not Life-Threatening': { routingPriority: 3, respondWithinHours: 48 }
        }
      }
    },
    awaitingAssignmentQueue: { developerName: 'Awaiting_Assignment', label: 'Awaiting Assignment' },
    serviceChannel: { developerName: 'Case_Channel', label: 'Case' },
    presence: {
      statusDeveloperName: 'Available_Case',
      statusLabel: 'Available - Case',
      configDeveloperName: 'Omni_Assist_Staff',
      configLabel: 'Omni Assist Staff'
    },
    manualAssignment: { whenOwnerOffline: 'keep' }
  });
}

/** 200 people: a role each, four programs, English and two to four other languages, a third escalations. */
export function benchStaff(count = 200): SimStaff[] {
  const random = seededRandom(7);
  return Array.from({ length: count }, (_, i) => {
    const skills = new Set<string>([ROLES[i % 3][1], languageSkill('English')]);
    for (let k = 0; k < 4; k++) skills.add(programSkill(PROGRAMS[(i + k * 3) % PROGRAMS.length]));
    const languages = 2 + Math.floor(random() * 3);
    for (let k = 0; k < languages; k++) skills.add(languageSkill(LANGUAGES[1 + Math.floor(random() * 24)]));
    if (i % 3 === 0) skills.add('Escalations');
    return {
      username: `agent${i}@bench.example`,
      name: `Agent ${i}`,
      skills: [...skills].sort(),
      capacity: null
    };
  });
}

export function benchModel(casesPerYear: number): SimulationModel {
  const config = benchConfig();
  const languages: Record<string, number> = { English: 0.6 };
  for (const language of LANGUAGES.slice(1)) languages[language] = 0.4 / 24;
  const perDay = casesPerYear / 365 / PROGRAMS.length;
  const forecast = forecastSchema.parse({
    version: 1,
    horizonDays: 365,
    replications: 1,
    steps: {
      Chaser: {
        openHours: { lognormal: { median: 240, p90: 720 } },
        next: { step: 'Case Manager', share: 0.8 }
      },
      'Case Manager': {
        openHours: { lognormal: { median: 300, p90: 900 } },
        next: { step: 'Reviewer', share: 0.9 }
      },
      Reviewer: { openHours: { lognormal: { median: 120, p90: 480 } } }
    },
    arrivals: PROGRAMS.map((program) => ({
      program,
      step: 'Chaser',
      perDay,
      languages,
      urgentShare: 0.03,
      escalatedShare: 0.05,
      weekly: [1.3, 1.2, 1.1, 1, 1, 0.2, 0.2],
      ...(program === 'P01'
        ? { emergencyLevels: { 'Life-Threatening': 0.1, 'Not Life-Threatening': 0.3 } }
        : {})
    })),
    staff: { availableShare: 0.8, absenceShare: 0.05 },
    offers: { acceptSeconds: { lognormal: { median: 40, p90: 200 } } },
    manual: { share: 0.03 }
  });
  return {
    rules: rulesFromConfig(config),
    settings: { perAgent: 100, pushTimeoutSeconds: 300, manualWhenOwnerOffline: 'keep' },
    forecast,
    staff: benchStaff()
  };
}

interface ChildFigures {
  cases: number;
  events: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  skills: number;
  staff: number;
  worstP90Hours: number;
}

function runChild(cases: number): ChildFigures {
  const model = benchModel(cases);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = simulate(model, 1);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const routed = result.groups.reduce((sum, g) => sum + g.requests + g.manual, 0);
  return {
    cases: routed,
    events: result.events,
    seconds,
    cpuSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    skills: skillsFromConfig(benchConfig()).length,
    staff: model.staff.length,
    worstP90Hours: Math.max(...result.groups.map((g) => g.timeToAcceptance.quantile(0.9)))
  };
}

function child(cases: number): ChildFigures {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--child', String(cases)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as ChildFigures;
}

/**
 * The README's Erlang C table: the project's routing.yaml, one skill combination, 2 people × capacity 3
 * (c = 6), Poisson arrivals, exponential open times (mean 1 h), everyone Available, offers accepted at
 * once; 5 replications of 1,000 days after 20 days of warm-up.
 */
async function erlangTable(): Promise<string> {
  const config = await loadRoutingConfig();
  const servers = 6;
  const rows: string[] = [
    '| load | simulated mean wait (95% CI) | Erlang C mean wait | difference | simulated P(wait) | Erlang C P(wait) | Little L vs λW, worst run |',
    '| --- | --- | --- | --- | --- | --- | --- |'
  ];
  for (const load of [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) {
    const model: SimulationModel = {
      rules: rulesFromConfig(config),
      settings: { perAgent: 100, pushTimeoutSeconds: null, manualWhenOwnerOffline: 'keep' },
      forecast: forecastSchema.parse({
        version: 1,
        horizonDays: 1020,
        warmupDays: 20,
        steps: { Chaser: { openHours: { exponential: { mean: 1 } } } },
        arrivals: [
          { program: 'RAFT', step: 'Chaser', perDay: load * servers * 24, languages: { English: 1 } }
        ],
        staff: { alwaysAvailable: true }
      }),
      staff: [0, 1].map((i) => ({
        username: `agent${i}@bench.example`,
        name: `Agent ${i}`,
        skills: ['Language_English', 'Program_RAFT', 'Role_Chaser'],
        capacity: 3
      }))
    };
    const runs = [1, 2, 3, 4, 5].map((seed) => simulate(model, seed));
    const theory = erlangC(servers, load * servers, 1);
    const wait = estimate(runs.map((r) => r.exact.meanWaitHours));
    const waited = estimate(runs.map((r) => r.exact.waitedShare));
    const little = Math.max(
      ...runs.map((r) =>
        relativeDifference(
          r.little.waiting.meanNumber,
          r.little.waiting.arrivalRate * r.little.waiting.meanTime
        )
      )
    );
    const minutes = (h: number) => `${(h * 60).toFixed(2)} min`;
    rows.push(
      `| ${Math.round(load * 100)}% | ${minutes(wait.mean)} ± ${minutes(wait.halfWidth).replace(' min', '')} | ${minutes(theory.meanWait)} | ${((wait.mean / theory.meanWait - 1) * 100).toFixed(1)}% | ${(waited.mean * 100).toFixed(1)}% | ${(theory.probabilityOfWaiting * 100).toFixed(1)}% | ${(little * 100).toExponential(1)}% |`
    );
  }
  return rows.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const index = argv.indexOf('--child');
  if (index >= 0) {
    process.stdout.write(`${JSON.stringify(runChild(Number(argv[index + 1])))}\n`);
    return;
  }
  if (argv.includes('--erlang')) {
    process.stdout.write(`${await erlangTable()}\n`);
    return;
  }
  const small = child(10_000);
  const large = child(100_000);
  const rows = [
    ['cases per year (arrivals)', '10,000', '100,000'],
    ['routings (steps entered)', small.cases.toLocaleString('en-US'), large.cases.toLocaleString('en-US')],
    ['events', small.events.toLocaleString('en-US'), large.events.toLocaleString('en-US')],
    ['wall time, one simulated year', `${small.seconds.toFixed(2)} s`, `${large.seconds.toFixed(2)} s`],
    [
      'CPU time (the machine may be busy)',
      `${small.cpuSeconds.toFixed(2)} s`,
      `${large.cpuSeconds.toFixed(2)} s`
    ],
    [
      'events per second',
      Math.round(small.events / small.seconds).toLocaleString('en-US'),
      Math.round(large.events / large.seconds).toLocaleString('en-US')
    ],
    ['peak RSS', `${small.peakRssMb.toFixed(0)} MB`, `${large.peakRssMb.toFixed(0)} MB`]
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(
    `bench:simulate — ${large.staff} staff, ${large.skills} skills, 365 days, 1 replication\n` +
      rows.map((r) => `${r[0].padEnd(width)}  ${r[1].padStart(12)}  ${r[2].padStart(12)}`).join('\n') +
      `\npeak RSS at 100,000 / at 10,000 cases: ${(large.peakRssMb / small.peakRssMb).toFixed(2)} ` +
      `(aim: flat); one year of 100,000 cases in ${large.seconds.toFixed(1)} s (aim: under 10 s)\n`
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
