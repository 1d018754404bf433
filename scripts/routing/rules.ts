/**
 * Turns the routing configuration into the skills Omni-Channel knows and the Routing_Rule__mdt
 * records the Apex router and the routingRules module read.
 */
import {
  requiredSkills,
  SETTINGS,
  type RoutingRule
} from '../../force-app/main/default/lwc/routingRules/routingRules';
import type { RoutingConfig } from './config';

export interface SkillDefinition {
  developerName: string;
  label: string;
  description: string;
  /** What the skill stands for, for reports: program, role, language, escalation, appeals. */
  category: 'program' | 'role' | 'language' | 'escalation' | 'appeals';
}

/** A picklist value as an API-name fragment: 'Haitian Creole' -> 'Haitian_Creole'. */
export function nameFragment(value: string): string {
  const cleaned = value
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `X_${cleaned}`;
}

/** Routable steps with their role skill, in configuration order. */
export function stepSkills(config: RoutingConfig): [string, string][] {
  return Object.entries(config.steps).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string'
  );
}

export const programSkill = (program: string): string => `Program_${nameFragment(program)}`;
export const languageSkill = (language: string): string => `Language_${nameFragment(language)}`;
export const emergencyRuleName = (program: string, level: string): string =>
  `Emergency_${nameFragment(program)}_${nameFragment(level)}`;

/** What the platform accepts as a DeveloperName (Skill, custom metadata record). */
export const DEVELOPER_NAME_MAX = 40;
export const DEVELOPER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/;

/** A DeveloperName the build generates from a value in the configuration, and where that value is. */
interface GeneratedName {
  name: string;
  kind: 'skill' | 'routing rule';
  source: string;
  path: (string | number)[];
}

function generatedNames(config: RoutingConfig): GeneratedName[] {
  const names: GeneratedName[] = [];
  const both = (name: string, source: string, path: (string | number)[]): void => {
    names.push({ name, kind: 'skill', source, path }, { name, kind: 'routing rule', source, path });
  };
  for (const [step, skill] of stepSkills(config)) {
    names.push({ name: skill, kind: 'skill', source: skill, path: ['steps', step] });
    names.push({
      name: `Step_${nameFragment(step)}`,
      kind: 'routing rule',
      source: step,
      path: ['steps', step]
    });
  }
  config.programs.forEach((program, i) => both(programSkill(program), program, ['programs', i]));
  config.languages.values.forEach((language, i) =>
    both(languageSkill(language), language, ['languages', 'values', i])
  );
  if (config.languages.whenBlank) {
    names.push({
      name: 'Language_Blank',
      kind: 'routing rule',
      source: config.languages.whenBlank,
      path: ['languages', 'whenBlank']
    });
  }
  names.push(
    {
      name: config.escalation.skill,
      kind: 'skill',
      source: config.escalation.skill,
      path: ['escalation', 'skill']
    },
    { name: config.appeals.skill, kind: 'skill', source: config.appeals.skill, path: ['appeals', 'skill'] }
  );
  const program = config.priorities.emergencies.program;
  for (const level of Object.keys(config.priorities.emergencies.levels)) {
    names.push({
      name: emergencyRuleName(program, level),
      kind: 'routing rule',
      source: level,
      path: ['priorities', 'emergencies', 'levels', level]
    });
  }
  return names;
}

