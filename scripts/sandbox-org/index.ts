/**
 * Sandbox org: a local development stand-in for the Salesforce REST API that jsforce talks to over
 * loopback HTTP. It is not Salesforce; it serves the parts of the API this product uses, enforces the
 * project's own object metadata and validation rules, and can fail on purpose (see SUPPORTED.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../shared/paths';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { FaultInjector, parseFaults, type FaultConfig } from './faults';
import { to18 } from './ids';
import { loadSchema, type FormulaFieldType, type Schema } from './metadata';
import { OrgStore, type Rec, type StoreSnapshot, type ValidationEvaluator } from './store';
import type { BulkOptions } from './bulk2';
import { LATEST_VERSION, SandboxOrgServer, type ConnectedApp, type OrgUser } from './server';
import { PAYMENT_DELETE_LABEL, paymentDeleteGuard } from './triggers';
import { labelValues } from '../labels/customLabels';

export type { FaultConfig } from './faults';
export type UserKey = 'staff' | 'supervisor' | 'integration' | 'admin';

export interface SandboxUser {
  username: string;
  password: string;
  userId: string;
  /** Permission sets assigned to the user and the custom permissions they grant. */
  permissionSets: string[];
  customPermissions: string[];
  /** Client-credentials flow (integration user only): this connected app runs as the user. */
  clientId?: string;
  clientSecret?: string;
}

export interface SandboxOrgOptions {
  port?: number;
  host?: string;
  /** Seed for the generated credentials and faults. Without one the credentials are random per run (faults use 1). */
  seed?: number;
  faults?: FaultConfig;
  /** Load from this JSON file when it exists; written on stop() and saveSnapshot(). */
  snapshotFile?: string;
  /** Folder holding objects/, permissionsets/, ... (default: force-app/main/default of this project). */
  forceAppDir?: string;
  /** Session lifetime after login (default two hours). */
  sessionTtlMs?: number;
  /** DailyApiRequests Max (default 15,000, a Developer Edition's allowance). */
  dailyApiLimit?: number;
  /** Time source in epoch milliseconds (tests move time forward). */
  clock?: () => number;
  logger?: Logger;
  /** Validation-rule evaluator; default scripts/formula/evaluator.ts when present. */
  evaluator?: ValidationEvaluator;
  /** Bulk API 2.0: shortest processing time of a job, default query results page, upload size limit. */
  bulk?: BulkOptions;
}

export interface SystemWriteOptions {
  /** User recorded as CreatedById / LastModifiedById (default: the integration user). */
  as?: UserKey;
}

export interface SandboxOrg {
  loginUrl: string;
  instanceUrl: string;
  apiVersion: string;
  orgId: string;
  users: Record<UserKey, SandboxUser>;
  /** Connected app for the OAuth username-password flow (any user). */
  connectedApp: { clientId: string; clientSecret: string };
  /** Id of the "Awaiting Assignment" queue (Group of type Queue). */
  awaitingAssignmentQueueId: string;
  stop(): Promise<void>;
  setFaults(f: FaultConfig): void;
  apiUsage(): { used: number; max: number };
  /** Sets DailyApiRequests used (e.g. to the max to simulate the daily allowance being spent). */
  setApiUsage(used: number): void;
  /** Ends every open session (clients see INVALID_SESSION_ID and must log in again). */
  expireSessions(): void;
  /** Access token for a user without going through the token endpoint. */
  accessTokenFor(user: UserKey): string;
  /** System-mode insert: no validation rules, audit fields may be given, bookkeeping still applies. Throws on any failure. */
  insertAsSystem(type: string, records: Rec[], opts?: SystemWriteOptions): Promise<string[]>;
  /** System-mode update ("an edit forced past the lock"): records carry Id. Throws on any failure. */
  updateAsSystem(type: string, records: Rec[], opts?: SystemWriteOptions): Promise<void>;
  /** Reads with SOQL without using the API allowance (for tests and tools). */
  querySystem(soql: string, opts?: { includeDeleted?: boolean }): Rec[];
  saveSnapshot(file?: string): void;
  readonly schema: Schema;
}

