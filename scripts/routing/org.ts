/**
 * The org side of the routing commands: staff skills (ServiceResource + ServiceResourceSkill, the
 * objects the platform documents for skills-based routing) and open cases, read and written through
 * a small client so the decisions stay testable without an org.
 */
import type { CaseFields } from '../../force-app/main/default/lwc/routingRules/routingRules';
import type { OpenCase, StaffMember } from './roster';
import { isOrgLoginError, orgLoginMessage } from '../shared/terminal';

export interface SaveOutcome {
  id: string | null;
  success: boolean;
  errors: string[];
}

/** What the routing commands need from an org. */
export interface OrgClient {
  /** Every record the SOQL query returns (all pages). */
  queryAll<T extends Record<string, unknown>>(soql: string): Promise<T[]>;
  create(sobject: string, records: Record<string, unknown>[]): Promise<SaveOutcome[]>;
  update(sobject: string, records: Record<string, unknown>[]): Promise<SaveOutcome[]>;
}

/** Case fields the routing rules read. */
export const ROUTING_CASE_FIELDS = [
  'Program__c',
  'Processing_Step__c',
  'Client_Language__c',
  'Escalated__c',
  'Priority',
  'Emergency_Level__c'
] as const;

export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

interface ServiceResourceRow extends Record<string, unknown> {
  Id: string;
  Name: string;
  RelatedRecordId: string;
  IsActive: boolean;
  RelatedRecord?: { Username?: string } | null;
}

interface ServiceResourceSkillRow extends Record<string, unknown> {
  Id: string;
  ServiceResourceId: string;
  SkillId: string;
  EffectiveStartDate: string | null;
  EffectiveEndDate: string | null;
  Skill?: { DeveloperName?: string } | null;
}

export interface OrgSkillState {
  /** Active agent resources by username. */
  resources: Map<string, { id: string; userId: string; name: string }>;
  /** Current skill assignments by username: skill developer name -> ServiceResourceSkill Id. */
  assignments: Map<string, Map<string, string>>;
}

function isCurrent(row: ServiceResourceSkillRow, now: Date): boolean {
  const start = row.EffectiveStartDate ? new Date(row.EffectiveStartDate) : null;
  const end = row.EffectiveEndDate ? new Date(row.EffectiveEndDate) : null;
  return (!start || start <= now) && (!end || end > now);
}

/** Reads agents' current skills from the org. */
export async function readOrgSkills(client: OrgClient, now = new Date()): Promise<OrgSkillState> {
  const resourceRows = await client.queryAll<ServiceResourceRow>(
    "SELECT Id, Name, RelatedRecordId, RelatedRecord.Username, IsActive FROM ServiceResource WHERE ResourceType = 'A' AND IsActive = true"
  );
  const resources = new Map<string, { id: string; userId: string; name: string }>();
  const usernameById = new Map<string, string>();
  for (const row of resourceRows) {
    const username = row.RelatedRecord?.Username;
    if (!username) continue;
    resources.set(username, { id: row.Id, userId: row.RelatedRecordId, name: row.Name });
    usernameById.set(row.Id, username);
  }
  const skillRows = await client.queryAll<ServiceResourceSkillRow>(
    'SELECT Id, ServiceResourceId, SkillId, Skill.DeveloperName, EffectiveStartDate, EffectiveEndDate FROM ServiceResourceSkill WHERE ServiceResource.IsActive = true'
  );
  const assignments = new Map<string, Map<string, string>>();
  for (const row of skillRows) {
    const username = usernameById.get(row.ServiceResourceId);
    const skill = row.Skill?.DeveloperName;
    if (!username || !skill || !isCurrent(row, now)) continue;
    if (!assignments.has(username)) assignments.set(username, new Map());
    (assignments.get(username) as Map<string, string>).set(skill, row.Id);
  }
  return { resources, assignments };
}

