/**
 * Where routing will fail: the skill combinations cases can require that nobody (or only one
 * person) holds, and each step's capacity against its open cases. Pure functions.
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
  /** Roster skills the configuration does not define (typos, retired skills). */
  unknownSkills: { username: string; skill: string }[];
  openCasesCounted: boolean;
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

  const known = new Set(skillsFromConfig(config).map((skill) => skill.developerName));
  const unknownSkills = staff.flatMap((member) =>
    member.skills.filter((skill) => !known.has(skill)).map((skill) => ({ username: member.username, skill }))
  );

  return {
    staff: staff.length,
    combinations: combos.length,
    uncovered: combos.filter((combo) => combo.holders.length === 0),
    singleHolder: combos.filter((combo) => combo.holders.length === 1),
    capacity,
    stuckCases,
    unknownSkills,
    openCasesCounted: openCases !== null
  };
}
