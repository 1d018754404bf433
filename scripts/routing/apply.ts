/**
 * `npm run routing:apply -- --target-org ALIAS` — gives staff the skills the roster lists, using the
 * objects the platform documents for skills-based routing: one ServiceResource (Resource Type Agent)
 * per user and one ServiceResourceSkill per skill. Planning is a pure function; --dry-run prints the
 * plan and writes nothing.
 */
import path from 'node:path';
import {
  createLogger,
  EXIT_FAILURE,
  EXIT_OK,
  parseCommand,
  processOutput,
  renderTable,
  UsageError,
  type Output
} from './cli-common';
import { displayPath } from './config';
import { connectTargetOrg, readOrgSkills, soqlString, type OrgClient, type OrgSkillState } from './org';
import { DEFAULT_ROSTER_PATH, InputFileError, loadRoster, type StaffMember } from './roster';

export const APPLY_HELP = `Give staff the skills the roster lists, in an org.

Usage: npm run routing:apply -- --target-org ALIAS [--roster FILE] [--dry-run] [--prune] [--json]

For each roster row: creates the person's ServiceResource (Resource Type Agent) when missing, and a
ServiceResourceSkill for each listed skill the person does not hold yet. Skills a person holds but the
roster does not list are reported; with --prune they are ended (EffectiveEndDate set to now).

Options:
  --target-org ALIAS   org authorized with the Salesforce CLI (sf org login ...)
  --roster FILE        staff and skills CSV (default: config/roster.csv)
  --dry-run            print the plan; change nothing
  --prune              end skills the roster no longer lists
  --json               machine-readable plan and result on stdout
  -h, --help           show this help

Exit codes: 0 applied (or planned) without problems, 1 problems (unknown users or skills, failed
writes, invalid roster), 2 bad usage.`;

export interface OrgDirectory {
  /** Active users by username. */
  users: Map<string, { id: string; name: string }>;
  /** Skills by DeveloperName. */
  skills: Map<string, string>;
  skillState: OrgSkillState;
}

export interface SkillAssignmentPlan {
  createResources: { username: string; userId: string; name: string }[];
  addSkills: { username: string; skill: string; skillId: string }[];
  endSkills: { username: string; skill: string; serviceResourceSkillId: string }[];
  /** Held in the org, not in the roster, left alone (no --prune). */
  unlisted: { username: string; skill: string }[];
  problems: string[];
}

/** What must change in the org so that every roster member holds exactly (or at least) their skills. */
export function planSkillAssignments(
  roster: readonly StaffMember[],
  directory: OrgDirectory,
  options: { prune: boolean }
): SkillAssignmentPlan {
  const plan: SkillAssignmentPlan = {
    createResources: [],
    addSkills: [],
    endSkills: [],
    unlisted: [],
    problems: []
  };
  for (const member of roster) {
    const user = directory.users.get(member.username);
    if (!user) {
      plan.problems.push(`${member.username}: no active user with this username; skipped`);
      continue;
    }
    if (!directory.skillState.resources.has(member.username)) {
      plan.createResources.push({
        username: member.username,
        userId: user.id,
        name: member.name || user.name
      });
    }
    const held = directory.skillState.assignments.get(member.username) ?? new Map<string, string>();
    for (const skill of member.skills) {
      const skillId = directory.skills.get(skill);
      if (!skillId) {
        plan.problems.push(
          `${member.username}: skill ${skill} is not in the org (deploy the routing metadata first)`
        );
        continue;
      }
      if (!held.has(skill)) plan.addSkills.push({ username: member.username, skill, skillId });
    }
    for (const [skill, serviceResourceSkillId] of held) {
      if (member.skills.includes(skill)) continue;
      if (options.prune) plan.endSkills.push({ username: member.username, skill, serviceResourceSkillId });
      else plan.unlisted.push({ username: member.username, skill });
    }
  }
  return plan;
}

const IN_BATCH = 200;

/** Reads users, skills and current assignments for the roster. */
export async function readDirectory(
  client: OrgClient,
  roster: readonly StaffMember[]
): Promise<OrgDirectory> {
  const users = new Map<string, { id: string; name: string }>();
  const usernames = roster.map((member) => member.username);
  for (let i = 0; i < usernames.length; i += IN_BATCH) {
    const batch = usernames.slice(i, i + IN_BATCH);
    const rows = await client.queryAll<{ Id: string; Username: string; Name: string }>(
      `SELECT Id, Username, Name FROM User WHERE IsActive = true AND Username IN (${batch.map(soqlString).join(', ')})`
    );
    for (const row of rows) users.set(row.Username, { id: row.Id, name: row.Name });
  }
  const skills = new Map<string, string>();
  for (const row of await client.queryAll<{ Id: string; DeveloperName: string }>(
    'SELECT Id, DeveloperName FROM Skill'
  )) {
    skills.set(row.DeveloperName, row.Id);
  }
  return { users, skills, skillState: await readOrgSkills(client) };
}

export interface ApplyResult {
  resourcesCreated: number;
  skillsAdded: number;
  skillsEnded: number;
  failures: string[];
}

