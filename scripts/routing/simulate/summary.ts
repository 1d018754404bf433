/**
 * Replications of the simulation, summarised: percentiles from the pooled histograms, 95% confidence
 * intervals from the spread between replications, the worst wait and the emergencies missed (what the
 * recommendations try to reduce), and whether Little's law held on every run. Pure functions.
 */
import { simulate, type ReplicationResult, type SimulationModel } from './engine';
import { estimate, Histogram, relativeDifference, type Estimate } from './statistics';

/** Groups with fewer routing requests than this (over all replications) are too thin to call the worst. */
const MIN_REQUESTS_FOR_WORST = 10;

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
}

export interface GroupSummary {
  program: string;
  step: string;
  /** Per replication (means). */
  requests: number;
  accepted: number;
  stillWaiting: number;
  manual: number;
  /** Hours from the routing request to acceptance. */
  timeToAcceptance: Percentiles;
  p90Interval: Estimate;
  /** Hours spent in Awaiting Assignment (nobody qualified with room, or nobody Available). */
  awaitingAssignment: Percentiles;
  /** Share of requests that waited in Awaiting Assignment at all. */
  awaitedShare: number;
}

export interface EmergencySummary {
  level: string;
  respondWithinHours: number;
  /** Per replication (means). */
  due: number;
  answeredInTime: number;
  missed: number;
  shareInTime: Estimate;
}

export interface StaffSummary {
  username: string;
  name: string;
  capacity: number;
  skills: readonly string[];
  accepted: number;
  manualAssigned: number;
  meanLoad: number;
  peakLoad: number;
  utilisation: number;
  availableShare: number;
}

export interface Objective {
  /** The highest p90 time to acceptance among program/step groups, in hours. */
  worstP90Hours: number;
  worstGroup: string | null;
  /** Emergencies not answered within their clock, per replication. */
  emergenciesMissed: number;
}

export interface SimulationSummary {
  seeds: number[];
  replications: number;
  horizonDays: number;
  warmupDays: number;
  staff: number;
  eventsPerReplication: number;
  groups: GroupSummary[];
  emergencies: EmergencySummary[];
  people: StaffSummary[];
  depth: { intervalHours: number; awaiting: number[]; waiting: number[] };
  objective: Objective;
  little: { holds: boolean; worstRelativeError: number };
  /** Per skill combination, summed over replications: where the waiting happens. */
  combinations: {
    skills: string[];
    holders: number;
    requests: number;
    awaitingHours: number;
    stillWaiting: number;
  }[];
}

export interface ReplicationOptions {
  seed: number;
  replications: number;
  /** Called with the overall fraction done (0..1). */
  onProgress?: (fraction: number) => void;
}

/** Seeds of the replications: the forecast's seed, then the next ones. */
export function replicationSeeds(seed: number, replications: number): number[] {
  return Array.from({ length: replications }, (_, i) => seed + i);
}

/** Runs the replications and summarises them. */
export function runReplications(model: SimulationModel, options: ReplicationOptions): SimulationSummary {
  const seeds = replicationSeeds(options.seed, options.replications);
  const runs = seeds.map((seed, i) =>
    simulate(
      model,
      seed,
      options.onProgress
        ? (hours, horizon) => options.onProgress?.((i + hours / horizon) / seeds.length)
        : undefined
    )
  );
  options.onProgress?.(1);
  return summarize(runs);
}

function percentiles(histogram: Histogram): Percentiles {
  return {
    p50: histogram.quantile(0.5),
    p90: histogram.quantile(0.9),
    p99: histogram.quantile(0.99),
    mean: histogram.mean()
  };
}

function meanOf(values: readonly number[]): number {
  return values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : 0;
}

