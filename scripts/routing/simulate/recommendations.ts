/**
 * What one change would help most: the single skill grant (a person and a skill) and the single added
 * hire (a person with which skills) that most reduce the emergencies missed and the worst p90 wait. The
 * candidates come from where cases waited (the skill combinations with the most hours in Awaiting
 * Assignment); each is simulated on the same seeds as the baseline (common random numbers), so the
 * difference is the change's effect and not noise in the arrivals.
 */
import type { SimStaff, SimulationModel } from './engine';
import { objectiveScore, runReplications, type Objective, type SimulationSummary } from './summary';

/** Combinations examined for candidates, and candidates simulated, per kind. */
const BOTTLENECKS = 4;
const MAX_CANDIDATES = 8;

export interface SkillGrantCandidate {
  kind: 'skill';
  username: string;
  name: string;
  skill: string;
}

export interface HireCandidate {
  kind: 'hire';
  skills: string[];
  capacity: number | null;
}

export type Candidate = SkillGrantCandidate | HireCandidate;

export interface Recommendation {
  change: Candidate;
  /** One sentence for people. */
  description: string;
  before: Objective;
  after: Objective;
  /** Mean hours in Awaiting Assignment per request, before and after. */
  awaitingBefore: number;
  awaitingAfter: number;
}

export interface Recommendations {
  skillGrant: Recommendation | null;
  hire: Recommendation | null;
  /** Candidates simulated. */
  tried: number;
}

/** Skill combinations where cases waited, worst first. */
function bottlenecks(summary: SimulationSummary): SimulationSummary['combinations'] {
  return summary.combinations.filter((c) => c.awaitingHours > 0).slice(0, BOTTLENECKS);
}

/** People one skill short of a combination where cases waited, least loaded first. Pure. */
export function skillGrantCandidates(
  summary: SimulationSummary,
  staff: readonly SimStaff[]
): SkillGrantCandidate[] {
  const utilisation = new Map(summary.people.map((p) => [p.username, p.utilisation]));
  const seen = new Set<string>();
  const candidates: (SkillGrantCandidate & { rank: number; load: number })[] = [];
  bottlenecks(summary).forEach((combination, rank) => {
    for (const person of staff) {
      const missing = combination.skills.filter((skill) => !person.skills.includes(skill));
      if (missing.length !== 1) continue;
      const key = `${person.username}|${missing[0]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({
        kind: 'skill',
        username: person.username,
        name: person.name,
        skill: missing[0],
        rank,
        load: utilisation.get(person.username) ?? 0
      });
    }
  });
  return candidates
    .sort((a, b) => a.rank - b.rank || a.load - b.load || a.username.localeCompare(b.username))
    .slice(0, MAX_CANDIDATES)
    .map(({ kind, username, name, skill }) => ({ kind, username, name, skill }));
}

/**
 * Hires: someone holding exactly a waiting combination's skills, and, per role, someone holding the union
 * of the waiting combinations of that role (one person covering several bottlenecks). Pure.
 */
export function hireCandidates(summary: SimulationSummary, roleSkills: readonly string[]): HireCandidate[] {
  const found = bottlenecks(summary);
  const sets: string[][] = found.map((c) => [...c.skills]);
  for (const role of roleSkills) {
    const ofRole = found.filter((c) => c.skills.includes(role));
    if (ofRole.length > 1) sets.push([...new Set(ofRole.flatMap((c) => c.skills))].sort());
  }
  const seen = new Set<string>();
  return sets
    .filter((skills) => {
      const key = skills.join('+');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_CANDIDATES)
    .map((skills) => ({ kind: 'hire', skills, capacity: null }));
}

/** The model with one change applied. */
export function applyCandidate(model: SimulationModel, candidate: Candidate): SimulationModel {
  if (candidate.kind === 'skill') {
    return {
      ...model,
      staff: model.staff.map((person) =>
        person.username === candidate.username
          ? { ...person, skills: [...person.skills, candidate.skill].sort() }
          : person
      )
    };
  }
  const hire: SimStaff = {
    username: 'new.hire',
    name: 'New hire',
    skills: candidate.skills,
    capacity: candidate.capacity
  };
  return { ...model, staff: [...model.staff, hire] };
}

function meanAwaiting(summary: SimulationSummary): number {
  const requests = summary.groups.reduce((sum, g) => sum + g.requests, 0);
  const hours = summary.groups.reduce((sum, g) => sum + g.awaitingAssignment.mean * g.requests, 0);
  return requests > 0 ? hours / requests : 0;
}

export function describeCandidate(candidate: Candidate): string {
  return candidate.kind === 'skill'
    ? `give ${candidate.name || candidate.username} the skill ${candidate.skill}`
    : `hire one person with ${candidate.skills.join(', ')}`;
}

function better(a: Objective, b: Objective): boolean {
  return objectiveScore(a) < objectiveScore(b) - 1e-9;
}

export interface RecommendOptions {
  seed: number;
  replications: number;
  roleSkills: readonly string[];
  onProgress?: (fraction: number) => void;
}

/** Simulates the candidates and keeps, per kind, the one that helps most (null when none helps). */
export function recommend(
  model: SimulationModel,
  baseline: SimulationSummary,
  options: RecommendOptions
): Recommendations {
  const skillCandidates = skillGrantCandidates(baseline, model.staff);
  const hires = hireCandidates(baseline, options.roleSkills);
  const all: Candidate[] = [...skillCandidates, ...hires];
  const results = all.map((candidate, i) => ({
    candidate,
    summary: runReplications(applyCandidate(model, candidate), {
      seed: options.seed,
      replications: options.replications,
      onProgress: options.onProgress ? (f) => options.onProgress?.((i + f) / all.length) : undefined
    })
  }));
  const best = (kind: Candidate['kind']): Recommendation | null => {
    let chosen: (typeof results)[number] | null = null;
    for (const result of results) {
      if (result.candidate.kind !== kind) continue;
      if (!better(result.summary.objective, baseline.objective)) continue;
      if (!chosen || better(result.summary.objective, chosen.summary.objective)) chosen = result;
    }
    if (!chosen) return null;
    return {
      change: chosen.candidate,
      description: describeCandidate(chosen.candidate),
      before: baseline.objective,
      after: chosen.summary.objective,
      awaitingBefore: meanAwaiting(baseline),
      awaitingAfter: meanAwaiting(chosen.summary)
    };
  };
  return { skillGrant: best('skill'), hire: best('hire'), tried: all.length };
}
