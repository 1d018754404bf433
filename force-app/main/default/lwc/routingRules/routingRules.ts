/**
 * How a case is routed: which skills it requires and with what priority Omni-Channel offers it.
 *
 * The rules are the Routing_Rule__mdt records that `npm run routing:build` generates from
 * config/routing.yaml. The Apex router (CaseRoutingRules) reads the same records with the same
 * matching semantics, and a test evaluates this module against the generated records, so the
 * platform, `routing:check` and the panels cannot disagree about a case. No imports: Lightning
 * Web Components and Node both load this file.
 *
 * Matching semantics (kept identical in CaseRoutingRules.cls):
 * - a rule with a program applies only to cases of that program;
 * - the case field's value is compared as text: blank (null, undefined, '') matches a blank rule
 *   value, a checkbox reads 'true' / 'false', anything else is compared exactly;
 * - Step rules name the routable chevron steps and their role skill; a case whose step has no
 *   Step rule is not routed at all;
 * - the case requires the skills of every matching Step and Skill rule;
 * - the routing priority is the lowest number among matching Priority rules, else the
 *   Normal_Priority setting (Omni-Channel offers lower numbers first).
 */

export const RULE_KINDS = ['Step', 'Skill', 'Priority', 'Setting'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** One Routing_Rule__mdt record, with field names in the domain's words. */
export interface RoutingRule {
  /** DeveloperName of the record. For settings it is the setting's name. */
  name: string;
  kind: RuleKind;
  /** Program__c value the rule is limited to; null = every program. */
  program: string | null;
  /** API name of the Case field the rule reads (Step, Skill, Priority rules). */
  field: string | null;
  /** Field value the rule matches (null = blank), or the value of a setting. */
  value: string | null;
  /** DeveloperName of the Skill a matching case requires (Step and Skill rules). */
  skill: string | null;
  /** Routing priority of a matching case (Priority rules); lower is offered first. */
  routingPriority: number | null;
  /** How soon a matching case must be answered, in hours (EAP emergencies). */
  respondWithinHours: number | null;
}

/** Names of the Setting rules the router reads. */
export const SETTINGS = {
  serviceChannel: 'Service_Channel',
  awaitingAssignmentQueue: 'Awaiting_Assignment_Queue',
  capacityWeight: 'Capacity_Weight',
  normalPriority: 'Normal_Priority',
  routingModel: 'Routing_Model',
  manualOfflinePolicy: 'Manual_Offline_Policy',
  pushTimeout: 'Push_Timeout'
} as const;

/** Case fields by API name; picklists as strings, checkboxes as booleans. */
export type CaseFields = Readonly<Record<string, unknown>>;

export interface RoutingDecision {
  /** The case's step is one Omni-Channel routes. */
  routable: boolean;
  /** DeveloperNames of the skills a person must hold to be offered the case, sorted. */
  skills: string[];
  /** PendingServiceRouting.RoutingPriority: lower numbers are offered first. */
  routingPriority: number;
  /** Response deadline in hours when an emergency rule matched, else null. */
  respondWithinHours: number | null;
}

/** The case field value as the rules compare it. */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** True when the rule's program and field condition both hold for the case. */
export function ruleMatches(rule: RoutingRule, fields: CaseFields): boolean {
  if (rule.program && fieldText(fields.Program__c) !== rule.program) return false;
  if (!rule.field) return false;
  return fieldText(fields[rule.field]) === (rule.value ?? '');
}

/** The value of a Setting rule, or undefined when the rules lack it. */
export function settingValue(rules: readonly RoutingRule[], name: string): string | undefined {
  const rule = rules.find((candidate) => candidate.kind === 'Setting' && candidate.name === name);
  return rule ? (rule.value ?? '') : undefined;
}

/** A whole-number setting; missing, blank or anything but digits gives the fallback (as CaseRoutingRules.integerSetting). */
function numericSetting(rules: readonly RoutingRule[], name: string, fallback: number): number {
  const value = settingValue(rules, name);
  return value !== undefined && /^[0-9]+$/.test(value) ? Number(value) : fallback;
}

/** Routable chevron steps, in rule order. */
export function routableSteps(rules: readonly RoutingRule[]): string[] {
  return rules.filter((rule) => rule.kind === 'Step' && rule.value).map((rule) => rule.value as string);
}

/** True when Omni-Channel routes cases in this step. */
export function isRoutable(fields: CaseFields, rules: readonly RoutingRule[]): boolean {
  return rules.some((rule) => rule.kind === 'Step' && ruleMatches(rule, fields));
}

/** Skills the case requires, sorted and without duplicates; empty when the step is not routable. */
export function requiredSkills(fields: CaseFields, rules: readonly RoutingRule[]): string[] {
  if (!isRoutable(fields, rules)) return [];
  const skills = new Set<string>();
  for (const rule of rules) {
    if ((rule.kind === 'Step' || rule.kind === 'Skill') && rule.skill && ruleMatches(rule, fields)) {
      skills.add(rule.skill);
    }
  }
  return [...skills].sort();
}

/** Routing priority: the most urgent matching Priority rule, else the normal priority. */
export function routingPriority(fields: CaseFields, rules: readonly RoutingRule[]): number {
  let best = numericSetting(rules, SETTINGS.normalPriority, 5);
  for (const rule of rules) {
    if (rule.kind === 'Priority' && rule.routingPriority !== null && ruleMatches(rule, fields)) {
      best = Math.min(best, rule.routingPriority);
    }
  }
  return best;
}

/** Shortest response deadline among matching rules, or null when none sets one. */
export function respondWithinHours(fields: CaseFields, rules: readonly RoutingRule[]): number | null {
  let best: number | null = null;
  for (const rule of rules) {
    if (rule.respondWithinHours !== null && ruleMatches(rule, fields)) {
      best = best === null ? rule.respondWithinHours : Math.min(best, rule.respondWithinHours);
    }
  }
  return best;
}

/** Everything the router decides about one case. */
export function decide(fields: CaseFields, rules: readonly RoutingRule[]): RoutingDecision {
  return {
    routable: isRoutable(fields, rules),
    skills: requiredSkills(fields, rules),
    routingPriority: routingPriority(fields, rules),
    respondWithinHours: respondWithinHours(fields, rules)
  };
}

/** Capacity each case consumes (PendingServiceRouting.CapacityWeight). */
export function capacityWeight(rules: readonly RoutingRule[]): number {
  return numericSetting(rules, SETTINGS.capacityWeight, 1);
}

/** Stable key of a skill combination, e.g. for grouping cases and staff. */
export function combinationKey(skills: readonly string[]): string {
  return [...skills].sort().join(' + ');
}

/** True when someone holding `held` may be offered a case requiring `required`. */
export function holdsAll(held: Iterable<string>, required: readonly string[]): boolean {
  const set = new Set(held);
  return required.every((skill) => set.has(skill));
}

/** A Routing_Rule__mdt record as Apex or the UI API returns it. */
export interface RoutingRuleRecord {
  DeveloperName: string;
  Kind__c: string;
  Program__c?: string | null;
  Field__c?: string | null;
  Value__c?: string | null;
  Skill__c?: string | null;
  Routing_Priority__c?: number | null;
  Respond_Within_Hours__c?: number | null;
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/** Rules from Routing_Rule__mdt records (e.g. CaseRoutingController.getRoutingRules); unknown kinds are dropped. */
export function rulesFromRecords(records: readonly RoutingRuleRecord[]): RoutingRule[] {
  return records
    .filter((record) => (RULE_KINDS as readonly string[]).includes(record.Kind__c))
    .map((record) => ({
      name: record.DeveloperName,
      kind: record.Kind__c as RuleKind,
      program: blankToNull(record.Program__c),
      field: blankToNull(record.Field__c),
      value: blankToNull(record.Value__c),
      skill: blankToNull(record.Skill__c),
      routingPriority: record.Routing_Priority__c ?? null,
      respondWithinHours: record.Respond_Within_Hours__c ?? null
    }));
}
