/**
 * The forecast a what-if simulation runs on (config/forecast.sample.yaml): arrivals per program and step,
 * how long each step keeps a case open, staff presence, how quickly offers are accepted and the share
 * assigned by hand. Validated with zod; every mistake is reported as `file:line key: problem`, and names
 * the routing configuration does not know (a program, a step, a language, an emergency level) are
 * mistakes too.
 */
import { promises as fs } from 'node:fs';
import { projectPath } from '../../shared/paths';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { displayPath, keyPath, lineOf, type RoutingConfig } from '../config';
import { stepSkills } from '../rules';

export const FORECAST_SCHEMA_PATH = projectPath('config', 'forecast.schema.json');
export const SAMPLE_FORECAST_PATH = projectPath('config', 'forecast.sample.yaml');

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const positive = (what: string) =>
  z
    .number({ error: `expected ${what} (a number above 0)` })
    .positive({ error: `expected ${what} (a number above 0)` })
    .finite({ error: `expected ${what} (a number above 0)` });

const share = z
  .number({ error: 'expected a share between 0 and 1' })
  .min(0, { error: 'expected a share between 0 and 1' })
  .max(1, { error: 'expected a share between 0 and 1' });

/** A duration distribution; the unit (hours or seconds) is in the key that holds it. */
export const distributionSchema = z.union(
  [
    z.strictObject({
      lognormal: z
        .strictObject({
          median: positive('the median'),
          p90: positive('the 90th percentile')
        })
        .refine((d) => d.p90 > d.median, {
          error: 'p90 must be above the median (a lognormal spreads upwards)',
          path: ['p90']
        })
    }),
    z.strictObject({ exponential: z.strictObject({ mean: positive('the mean') }) }),
    z.strictObject({ fixed: z.strictObject({ value: z.number().min(0, { error: 'expected 0 or more' }) }) })
  ],
  { error: 'expected one of { lognormal: { median, p90 } }, { exponential: { mean } }, { fixed: { value } }' }
);
export type Distribution = z.output<typeof distributionSchema>;

const weights = z
  .record(z.string().min(1), z.number().min(0, { error: 'expected a weight of 0 or more' }))
  .refine((w) => Object.values(w).some((v) => v > 0), { error: 'expected at least one weight above 0' });

const surge = z.strictObject({
  fromDay: z
    .number()
    .int()
    .min(0, { error: 'expected a day number from 0' })
    .describe('First day (0 = day one).'),
  days: z.number().int().positive({ error: 'expected a positive number of days' }),
  multiplier: positive('a multiplier')
});

const arrivalStream = z.strictObject({
  program: z.string().min(1).describe('Program__c of the cases (a program in routing.yaml).'),
  step: z.string().min(1).describe('Chevron step the cases enter (a routable step in routing.yaml).'),
  perDay: positive('cases per day').describe('Average new cases per day.'),
  languages: weights
    .optional()
    .describe('Client_Language__c mix, e.g. { English: 0.7, Spanish: 0.3 }; default: the blank language.'),
  urgentShare: share.default(0).describe('Share with Priority = Urgent.'),
  escalatedShare: share.default(0).describe('Share escalated (needs the escalation skill).'),
  emergencyLevels: weights
    .optional()
    .describe('Emergency_Level__c shares (EAP); the rest have no emergency level.'),
  weekly: z
    .array(z.number().min(0, { error: 'expected a multiplier of 0 or more' }), {
      error: 'expected 7 multipliers, Monday first'
    })
    .length(7, { error: 'expected 7 multipliers, Monday first' })
    .optional()
    .describe('Multiplier per weekday, Monday first (a weekly pattern).'),
  surges: z.array(surge).default([]).describe('Periods when arrivals are multiplied.')
});
export type ArrivalStream = z.output<typeof arrivalStream>;

const stepForecast = z.strictObject({
  openHours: distributionSchema.describe('How long the step keeps a case open once accepted (hours).'),
  next: z
    .strictObject({
      step: z.string().min(1).describe('The step the case moves to when this one ends.'),
      share: share.describe('Share of cases that move on (the rest close).')
    })
    .optional()
});
export type StepForecast = z.output<typeof stepForecast>;