/** The org's agents as a roster. */
export async function readOrgRoster(client: OrgClient, now = new Date()): Promise<StaffMember[]> {
  const state = await readOrgSkills(client, now);
  return [...state.resources.entries()]
    .map(([username, resource]) => ({
      username,
      name: resource.name,
      skills: [...(state.assignments.get(username)?.keys() ?? [])].sort(),
      capacity: null
    }))
    .sort((a, b) => a.username.localeCompare(b.username));
}

/** Open cases in the routable steps. */
export async function readOrgOpenCases(client: OrgClient, steps: readonly string[]): Promise<OpenCase[]> {
  if (steps.length === 0) return [];
  const rows = await client.queryAll<Record<string, unknown>>(
    `SELECT CaseNumber, ${ROUTING_CASE_FIELDS.join(', ')} FROM Case WHERE IsClosed = false AND Processing_Step__c IN (${steps
      .map(soqlString)
      .join(', ')})`
  );
  return rows.map((row) => {
    const fields: Record<string, unknown> = {};
    for (const field of ROUTING_CASE_FIELDS) fields[field] = row[field] ?? null;
    return { caseNumber: String(row.CaseNumber ?? ''), fields: fields as CaseFields };
  });
}

const BATCH = 200;

interface JsforceSaveResult {
  id?: string;
  success: boolean;
  errors?: { message?: string }[] | unknown[];
}

interface JsforceLikeConnection {
  query(soql: string, options?: { autoFetch?: boolean; maxFetch?: number }): Promise<{ records: unknown[] }>;
  sobject(type: string): {
    create(records: Record<string, unknown>[], options?: { allOrNone?: boolean }): Promise<unknown>;
    update(records: Record<string, unknown>[], options?: { allOrNone?: boolean }): Promise<unknown>;
  };
}

function outcomes(results: unknown): SaveOutcome[] {
  const list = (Array.isArray(results) ? results : [results]) as JsforceSaveResult[];
  return list.map((result) => ({
    id: result.id ?? null,
    success: result.success,
    errors: (result.errors ?? []).map((error) =>
      typeof error === 'object' && error && 'message' in error ? String(error.message) : String(error)
    )
  }));
}

/** Wraps a jsforce Connection: queries fetch every page; writes go 200 records per collections call. */
export function clientFromConnection(connection: JsforceLikeConnection): OrgClient {
  const inBatches = async (
    records: Record<string, unknown>[],
    write: (batch: Record<string, unknown>[]) => Promise<unknown>
  ) => {
    const all: SaveOutcome[] = [];
    for (let i = 0; i < records.length; i += BATCH)
      all.push(...outcomes(await write(records.slice(i, i + BATCH))));
    return all;
  };
  return {
    async queryAll<T extends Record<string, unknown>>(soql: string) {
      const result = await connection.query(soql, { autoFetch: true, maxFetch: 1_000_000 });
      return result.records as T[];
    },
    create: (sobject, records) =>
      inBatches(records, (batch) => connection.sobject(sobject).create(batch, { allOrNone: false })),
    update: (sobject, records) =>
      inBatches(records, (batch) => connection.sobject(sobject).update(batch, { allOrNone: false }))
  };
}

/**
 * Connects with the Salesforce CLI's stored authentication for an alias or username. An alias that is
 * not logged in, or whose login expired, fails with one message saying how to log in.
 */
export async function connectTargetOrg(aliasOrUsername: string): Promise<OrgClient> {
  const { Org } = await import('@salesforce/core');
  const loginError = (err: unknown): unknown =>
    isOrgLoginError(err) ? new Error(orgLoginMessage(aliasOrUsername, err)) : err;
  let org: InstanceType<typeof Org>;
  try {
    org = await Org.create({ aliasOrUsername });
  } catch (err) {
    throw loginError(err);
  }
  const client = clientFromConnection(org.getConnection() as unknown as JsforceLikeConnection);
  const guarded =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      call(...args).catch((err: unknown) => Promise.reject(loginError(err)));
  return {
    queryAll: guarded(client.queryAll) as OrgClient['queryAll'],
    create: guarded(client.create),
    update: guarded(client.update)
  };
}
