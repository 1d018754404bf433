/**
 * `--from-org`: a forecast built from an org's last 90 days. Cases created in the period give the arrivals
 * per program (with their language, priority, escalation and emergency mix, the weekday pattern and the
 * share assigned by hand); how far cases got along the chevron gives the share moving from one routed step
 * to the next; closed AgentWork gives how long accepted work stays open and how fast offers are accepted.
 * AgentWork does not say which step a work item was in, so every routed step gets the same open-time
 * distribution: edit the written forecast where steps differ.
 */
import type { RoutingConfig } from '../config';
import { PROCESSING_STEPS } from '../config';
import type { OrgClient } from '../org';
import { stepSkills } from '../rules';
import { forecastSchema, type Distribution, type Forecast } from './forecast';

export const HISTORY_DAYS = 90;
/** Fewer closed work items than this and an open-time distribution would be a guess. */
const MIN_WORK_ITEMS = 10;

export interface CaseHistoryRow {
  CreatedDate: string;
  Program__c: string | null;
  Processing_Step__c: string | null;
  Client_Language__c: string | null;
  Priority: string | null;
  Escalated__c: boolean | null;
  Emergency_Level__c: string | null;
  Assignment_Mode__c: string | null;
}

export interface AgentWorkRow {
  AcceptDateTime: string | null;
  CloseDateTime: string | null;
  SpeedToAnswer: number | null;
}

export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryError';
  }
}

function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

/** A lognormal through the sample's median and 90th percentile; fixed when they coincide. */
export function fitDistribution(values: readonly number[]): Distribution {
  const sorted = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const p90 = quantile(sorted, 0.9);
  if (median > 0 && p90 > median) return { lognormal: { median: round(median), p90: round(p90) } };
  return { fixed: { value: round(median) } };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function shares(counts: Map<string, number>, total: number): Record<string, number> | undefined {
  if (counts.size === 0) return undefined;
  return Object.fromEntries([...counts.entries()].map(([key, n]) => [key, round(n / total)]));
}

/** The forecast the history implies. Pure. */
export function forecastFromHistory(
  cases: readonly CaseHistoryRow[],
  work: readonly AgentWorkRow[],
  config: RoutingConfig,
  days = HISTORY_DAYS
): Forecast {
  const routed = stepSkills(config).map(([step]) => step);
  if (routed.length === 0) throw new HistoryError('routing.yaml routes no step');
  const entry = routed[0];

  const openHours = work
    .filter((w) => w.AcceptDateTime && w.CloseDateTime)
    .map((w) => (Date.parse(w.CloseDateTime as string) - Date.parse(w.AcceptDateTime as string)) / 3_600_000);
  if (openHours.length < MIN_WORK_ITEMS) {
    throw new HistoryError(
      `only ${openHours.length} closed AgentWork rows in the last ${days} days; at least ${MIN_WORK_ITEMS} are needed to estimate how long steps keep cases open`
    );
  }
  const acceptSeconds = work
    .filter((w) => typeof w.SpeedToAnswer === 'number')
    .map((w) => w.SpeedToAnswer as number);
  const open = fitDistribution(openHours);

  const known = cases.filter((c) => c.Program__c && config.programs.includes(c.Program__c));
  if (known.length === 0) {
    throw new HistoryError(
      `no cases of a routed program (${config.programs.join(', ')}) created in the last ${days} days`
    );
  }

  // Share moving on from each routed step: cases that got past it among those that reached it.
  const order = (step: string | null) =>
    step ? PROCESSING_STEPS.indexOf(step as (typeof PROCESSING_STEPS)[number]) : -1;
  const steps: Forecast['steps'] = {};
  routed.forEach((step, i) => {
    const next = routed[i + 1];
    const reached = known.filter((c) => order(c.Processing_Step__c) >= order(step)).length;
    const past = next ? known.filter((c) => order(c.Processing_Step__c) >= order(next)).length : 0;
    steps[step] = {
      openHours: open,
      ...(next && reached > 0 ? { next: { step: next, share: round(past / reached) } } : {})
    };
  });

  const programs = [...new Set(known.map((c) => c.Program__c as string))].sort();
  const arrivals = programs.map((program) => {
    const mine = known.filter((c) => c.Program__c === program);
    const languages = new Map<string, number>();
    const levels = new Map<string, number>();
    const weekdays = [0, 0, 0, 0, 0, 0, 0];
    for (const c of mine) {
      const language = c.Client_Language__c ?? config.languages.whenBlank;
      if (language && config.languages.values.includes(language)) {
        languages.set(language, (languages.get(language) ?? 0) + 1);
      }
      if (c.Emergency_Level__c && program === config.priorities.emergencies.program) {
        levels.set(c.Emergency_Level__c, (levels.get(c.Emergency_Level__c) ?? 0) + 1);
      }
      weekdays[(new Date(c.CreatedDate).getUTCDay() + 6) % 7]++;
    }
    const meanPerWeekday = mine.length / 7;
    const languageTotal = [...languages.values()].reduce((sum, n) => sum + n, 0);
    return {
      program,
      step: entry,
      perDay: round(mine.length / days),
      ...(languageTotal > 0 ? { languages: shares(languages, languageTotal) } : {}),
      urgentShare: round(mine.filter((c) => c.Priority === 'Urgent').length / mine.length),
      escalatedShare: round(mine.filter((c) => c.Escalated__c === true).length / mine.length),
      ...(levels.size > 0 ? { emergencyLevels: shares(levels, mine.length) } : {}),
      weekly: weekdays.map((n) => round(n / meanPerWeekday))
    };
  });

  return forecastSchema.parse({
    version: 1,
    horizonDays: 28,
    warmupDays: 7,
    steps,
    arrivals,
    offers: {
      acceptSeconds: acceptSeconds.length > 0 ? fitDistribution(acceptSeconds) : { fixed: { value: 0 } }
    },
    manual: { share: round(known.filter((c) => c.Assignment_Mode__c === 'Manual').length / known.length) }
  });
}

/** Reads the last 90 days from an org; a missing object (no Omni-Channel) is a HistoryError saying so. */
export async function readOrgHistory(
  client: OrgClient,
  alias: string
): Promise<{ cases: CaseHistoryRow[]; work: AgentWorkRow[] }> {
  const read = async <T extends Record<string, unknown>>(what: string, soql: string): Promise<T[]> => {
    try {
      return await client.queryAll<T>(soql);
    } catch (error) {
      throw new HistoryError(
        `cannot build a forecast from org ${alias}: reading ${what} failed (${(error as Error).message}). ` +
          '--from-org needs Omni-Channel (AgentWork) and the omni-assist Case fields; write a forecast instead ' +
          '(see config/forecast.sample.yaml) and pass it with --forecast'
      );
    }
  };
  const cases = await read<CaseHistoryRow & Record<string, unknown>>(
    'Case',
    `SELECT CreatedDate, Program__c, Processing_Step__c, Client_Language__c, Priority, Escalated__c, Emergency_Level__c, Assignment_Mode__c FROM Case WHERE CreatedDate = LAST_N_DAYS:${HISTORY_DAYS}`
  );
  const work = await read<AgentWorkRow & Record<string, unknown>>(
    'AgentWork',
    `SELECT AcceptDateTime, CloseDateTime, SpeedToAnswer FROM AgentWork WHERE AcceptDateTime = LAST_N_DAYS:${HISTORY_DAYS}`
  );
  return { cases, work };
}