export const forecastSchema = z
  .strictObject({
    version: z.literal(1, { error: 'expected 1' }),
    horizonDays: positive('a number of days').default(28).describe('Simulated days.'),
    warmupDays: z
      .number()
      .min(0, { error: 'expected 0 or more days' })
      .default(0)
      .describe('Days before statistics start (the system fills up).'),
    seed: z.number().int().default(1).describe('Same seed, same result.'),
    replications: z.number().int().min(1).max(200).default(5).describe('Independent runs for intervals.'),
    steps: z
      .record(z.string().min(1), stepForecast)
      .describe('Per routable step: open time and where cases go next.'),
    arrivals: z.array(arrivalStream).min(1, { error: 'expected at least one arrival stream' }),
    staff: z
      .strictObject({
        alwaysAvailable: z.boolean().default(false).describe('Everyone Available around the clock.'),
        workdays: z
          .array(z.enum(WEEKDAYS, { error: `expected a weekday: ${WEEKDAYS.join(', ')}` }))
          .default(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']),
        startHour: z.number().min(0).max(24).default(8),
        endHour: z.number().min(0).max(24).default(17),
        availableShare: share.default(0.85).describe('Share of the working day spent Available.'),
        absenceShare: share.default(0).describe('Share of working days a person is away (days off).')
      })
      .refine((s) => s.alwaysAvailable || s.endHour > s.startHour, {
        error: 'endHour must be after startHour',
        path: ['endHour']
      })
      .default({
        alwaysAvailable: false,
        workdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
        startHour: 8,
        endHour: 17,
        availableShare: 0.85,
        absenceShare: 0
      }),
    offers: z
      .strictObject({
        acceptSeconds: distributionSchema.describe('Time from offer to acceptance (seconds).')
      })
      .default({ acceptSeconds: { fixed: { value: 0 } } }),
    manual: z
      .strictObject({ share: share.describe('Share of cases a person assigns by hand (out of balancing).') })
      .default({ share: 0 })
  })
  .refine((f) => f.warmupDays < f.horizonDays, {
    error: 'must be less than horizonDays',
    path: ['warmupDays']
  });

export type Forecast = z.output<typeof forecastSchema>;

export class ForecastError extends Error {
  constructor(
    message: string,
    readonly problems: string[]
  ) {
    super(message);
    this.name = 'ForecastError';
  }
}

interface Problem {
  path: (string | number)[];
  message: string;
}

/** Names in the forecast that the routing configuration does not know. */
export function crossCheck(forecast: Forecast, config: RoutingConfig): Problem[] {
  const problems: Problem[] = [];
  const steps = stepSkills(config).map(([step]) => step);
  const stepList = steps.join(', ');
  const levels = Object.keys(config.priorities.emergencies.levels);
  for (const step of Object.keys(forecast.steps)) {
    if (!steps.includes(step)) {
      problems.push({ path: ['steps', step], message: `unknown step '${step}' (routed steps: ${stepList})` });
    }
    const next = forecast.steps[step].next;
    if (next && !steps.includes(next.step)) {
      problems.push({
        path: ['steps', step, 'next', 'step'],
        message: `unknown step '${next.step}' (routed steps: ${stepList})`
      });
    }
  }
  forecast.arrivals.forEach((stream, i) => {
    const at = (...rest: (string | number)[]) => ['arrivals', i, ...rest];
    if (!config.programs.includes(stream.program)) {
      problems.push({
        path: at('program'),
        message: `unknown program '${stream.program}' (routing.yaml programs: ${config.programs.join(', ')})`
      });
    }
    if (!steps.includes(stream.step)) {
      problems.push({
        path: at('step'),
        message: `unknown step '${stream.step}' (routed steps: ${stepList})`
      });
    } else if (!forecast.steps[stream.step]) {
      problems.push({
        path: at('step'),
        message: `step '${stream.step}' has no entry under steps (openHours)`
      });
    }
    for (const language of Object.keys(stream.languages ?? {})) {
      if (!config.languages.values.includes(language)) {
        problems.push({
          path: at('languages', language),
          message: `unknown language '${language}' (routing.yaml languages: ${config.languages.values.join(', ')})`
        });
      }
    }
    if (stream.emergencyLevels) {
      if (stream.program !== config.priorities.emergencies.program) {
        problems.push({
          path: at('emergencyLevels'),
          message: `only ${config.priorities.emergencies.program} cases have emergency levels`
        });
      }
      const total = Object.values(stream.emergencyLevels).reduce((sum, v) => sum + v, 0);
      if (total > 1) {
        problems.push({
          path: at('emergencyLevels'),
          message: 'emergency level shares add up to more than 1'
        });
      }
      for (const level of Object.keys(stream.emergencyLevels)) {
        if (!levels.includes(level)) {
          problems.push({
            path: at('emergencyLevels', level),
            message: `unknown emergency level '${level}' (routing.yaml levels: ${levels.join(', ')})`
          });
        }
      }
    }
    stream.surges.forEach((s, j) => {
      if (s.fromDay >= forecast.horizonDays) {
        problems.push({ path: at('surges', j, 'fromDay'), message: 'starts after the simulated horizon' });
      }
    });
  });
  return problems;
}

/** Parses and validates forecast YAML against the routing configuration; throws ForecastError. */
export function parseForecast(text: string, config: RoutingConfig, file = 'forecast.yaml'): Forecast {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => {
      const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
      return `${file}:${line} ${error.message.split('\n')[0]}`;
    });
    throw new ForecastError(problems.join('\n'), problems);
  }
  const located = (where: readonly PropertyKey[], message: string) =>
    `${file}:${lineOf(doc, lineCounter, where)} ${keyPath(where) || '(top level)'}: ${message}`;
  const result = forecastSchema.safeParse(doc.toJS());
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => located([...issue.path, key], `unknown key '${key}'`));
      }
      const missing = issue.code === 'invalid_type' && !doc.hasIn(issue.path as unknown[]);
      return [located(issue.path, missing ? `missing; ${issue.message}` : issue.message)];
    });
    throw new ForecastError(problems.join('\n'), problems);
  }
  const problems = crossCheck(result.data, config).map((p) => located(p.path, p.message));
  if (problems.length > 0) throw new ForecastError(problems.join('\n'), problems);
  return result.data;
}

export async function loadForecast(file: string, config: RoutingConfig): Promise<Forecast> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new ForecastError(`${displayPath(file)}: cannot read (${(error as Error).message})`, []);
  }
  return parseForecast(text, config, displayPath(file));
}

/** JSON Schema of the forecast file, for editors (yaml-language-server). */
export function forecastJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(forecastSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: 'omni-assist routing forecast',
    description:
      'Arrivals, step open times, staff presence and offer acceptance for npm run routing:simulate.'
  };
}
