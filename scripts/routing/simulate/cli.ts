/**
 * `npm run routing:simulate` — try a roster against a forecast before a surge: omni-assist's routing
 * replayed as a discrete-event simulation, with the waits, the Awaiting Assignment queue, each person's
 * load, the EAP emergency clocks and the one change that would help most.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../shared/paths';
import { stringify } from 'yaml';
import {
  createLogger,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  parseCommand,
  processOutput,
  UsageError,
  type Output
} from '../cli-common';
import { DEFAULT_CONFIG_PATH, displayPath, loadRoutingConfig, RoutingConfigError } from '../config';
import { connectTargetOrg, type OrgClient } from '../org';
import { DEFAULT_ROSTER_PATH, InputFileError } from '../roster';
import { rulesFromConfig, stepSkills } from '../rules';
import type { SimStaff, SimulationModel } from './engine';
import {
  FORECAST_SCHEMA_PATH,
  ForecastError,
  forecastJsonSchema,
  loadForecast,
  type Forecast
} from './forecast';
import { forecastFromHistory, HistoryError, readOrgHistory } from './history';
import { recommend, type Recommendations } from './recommendations';
import { renderHtml, renderSummaryText } from './report';
import { loadSimulationRoster, readOrgStaff } from './roster';
import { runReplications } from './summary';

export const SIMULATE_HELP = `Try a roster against a forecast: omni-assist's routing as a discrete-event simulation.

Usage: npm run routing:simulate -- --forecast FILE [--roster FILE | --target-org ALIAS] [options]
       npm run routing:simulate -- --target-org ALIAS --from-org [options]

Simulates the routing rules of config/routing.yaml (all required skills, capacity, most available person,
priority then oldest, push timeout, Awaiting Assignment, presence, manual assignment) on the forecast and
reports, per program and step, the median, p90 and p99 time to acceptance and time in Awaiting
Assignment, the queue depth over time, each person's load, the EAP emergencies answered within their
clock, and the single skill grant and the single hire that would help most.

Options:
  --forecast FILE        forecast (see config/forecast.sample.yaml)
  --config FILE          routing configuration (default: config/routing.yaml)
  --roster FILE          staff CSV: username,name,skills,capacity (default: config/roster.csv)
  --target-org ALIAS     read staff, skills and presence from an org authorized with the Salesforce CLI
  --from-org             with --target-org: build the forecast from the org's last 90 days of Cases and
                         AgentWork (written to --write-forecast) instead of --forecast
  --write-forecast FILE  where --from-org writes its forecast (default: reports/forecast.from-org.yaml)
  --seed N               seed of the first replication (default: the forecast's)
  --replications N       independent runs for the confidence intervals (default: the forecast's)
  --out DIR              report folder (default: reports); writes routing-simulation.html and .json
  --no-recommend         skip the recommendations (each candidate is a full simulation)
  --write-schema         regenerate config/forecast.schema.json and exit
  --json                 the summary as JSON on stdout
  -h, --help             show this help

Exit codes: 0 success, 1 failure (an org unreachable or without history), 2 bad usage or bad input
(the message names the file, the key and the line).`;

export interface SimulateDependencies {
  connect: (alias: string) => Promise<OrgClient>;
  /** Progress display; only given when stdout is a terminal. */
  progress?: (text: string) => void;
  now?: () => Date;
}

const defaultDependencies = (): SimulateDependencies => ({
  connect: connectTargetOrg,
  progress: process.stdout.isTTY ? (text) => process.stdout.write(`\r${text.padEnd(60)}`) : undefined
});

/** The JSON Schema file content, formatted by the repository's prettier (run as its own process). */
export function renderForecastSchema(file = FORECAST_SCHEMA_PATH): string {
  const prettierCli = require.resolve('prettier/bin/prettier.cjs');
  return execFileSync(process.execPath, [prettierCli, '--stdin-filepath', file], {
    input: JSON.stringify(forecastJsonSchema()),
    encoding: 'utf8',
    cwd: PROJECT_ROOT
  });
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`${name} expects a positive integer`);
  return parsed;
}