/** Carries out the plan: resources first (their Ids are needed for the skills), then skills. */
export async function applyPlan(
  client: OrgClient,
  plan: SkillAssignmentPlan,
  directory: OrgDirectory,
  now = new Date()
): Promise<ApplyResult> {
  const result: ApplyResult = { resourcesCreated: 0, skillsAdded: 0, skillsEnded: 0, failures: [] };
  const resourceIds = new Map<string, string>();
  for (const [username, resource] of directory.skillState.resources) resourceIds.set(username, resource.id);

  if (plan.createResources.length > 0) {
    const outcomes = await client.create(
      'ServiceResource',
      plan.createResources.map((resource) => ({
        Name: resource.name,
        RelatedRecordId: resource.userId,
        ResourceType: 'A',
        IsActive: true
      }))
    );
    outcomes.forEach((outcome, index) => {
      const { username } = plan.createResources[index];
      if (outcome.success && outcome.id) {
        resourceIds.set(username, outcome.id);
        result.resourcesCreated++;
      } else {
        result.failures.push(`${username}: ServiceResource not created: ${outcome.errors.join('; ')}`);
      }
    });
  }

  const toAdd = plan.addSkills.filter((add) => resourceIds.has(add.username));
  if (toAdd.length > 0) {
    const outcomes = await client.create(
      'ServiceResourceSkill',
      toAdd.map((add) => ({
        ServiceResourceId: resourceIds.get(add.username),
        SkillId: add.skillId,
        SkillLevel: 1,
        EffectiveStartDate: now.toISOString()
      }))
    );
    outcomes.forEach((outcome, index) => {
      if (outcome.success) result.skillsAdded++;
      else
        result.failures.push(
          `${toAdd[index].username}: ${toAdd[index].skill} not added: ${outcome.errors.join('; ')}`
        );
    });
  }

  if (plan.endSkills.length > 0) {
    const outcomes = await client.update(
      'ServiceResourceSkill',
      plan.endSkills.map((end) => ({ Id: end.serviceResourceSkillId, EffectiveEndDate: now.toISOString() }))
    );
    outcomes.forEach((outcome, index) => {
      if (outcome.success) result.skillsEnded++;
      else {
        const end = plan.endSkills[index];
        result.failures.push(`${end.username}: ${end.skill} not ended: ${outcome.errors.join('; ')}`);
      }
    });
  }
  return result;
}

export function renderPlan(plan: SkillAssignmentPlan): string {
  const rows: string[][] = [
    ...plan.createResources.map((resource) => [
      'create agent',
      resource.username,
      `ServiceResource for ${resource.name}`
    ]),
    ...plan.addSkills.map((add) => ['add skill', add.username, add.skill]),
    ...plan.endSkills.map((end) => ['end skill', end.username, end.skill])
  ];
  const sections = [
    rows.length > 0 ? renderTable(['Action', 'Username', 'What'], rows) : 'Nothing to change.'
  ];
  if (plan.unlisted.length > 0) {
    sections.push(
      'Held in the org but not in the roster (kept; --prune ends them):\n' +
        renderTable(
          ['Username', 'Skill'],
          plan.unlisted.map((item) => [item.username, item.skill])
        )
    );
  }
  if (plan.problems.length > 0)
    sections.push(`Problems:\n${plan.problems.map((p) => `  - ${p}`).join('\n')}`);
  return sections.join('\n\n');
}

export interface ApplyDependencies {
  connect: (alias: string) => Promise<OrgClient>;
}

export async function main(
  argv: string[],
  output: Output = processOutput,
  dependencies: ApplyDependencies = { connect: connectTargetOrg }
): Promise<number> {
  const log = createLogger('routing-apply');
  const values = parseCommand(
    argv,
    {
      'target-org': { type: 'string' },
      roster: { type: 'string' },
      'dry-run': { type: 'boolean' },
      prune: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    },
    APPLY_HELP,
    output,
    (parsed) => {
      if (!parsed.help && !parsed['target-org']?.trim())
        throw new UsageError('--target-org ALIAS is required');
    }
  );
  if (typeof values === 'number') return values;
  const json = Boolean(values.json);
  const targetOrg = values['target-org'] as string;
  try {
    const rosterPath = values.roster ? path.resolve(values.roster) : DEFAULT_ROSTER_PATH;
    const roster = await loadRoster(rosterPath, displayPath(rosterPath));
    const client = await dependencies.connect(targetOrg);
    const directory = await readDirectory(client, roster);
    const plan = planSkillAssignments(roster, directory, { prune: Boolean(values.prune) });
    log.info(
      { creates: plan.createResources.length, adds: plan.addSkills.length, ends: plan.endSkills.length },
      'skill plan ready'
    );
    if (values['dry-run']) {
      output.out(
        json
          ? JSON.stringify({ dryRun: true, plan }, null, 2)
          : `Plan for ${targetOrg} (dry run):\n\n${renderPlan(plan)}`
      );
      return plan.problems.length > 0 ? EXIT_FAILURE : EXIT_OK;
    }
    const result = await applyPlan(client, plan, directory);
    log.info({ ...result, failures: result.failures.length }, 'skills applied');
    if (json) {
      output.out(JSON.stringify({ dryRun: false, plan, result }, null, 2));
    } else {
      output.out(
        `${renderPlan(plan)}\n\nApplied to ${targetOrg}: ${result.resourcesCreated} agent(s) created, ` +
          `${result.skillsAdded} skill(s) added, ${result.skillsEnded} skill(s) ended.` +
          (result.failures.length > 0
            ? `\nFailures:\n${result.failures.map((f) => `  - ${f}`).join('\n')}`
            : '')
      );
    }
    return plan.problems.length + result.failures.length > 0 ? EXIT_FAILURE : EXIT_OK;
  } catch (error) {
    if (error instanceof InputFileError) {
      output.err(json ? JSON.stringify({ error: error.message, problems: error.problems }) : error.message);
      return EXIT_FAILURE;
    }
    const message = (error as Error).message ?? String(error);
    log.error({ err: message }, 'routing apply failed');
    output.err(json ? JSON.stringify({ error: message }) : `routing:apply failed: ${message}`);
    return EXIT_FAILURE;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