function defaultForceAppDir(): string {
  return projectPath('force-app', 'main', 'default');
}

/** The project's formula evaluator, loaded when it exists (it is developed alongside the metadata). */
interface EvaluatorModule {
  evaluateValidationFormula?: ValidationEvaluator;
  checkValidationFormula?: (formula: string, fieldTypes: Record<string, FormulaFieldType>) => void;
  formulaReferences?: (formula: string) => { fields: string[]; permissions: string[] };
}

function loadEvaluator(logger: Logger): EvaluatorModule | null {
  const file = path.resolve(__dirname, '..', 'formula', 'evaluator');
  if (!['.ts', '.js'].some((ext) => fs.existsSync(file + ext))) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as EvaluatorModule;
  if (typeof mod.evaluateValidationFormula !== 'function') {
    logger.warn({ file }, 'formula evaluator does not export evaluateValidationFormula');
    return null;
  }
  return mod;
}

/** Permission set assignments; custom permissions and field-level security come from force-app. */
const ASSIGNMENTS: Record<UserKey, { first: string; last: string; permissionSets: string[] }> = {
  staff: { first: 'Sam', last: 'Staff', permissionSets: ['Omni_Assist_Staff'] },
  supervisor: {
    first: 'Sky',
    last: 'Supervisor',
    permissionSets: ['Omni_Assist_Staff', 'Omni_Assist_Supervisor']
  },
  integration: { first: 'Payment', last: 'Sync', permissionSets: ['Omni_Assist_Payment_Sync'] },
  admin: { first: 'Ada', last: 'Admin', permissionSets: ['Omni_Assist_Admin'] }
};
/** What the team spec grants, used only while a permission set file is not in force-app yet. */
const SPEC_CUSTOM_PERMISSIONS: Record<string, string[]> = {
  Omni_Assist_Payment_Sync: ['Payment_Sync_Integration']
};

/** Derived from the seed when one is given (reproducible runs), otherwise random per run. */
function secrets(seed: number | undefined): (label: string, len: number) => string {
  const base = seed === undefined ? crypto.randomBytes(32).toString('hex') : String(seed);
  return (label, len) =>
    crypto.createHash('sha256').update(`${base}:${label}`).digest('base64url').slice(0, len);
}

/** The payment delete guard with its custom label's text, when force-app defines the label. */
function deleteGuardFrom(forceAppDir: string, logger: Logger) {
  const file = path.join(forceAppDir, 'labels', 'CustomLabels.labels-meta.xml');
  const message = fs.existsSync(file) ? labelValues(file).get(PAYMENT_DELETE_LABEL) : undefined;
  if (message === undefined) {
    logger.warn({ file, label: PAYMENT_DELETE_LABEL }, 'no delete guard: the custom label is missing');
    return null;
  }
  return paymentDeleteGuard(message);
}