export function summarize(runs: readonly ReplicationResult[]): SimulationSummary {
  const n = runs.length;
  const first = runs[0];

  const groupKeys = new Map<string, { program: string; step: string }>();
  for (const run of runs) for (const g of run.groups) groupKeys.set(`${g.program}|${g.step}`, g);
  const groups: GroupSummary[] = [...groupKeys.entries()].map(([key, { program, step }]) => {
    const members = runs.map((run) => run.groups.find((g) => `${g.program}|${g.step}` === key));
    const toAcceptance = new Histogram();
    const awaiting = new Histogram();
    for (const g of members) {
      if (!g) continue;
      toAcceptance.merge(g.timeToAcceptance);
      awaiting.merge(g.awaitingAssignment);
    }
    const sum = (pick: (g: NonNullable<(typeof members)[number]>) => number) =>
      members.reduce((total, g) => total + (g ? pick(g) : 0), 0) / n;
    return {
      program,
      step,
      requests: sum((g) => g.requests),
      accepted: sum((g) => g.accepted),
      stillWaiting: sum((g) => g.stillWaiting),
      manual: sum((g) => g.manual),
      timeToAcceptance: percentiles(toAcceptance),
      p90Interval: estimate(members.map((g) => (g ? g.timeToAcceptance.quantile(0.9) : 0))),
      awaitingAssignment: percentiles(awaiting),
      awaitedShare: awaiting.shareAbove(0)
    };
  });

  const levels = new Map<string, number>();
  for (const run of runs) for (const e of run.emergencies) levels.set(e.level, e.respondWithinHours);
  const emergencies: EmergencySummary[] = [...levels.entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([level, respondWithinHours]) => {
      const members = runs.map((run) => run.emergencies.find((e) => e.level === level));
      const due = meanOf(members.map((e) => e?.due ?? 0));
      const answeredInTime = meanOf(members.map((e) => e?.answeredInTime ?? 0));
      return {
        level,
        respondWithinHours,
        due,
        answeredInTime,
        missed: due - answeredInTime,
        shareInTime: estimate(
          members.filter((e) => e && e.due > 0).map((e) => (e ? e.answeredInTime / e.due : 0))
        )
      };
    });

  const people: StaffSummary[] = first.staff.map((person, i) => ({
    username: person.username,
    name: person.name,
    capacity: person.capacity,
    skills: person.skills,
    accepted: meanOf(runs.map((run) => run.staff[i].accepted)),
    manualAssigned: meanOf(runs.map((run) => run.staff[i].manualAssigned)),
    meanLoad: meanOf(runs.map((run) => run.staff[i].meanLoad)),
    peakLoad: Math.max(...runs.map((run) => run.staff[i].peakLoad)),
    utilisation: meanOf(runs.map((run) => run.staff[i].utilisation)),
    availableShare: meanOf(runs.map((run) => run.staff[i].availableShare))
  }));

  const points = first.depth.awaiting.length;
  const depth = {
    intervalHours: first.depth.intervalHours,
    awaiting: Array.from({ length: points }, (_, i) => meanOf(runs.map((run) => run.depth.awaiting[i] ?? 0))),
    waiting: Array.from({ length: points }, (_, i) => meanOf(runs.map((run) => run.depth.waiting[i] ?? 0)))
  };

  let worstRelativeError = 0;
  for (const run of runs) {
    for (const state of [run.little.waiting, run.little.awaiting]) {
      const predicted = state.arrivalRate * state.meanTime;
      if (state.meanNumber > 0 || predicted > 0) {
        worstRelativeError = Math.max(worstRelativeError, relativeDifference(state.meanNumber, predicted));
      }
    }
  }

  const combinationsByKey = new Map<string, SimulationSummary['combinations'][number]>();
  for (const run of runs) {
    for (const c of run.combinations) {
      const key = c.skills.join('+');
      const entry = combinationsByKey.get(key) ?? {
        skills: c.skills,
        holders: c.holders,
        requests: 0,
        awaitingHours: 0,
        stillWaiting: 0
      };
      entry.requests += c.requests;
      entry.awaitingHours += c.awaitingHours;
      entry.stillWaiting += c.stillWaiting;
      combinationsByKey.set(key, entry);
    }
  }

  return {
    seeds: runs.map((run) => run.seed),
    replications: n,
    horizonDays: first.horizonHours / 24,
    warmupDays: first.warmupHours / 24,
    staff: first.staff.length,
    eventsPerReplication: meanOf(runs.map((run) => run.events)),
    groups: groups.sort((a, b) => b.timeToAcceptance.p90 - a.timeToAcceptance.p90),
    emergencies,
    people,
    depth,
    objective: objectiveOf(groups, emergencies, n),
    little: { holds: worstRelativeError <= 0.02, worstRelativeError },
    combinations: [...combinationsByKey.values()].sort((a, b) => b.awaitingHours - a.awaitingHours)
  };
}

function objectiveOf(
  groups: readonly GroupSummary[],
  emergencies: readonly EmergencySummary[],
  n: number
): Objective {
  let worst: GroupSummary | null = null;
  for (const g of groups) {
    if (g.requests * n < MIN_REQUESTS_FOR_WORST) continue;
    if (!worst || g.timeToAcceptance.p90 > worst.timeToAcceptance.p90) worst = g;
  }
  return {
    worstP90Hours: worst ? worst.timeToAcceptance.p90 : 0,
    worstGroup: worst ? `${worst.program} ${worst.step}` : null,
    emergenciesMissed: emergencies.reduce((sum, e) => sum + e.missed, 0)
  };
}

/** Lower is better: a missed emergency outweighs any number of hours of waiting. */
export function objectiveScore(objective: Objective): number {
  return objective.emergenciesMissed * 1e6 + objective.worstP90Hours;
}