export async function main(
  argv: string[],
  output: Output = processOutput,
  dependencies: SimulateDependencies = defaultDependencies()
): Promise<number> {
  const log = createLogger('routing-simulate');
  const values = parseCommand(
    argv,
    {
      forecast: { type: 'string' },
      config: { type: 'string' },
      roster: { type: 'string' },
      'target-org': { type: 'string' },
      'from-org': { type: 'boolean' },
      'write-forecast': { type: 'string' },
      seed: { type: 'string' },
      replications: { type: 'string' },
      out: { type: 'string' },
      'no-recommend': { type: 'boolean' },
      'write-schema': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    },
    SIMULATE_HELP,
    output,
    (parsed) => {
      if (parsed['write-schema']) return;
      if (parsed['target-org'] !== undefined && parsed['target-org'].trim() === '') {
        throw new UsageError('--target-org needs an alias or username');
      }
      if (parsed['from-org'] && !parsed['target-org']) throw new UsageError('--from-org needs --target-org');
      if (parsed['from-org'] && parsed.forecast)
        throw new UsageError('give --forecast or --from-org, not both');
      if (!parsed['from-org'] && !parsed.forecast) throw new UsageError('--forecast FILE is required');
      if (parsed.seed !== undefined && !Number.isInteger(Number(parsed.seed))) {
        throw new UsageError('--seed expects an integer');
      }
      positiveInteger('--replications', parsed.replications);
    }
  );
  if (typeof values === 'number') return values;
  if (values['write-schema']) {
    await fs.writeFile(FORECAST_SCHEMA_PATH, renderForecastSchema());
    output.out(`wrote ${displayPath(FORECAST_SCHEMA_PATH)}`);
    return EXIT_OK;
  }
  const json = Boolean(values.json);
  const fail = (code: number, message: string, problems: string[] = []): number => {
    output.err(json ? JSON.stringify({ ok: false, error: message, problems }) : message);
    return code;
  };
  try {
    const configPath = values.config ? path.resolve(values.config) : DEFAULT_CONFIG_PATH;
    const config = await loadRoutingConfig(configPath);
    const rules = rulesFromConfig(config);
    const alias = values['target-org'];
    const client = alias ? await dependencies.connect(alias) : null;

    let forecast: Forecast;
    let forecastSource: string;
    if (values['from-org'] && client && alias) {
      const history = await readOrgHistory(client, alias);
      forecast = forecastFromHistory(history.cases, history.work, config);
      const target = path.resolve(values['write-forecast'] ?? 'reports/forecast.from-org.yaml');
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(
        target,
        `# Built by routing:simulate --from-org from org ${alias}'s last 90 days.\n${stringify(forecast)}`
      );
      forecastSource = `${displayPath(target)} (from org ${alias})`;
    } else {
      const forecastPath = path.resolve(values.forecast as string);
      forecast = await loadForecast(forecastPath, config);
      forecastSource = displayPath(forecastPath);
    }

    let staff: SimStaff[];
    let rosterSource: string;
    let presenceSource = 'the forecast (staff)';
    if (values.roster || !client || !alias) {
      const rosterPath = values.roster ? path.resolve(values.roster) : DEFAULT_ROSTER_PATH;
      staff = await loadSimulationRoster(rosterPath);
      rosterSource = displayPath(rosterPath);
    } else {
      const orgStaff = await readOrgStaff(client, {
        alias,
        availableStatus: config.presence.statusDeveloperName,
        workingHoursPerDay: forecast.staff.endHour - forecast.staff.startHour,
        workdaysPerWeek: forecast.staff.workdays.length
      });
      staff = orgStaff.staff;
      rosterSource = `org ${alias} (ServiceResource / ServiceResourceSkill)`;
      presenceSource = orgStaff.presence;
    }

    const model: SimulationModel = {
      rules,
      settings: {
        perAgent: config.capacity.perAgent,
        pushTimeoutSeconds: config.offer.pushTimeoutSeconds,
        manualWhenOwnerOffline: config.manualAssignment.whenOwnerOffline
      },
      forecast,
      staff
    };
    const seed = values.seed !== undefined ? Number(values.seed) : forecast.seed;
    const replications = positiveInteger('--replications', values.replications) ?? forecast.replications;
    const show = json ? undefined : dependencies.progress;
    const summary = runReplications(model, {
      seed,
      replications,
      onProgress: show ? (f) => show(`simulating ${Math.round(f * 100)}%`) : undefined
    });
    let recommendations: Recommendations | null = null;
    if (!values['no-recommend']) {
      recommendations = recommend(model, summary, {
        seed,
        replications,
        roleSkills: stepSkills(config).map(([, skill]) => skill),
        onProgress: show ? (f) => show(`trying changes ${Math.round(f * 100)}%`) : undefined
      });
    }
    show?.('');
    if (show) process.stdout.write('\r');

    const outDir = path.resolve(values.out ?? 'reports');
    await fs.mkdir(outDir, { recursive: true });
    const htmlPath = path.join(outDir, 'routing-simulation.html');
    const inputs = {
      configSource: displayPath(configPath),
      rosterSource,
      forecastSource,
      presenceSource,
      generatedAt: (dependencies.now ?? (() => new Date()))().toISOString()
    };
    const result = { ok: true, inputs, seed, replications, summary, recommendations };
    await fs.writeFile(htmlPath, renderHtml(summary, recommendations, inputs));
    await fs.writeFile(path.join(outDir, 'routing-simulation.json'), `${JSON.stringify(result, null, 2)}\n`);
    log.info({ worstP90Hours: summary.objective.worstP90Hours }, 'routing simulation finished');
    output.out(
      json
        ? JSON.stringify(result, null, 2)
        : renderSummaryText(summary, recommendations, displayPath(htmlPath))
    );
    return EXIT_OK;
  } catch (error) {
    if (
      error instanceof RoutingConfigError ||
      error instanceof ForecastError ||
      error instanceof InputFileError
    ) {
      return fail(EXIT_USAGE, error.message, error.problems);
    }
    if (error instanceof HistoryError) return fail(EXIT_FAILURE, error.message);
    const message = (error as Error).message ?? String(error);
    log.error({ err: message }, 'routing simulation failed');
    return fail(EXIT_FAILURE, `routing:simulate failed: ${message}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
