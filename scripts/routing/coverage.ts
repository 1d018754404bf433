/**
 * Where routing will fail: the skill combinations cases can require that nobody (or only one
 * person) holds, who would leave combinations uncovered by being away, each step's capacity against
 * its open cases, and roster skills the configuration does not define. Pure functions.
 */
import {
  capacityWeight,
  combinationKey,
  decide,
  holdsAll,
  type RoutingRule
} from '../../force-app/main/default/lwc/routingRules/routingRules';
import type { RoutingConfig } from './config';
import type { OpenCase, StaffMember } from './roster';
import { allCombinations, programSkill, skillsFromConfig, stepSkills } from './rules';

export interface CombinationCoverage {
  /** 'route' for a routed case, 'appeal' for appeal review tasks. */
  kind: 'route' | 'appeal';
  step: string;
  program: string;
  language: string | null;
  escalated: boolean;
  skills: string[];
  holders: string[];
  openCases: number;
}

export interface StepCapacity {
  step: string;
  roleSkill: string;
  staff: number;
  capacity: number;
  openCases: number;
  /** Capacity the open cases consume (cases × weight). */
  demand: number;
  /** demand / capacity, as a percentage; null when nobody holds the role. */
  loadPercent: number | null;
}

export interface CoverageReport {
  staff: number;
  combinations: number;
  uncovered: CombinationCoverage[];
  singleHolder: CombinationCoverage[];
  capacity: StepCapacity[];
  /** Open cases whose combination nobody holds: they wait in Awaiting Assignment. */
  stuckCases: { caseNumber: string; skills: string[] }[];
  /** Roster skills the configuration does not define (typos, retired skills), with the closest defined one. */
  unknownSkills: UnknownSkill[];
  /**
   * Who, if away, leaves combinations with nobody: each person who is the only holder of some combination,
   * with how many, most first. Read straight off `singleHolder`, so it costs one pass over the combinations.
   */
  absence: AbsenceImpact[];
  openCasesCounted: boolean;
}

export interface UnknownSkill {
  username: string;
  skill: string;
  /** The defined skill closest by edit distance, when it is close enough to be a likely typo. */
  suggestion: string | null;
}

export interface AbsenceImpact {
  username: string;
  /** Combinations that would have nobody while this person is away. */
  combinations: number;
}

/**
 * Edit distance between two strings (optimal string alignment: insertions, deletions, substitutions and
 * swaps of two neighbouring characters each count 1), ignoring case.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[s.length][t.length];
}

/**
 * The defined skill closest to `unknown` by edit distance, or null when even the closest differs by more
 * than a typo would (more than 2 edits, or a fifth of the name for long names): `Program_LIHEAP` is a
 * program the configuration lacks, not a misspelt `Program_EAP`. Ties go to the same prefix, then A-Z.
 */
export function closestSkill(unknown: string, defined: readonly string[]): string | null {
  const prefix = (name: string) => name.split('_')[0].toLowerCase();
  const ranked = defined
    .map((skill) => ({
      skill,
      distance: editDistance(unknown, skill),
      otherPrefix: prefix(skill) === prefix(unknown) ? 0 : 1
    }))
    .sort(
      (a, b) => a.distance - b.distance || a.otherPrefix - b.otherPrefix || a.skill.localeCompare(b.skill)
    );
  const best = ranked[0];
  if (!best) return null;
  return best.distance <= Math.max(2, Math.floor(unknown.length / 5)) ? best.skill : null;
}

/** People who are the only holder of some combination, with how many, most first (then by username). */
export function absenceImpact(singleHolder: readonly CombinationCoverage[]): AbsenceImpact[] {
  const counts = new Map<string, number>();
  for (const combo of singleHolder) counts.set(combo.holders[0], (counts.get(combo.holders[0]) ?? 0) + 1);
  return [...counts]
    .map(([username, combinations]) => ({ username, combinations }))
    .sort((a, b) => b.combinations - a.combinations || a.username.localeCompare(b.username));
}

function holdersOf(staff: readonly StaffMember[], skills: readonly string[]): string[] {
  return staff.filter((member) => holdsAll(member.skills, skills)).map((member) => member.username);
}

export function analyzeCoverage(
  config: RoutingConfig,
  rules: readonly RoutingRule[],
  staff: readonly StaffMember[],
  openCases: readonly OpenCase[] | null
): CoverageReport {
  const cases = openCases ?? [];
  const decisions = cases.map((openCase) => ({ openCase, decision: decide(openCase.fields, rules) }));
  const casesByKey = new Map<string, number>();
  for (const { decision } of decisions) {
    if (!decision.routable) continue;
    const key = combinationKey(decision.skills);
    casesByKey.set(key, (casesByKey.get(key) ?? 0) + 1);
  }

  const combos: CombinationCoverage[] = allCombinations(config, rules).map((combo) => ({
    kind: 'route',
    ...combo,
    holders: holdersOf(staff, combo.skills),
    openCases: casesByKey.get(combinationKey(combo.skills)) ?? 0
  }));
  for (const program of config.programs) {
    const skills = [programSkill(program), config.appeals.skill].sort();
    combos.push({
      kind: 'appeal',
      step: 'Appeal review',
      program,
      language: null,
      escalated: false,
      skills,
      holders: holdersOf(staff, skills),
      openCases: 0
    });
  }

  const weight = capacityWeight(rules);
  const capacity: StepCapacity[] = stepSkills(config).map(([step, roleSkill]) => {
    const holders = staff.filter((member) => member.skills.includes(roleSkill));
    const total = holders.reduce((sum, member) => sum + (member.capacity ?? config.capacity.perAgent), 0);
    const open = decisions.filter(
      ({ openCase, decision }) => decision.routable && openCase.fields.Processing_Step__c === step
    ).length;
    const demand = open * weight;
    return {
      step,
      roleSkill,
      staff: holders.length,
      capacity: total,
      openCases: open,
      demand,
      loadPercent: total > 0 ? Math.round((demand / total) * 1000) / 10 : null
    };
  });

  const stuckCases = decisions
    .filter(({ decision }) => decision.routable && holdersOf(staff, decision.skills).length === 0)
    .map(({ openCase, decision }) => ({ caseNumber: openCase.caseNumber, skills: decision.skills }));

  const defined = skillsFromConfig(config).map((skill) => skill.developerName);
  const known = new Set(defined);
  const unknownSkills = staff.flatMap((member) =>
    member.skills
      .filter((skill) => !known.has(skill))
      .map((skill) => ({ username: member.username, skill, suggestion: closestSkill(skill, defined) }))
  );

  const singleHolder = combos.filter((combo) => combo.holders.length === 1);
  return {
    staff: staff.length,
    combinations: combos.length,
    uncovered: combos.filter((combo) => combo.holders.length === 0),
    singleHolder,
    capacity,
    stuckCases,
    unknownSkills,
    absence: absenceImpact(singleHolder),
    openCasesCounted: openCases !== null
  };
}