function keyText(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${s}`)).join('');
}

/**
 * Values whose generated DeveloperName the platform would refuse (too long, not a valid name) or
 * that clean up to the same name as another value ('EAP!' and 'EAP?' both make Program_EAP, and the
 * second rule would silently replace the first). Each problem names the key of the later value.
 */
export function apiNameProblems(config: RoutingConfig): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const seen = new Map<string, GeneratedName>();
  const reported = new Set<string>();
  for (const entry of generatedNames(config)) {
    const { name, kind, source, path } = entry;
    const where = keyText(path);
    if (name.length > DEVELOPER_NAME_MAX && !reported.has(where)) {
      reported.add(where);
      problems.push({
        path,
        message: `'${source}' makes the ${kind} API name ${name} (${name.length} characters); a DeveloperName holds at most ${DEVELOPER_NAME_MAX}`
      });
    } else if (!DEVELOPER_NAME_PATTERN.test(name) && !reported.has(where)) {
      reported.add(where);
      problems.push({
        path,
        message: `'${source}' makes the ${kind} API name ${name}, which is not a DeveloperName (a letter first, then letters, digits and single underscores, not ending in one)`
      });
    }
    const key = `${kind}:${name.toLowerCase()}`;
    const earlier = seen.get(key);
    if (!earlier) {
      seen.set(key, entry);
    } else if (!reported.has(`${where}:same`)) {
      reported.add(`${where}:same`);
      problems.push({
        path,
        message: `'${source}' makes the same ${kind} API name (${name}) as '${earlier.source}' at ${keyText(earlier.path)}; rename one of them`
      });
    }
  }
  return problems;
}

/** Every skill the configuration defines, in a stable order. */
export function skillsFromConfig(config: RoutingConfig): SkillDefinition[] {
  const skills: SkillDefinition[] = [];
  for (const program of config.programs) {
    skills.push({
      developerName: programSkill(program),
      label: `Program: ${program}`,
      description: `Works ${program} cases.`,
      category: 'program'
    });
  }
  for (const [step, skill] of stepSkills(config)) {
    skills.push({
      developerName: skill,
      label: `Role: ${step}`,
      description: `Works cases in the ${step} step.`,
      category: 'role'
    });
  }
  for (const language of config.languages.values) {
    skills.push({
      developerName: languageSkill(language),
      label: `Language: ${language}`,
      description: `Serves clients in ${language}.`,
      category: 'language'
    });
  }
  skills.push({
    developerName: config.escalation.skill,
    label: 'Escalations',
    description: 'Works escalated cases.',
    category: 'escalation'
  });
  skills.push({
    developerName: config.appeals.skill,
    label: 'Appeals Reviewer',
    description: 'Reviews appeals of denied cases.',
    category: 'appeals'
  });
  return skills;
}

function rule(partial: Partial<RoutingRule> & Pick<RoutingRule, 'name' | 'kind'>): RoutingRule {
  return {
    program: null,
    field: null,
    value: null,
    skill: null,
    routingPriority: null,
    respondWithinHours: null,
    ...partial
  };
}

/** The Routing_Rule__mdt records, in a stable order. DeveloperNames stay within 40 characters. */
export function rulesFromConfig(config: RoutingConfig): RoutingRule[] {
  const rules: RoutingRule[] = [];
  for (const [step, skill] of stepSkills(config)) {
    rules.push(
      rule({
        name: `Step_${nameFragment(step)}`,
        kind: 'Step',
        field: 'Processing_Step__c',
        value: step,
        skill
      })
    );
  }
  for (const program of config.programs) {
    rules.push(
      rule({
        name: `Program_${nameFragment(program)}`,
        kind: 'Skill',
        field: 'Program__c',
        value: program,
        skill: programSkill(program)
      })
    );
  }
  for (const language of config.languages.values) {
    rules.push(
      rule({
        name: `Language_${nameFragment(language)}`,
        kind: 'Skill',
        field: 'Client_Language__c',
        value: language,
        skill: languageSkill(language)
      })
    );
  }
  if (config.languages.whenBlank) {
    rules.push(
      rule({
        name: 'Language_Blank',
        kind: 'Skill',
        field: 'Client_Language__c',
        value: null,
        skill: languageSkill(config.languages.whenBlank)
      })
    );
  }
  rules.push(
    rule({
      name: 'Escalated',
      kind: 'Skill',
      field: 'Escalated__c',
      value: 'true',
      skill: config.escalation.skill
    })
  );
  const priorities = config.priorities;
  rules.push(
    rule({
      name: 'Priority_Urgent',
      kind: 'Priority',
      field: 'Priority',
      value: 'Urgent',
      routingPriority: priorities.urgent
    })
  );
  rules.push(
    rule({
      name: 'Priority_Escalated',
      kind: 'Priority',
      field: 'Escalated__c',
      value: 'true',
      routingPriority: priorities.escalated
    })
  );
  for (const [level, settings] of Object.entries(priorities.emergencies.levels)) {
    rules.push(
      rule({
        name: emergencyRuleName(priorities.emergencies.program, level),
        kind: 'Priority',
        program: priorities.emergencies.program,
        field: 'Emergency_Level__c',
        value: level,
        routingPriority: settings.routingPriority,
        respondWithinHours: settings.respondWithinHours
      })
    );
  }
  const settings: [string, string][] = [
    [SETTINGS.serviceChannel, config.serviceChannel.developerName],
    [SETTINGS.awaitingAssignmentQueue, config.awaitingAssignmentQueue.developerName],
    [SETTINGS.capacityWeight, String(config.capacity.caseWeight)],
    [SETTINGS.normalPriority, String(priorities.normal)],
    [SETTINGS.routingModel, 'MostAvailable'],
    [SETTINGS.pushTimeout, String(config.offer.pushTimeoutSeconds)],
    [SETTINGS.manualOfflinePolicy, config.manualAssignment.whenOwnerOffline]
  ];
  for (const [name, value] of settings) rules.push(rule({ name, kind: 'Setting', value }));
  return rules;
}

/** Every required-skill combination a case can have under the configuration, with an example case. */
export interface Combination {
  step: string;
  program: string;
  language: string | null;
  escalated: boolean;
  skills: string[];
}

export function allCombinations(config: RoutingConfig, rulesList: readonly RoutingRule[]): Combination[] {
  const languages: (string | null)[] = [...config.languages.values];
  if (!config.languages.whenBlank) languages.push(null);
  const combos: Combination[] = [];
  for (const [step] of stepSkills(config)) {
    for (const program of config.programs) {
      for (const language of languages) {
        for (const escalated of [false, true]) {
          const fields = {
            Processing_Step__c: step,
            Program__c: program,
            Client_Language__c: language,
            Escalated__c: escalated
          };
          combos.push({ step, program, language, escalated, skills: requiredSkills(fields, rulesList) });
        }
      }
    }
  }
  return combos;
}