export async function startSandboxOrg(opts: SandboxOrgOptions = {}): Promise<SandboxOrg> {
  const seed = opts.seed ?? 1;
  const secret = secrets(opts.seed);
  const logger = opts.logger ?? pino({ level: process.env.SANDBOX_ORG_LOG_LEVEL ?? 'warn' });
  const clock = opts.clock ?? Date.now;
  const forceAppDir = opts.forceAppDir ?? defaultForceAppDir();
  const schema = loadSchema(forceAppDir);
  const mod = opts.evaluator ? null : loadEvaluator(logger);
  const evaluator = opts.evaluator ?? mod?.evaluateValidationFormula ?? null;
  const hasRules = [...schema.objects.values()].some((o) => o.validationRules.some((r) => r.active));
  if (hasRules && !evaluator) {
    throw new Error(
      `validation rules exist in ${schema.sourceDir} but no formula evaluator is available (scripts/formula/evaluator.ts)`
    );
  }
  // A rule the evaluator cannot run fails here, at start, rather than on some later save.
  if (mod?.checkValidationFormula) {
    for (const def of schema.objects.values()) {
      for (const rule of def.validationRules.filter((r) => r.active)) {
        try {
          mod.checkValidationFormula(rule.formula, def.formulaTypes);
        } catch (err) {
          throw new Error(`${rule.file}: field "errorConditionFormula" ${(err as Error).message}`);
        }
        // Each save evaluates every rule: hand the evaluator only the fields the rule reads.
        if (mod.formulaReferences) {
          const types: Record<string, FormulaFieldType> = {};
          for (const name of mod.formulaReferences(rule.formula).fields) {
            const f = def.byLower.get(name.toLowerCase());
            if (f) types[f.name] = f.formulaType;
          }
          rule.fieldTypes = types;
        }
      }
    }
  }
  const resolvedFaults = parseFaults(opts.faults, 'startSandboxOrg faults');
  const store = new OrgStore(schema, clock, evaluator, deleteGuardFrom(forceAppDir, logger));
  const orgId = to18('00D8d0000000001');

  const snapshotFile = opts.snapshotFile;
  const restored = snapshotFile && fs.existsSync(snapshotFile);
  if (restored) store.restore(JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as StoreSnapshot);

  const users = {} as Record<UserKey, SandboxUser>;
  const orgUsers: OrgUser[] = [];
  const systemRunAs = { userId: '', permissions: new Set<string>(), system: true };
  const userDef = schema.objects.get('User')!;
  for (const key of Object.keys(ASSIGNMENTS) as UserKey[]) {
    const a = ASSIGNMENTS[key];
    const username = `${key}@omni-assist.sandbox`;
    let userId: string;
    // A snapshot from before a user was added to ASSIGNMENTS gets that user now.
    const existing = restored
      ? [...store.tables.get('User')!.values()].find((u) => u.Username === username)
      : undefined;
    if (existing) {
      userId = existing.Id as string;
    } else {
      const [r] = store.insert(
        userDef,
        [
          {
            Username: username,
            FirstName: a.first,
            LastName: a.last,
            Email: username,
            Alias: key.slice(0, 8),
            IsActive: true
          }
        ],
        systemRunAs,
        { allOrNone: true }
      );
      if (!r.success) throw new Error(`seeding user ${username}: ${JSON.stringify(r.errors)}`);
      userId = r.id!;
    }
    const customPermissions = new Set<string>();
    for (const ps of a.permissionSets) {
      for (const cp of schema.permissionSets.get(ps) ??
        (schema.permissionSets.size === 0 ? (SPEC_CUSTOM_PERMISSIONS[ps] ?? []) : []))
        customPermissions.add(cp);
    }
    // Field-level security as the permission sets grant it (none applies while force-app has no sets).
    const editableFields =
      schema.permissionSets.size === 0
        ? undefined
        : new Set(a.permissionSets.flatMap((ps) => [...(schema.editableFields.get(ps) ?? [])]));
    users[key] = {
      username,
      password: `Sandbox-${key}-${secret(key, 10)}`,
      userId,
      permissionSets: a.permissionSets,
      customPermissions: [...customPermissions]
    };
    orgUsers.push({
      key,
      userId,
      username,
      password: users[key].password,
      permissionSets: a.permissionSets,
      customPermissions,
      editableFields
    });
  }
  users.integration.clientId = `3MVG9sandbox.integration.${secret('cc-id', 16)}`;
  users.integration.clientSecret = secret('cc-secret', 32);
  const connectedApp = {
    clientId: `3MVG9sandbox.omniassist.${secret('app-id', 16)}`,
    clientSecret: secret('app-secret', 32)
  };
  const integrationUser = orgUsers.find((u) => u.key === 'integration')!;
  const apps: ConnectedApp[] = [
    { ...connectedApp, runAs: integrationUser },
    {
      clientId: users.integration.clientId,
      clientSecret: users.integration.clientSecret,
      runAs: integrationUser
    }
  ];

  let queueId = [...store.tables.get('Group')!.values()].find(
    (g) => g.DeveloperName === 'Awaiting_Assignment'
  )?.Id as string | undefined;
  if (!queueId) {
    const [r] = store.insert(
      schema.objects.get('Group')!,
      [{ Name: 'Awaiting Assignment', DeveloperName: 'Awaiting_Assignment', Type: 'Queue' }],
      { ...systemRunAs, userId: integrationUser.userId },
      { allOrNone: true }
    );
    queueId = r.id!;
  }

  const faults = new FaultInjector(seed, opts.faults);
  const server = new SandboxOrgServer({
    schema,
    store,
    faults,
    users: orgUsers,
    apps,
    orgId,
    clock,
    logger,
    dailyApiLimit: resolvedFaults.dailyApiLimit ?? opts.dailyApiLimit ?? 15000,
    sessionTtlMs: resolvedFaults.sessionTtlMs ?? opts.sessionTtlMs ?? 2 * 60 * 60 * 1000,
    bulk: opts.bulk
  });
  if (resolvedFaults.apiLimitReached) server.apiUsed = server.dailyApiLimit;
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.server.address() as AddressInfo;
  const baseUrl = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;
  server.baseUrl = baseUrl;
  logger.info({ url: baseUrl }, 'sandbox org listening');

  const runAsFor = (key: UserKey | undefined) => {
    const u = orgUsers.find((x) => x.key === (key ?? 'integration'))!;
    return { userId: u.userId, permissions: u.customPermissions, system: true };
  };
  const failIfAny = (results: Array<{ success: boolean; errors: unknown[] }>, what: string): void => {
    const bad = results.findIndex((r) => !r.success);
    if (bad >= 0) throw new Error(`${what} failed for record ${bad}: ${JSON.stringify(results[bad].errors)}`);
  };
  const objectDef = (type: string) => {
    const def = schema.byLower.get(type.toLowerCase());
    if (!def) throw new Error(`unknown object ${type}`);
    return def;
  };
  let stopped = false;

  const org: SandboxOrg = {
    loginUrl: baseUrl,
    instanceUrl: baseUrl,
    apiVersion: LATEST_VERSION,
    orgId,
    users,
    connectedApp,
    awaitingAssignmentQueueId: queueId,
    schema,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.bulk.stop();
      if (snapshotFile) org.saveSnapshot(snapshotFile);
      await new Promise<void>((resolve) => {
        server.server.close(() => resolve());
        server.server.closeAllConnections();
      });
    },
    setFaults(f) {
      const parsed = parseFaults(f, 'setFaults');
      faults.set(f);
      if (parsed.dailyApiLimit) server.dailyApiLimit = parsed.dailyApiLimit;
      if (parsed.sessionTtlMs) server.sessionTtlMs = parsed.sessionTtlMs;
      if (parsed.apiLimitReached) server.apiUsed = server.dailyApiLimit;
    },
    apiUsage: () => ({ used: server.apiUsed, max: server.dailyApiLimit }),
    setApiUsage(used) {
      server.apiUsed = used;
    },
    expireSessions: () => server.expireSessions(),
    accessTokenFor: (key) => server.openSession(orgUsers.find((u) => u.key === key)!),
    async insertAsSystem(type, records, o) {
      const def = objectDef(type);
      const ids: string[] = [];
      for (let i = 0; i < records.length; i += 200) {
        const results = store.insert(def, records.slice(i, i + 200), runAsFor(o?.as), { allOrNone: true });
        failIfAny(results, `insertAsSystem(${type})`);
        ids.push(...results.map((r) => r.id!));
      }
      return ids;
    },
    async updateAsSystem(type, records, o) {
      const def = objectDef(type);
      const items = records.map((r) => {
        const { Id, ...body } = r;
        return { def, body, id: Id, typeName: def.name };
      });
      failIfAny(store.update(items, runAsFor(o?.as), { allOrNone: true }), `updateAsSystem(${type})`);
    },
    querySystem: (soql, o) => server.runQuery(soql, o?.includeDeleted ?? false).rows.map((r) => ({ ...r })),
    saveSnapshot(file) {
      const target = file ?? snapshotFile;
      if (!target) throw new Error('saveSnapshot: no snapshot file given');
      fs.writeFileSync(target, JSON.stringify(store.snapshot()));
    }
  };
  return org;
}
