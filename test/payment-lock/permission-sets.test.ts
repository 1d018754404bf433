/** Field-level security in the permission sets matches each role, and only the integration holds the lock key. */
import * as fs from 'fs';
import * as path from 'path';
import {
  LOCKED_FIELDS,
  PAYMENT_SYNC_PERMISSION
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import { ROOT, readXml } from './metadata';

const DEFAULT = path.join(ROOT, 'force-app', 'main', 'default');

interface FieldPermission {
  field: string;
  editable: string;
  readable: string;
}
interface ObjectPermission {
  object: string;
  allowCreate: string;
  allowDelete: string;
  allowEdit: string;
  allowRead: string;
  modifyAllRecords: string;
  viewAllRecords: string;
}
interface PermissionSet {
  description: string;
  classAccesses: Array<{ apexClass: string; enabled: string }>;
  customMetadataTypeAccesses: Array<{ name: string; enabled: string }>;
  fieldPermissions: FieldPermission[];
  objectPermissions: ObjectPermission[];
  customPermissions: Array<{ name: string; enabled: string }>;
  servicePresenceStatusAccesses: Array<{ servicePresenceStatus: string; enabled: string }>;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function permissionSet(name: string): PermissionSet {
  const xml = readXml(path.join(DEFAULT, 'permissionsets', `${name}.permissionset-meta.xml`))
    .PermissionSet as Record<string, unknown>;
  return {
    description: String(xml.description ?? ''),
    classAccesses: list(xml.classAccesses as PermissionSet['classAccesses']),
    customMetadataTypeAccesses: list(
      xml.customMetadataTypeAccesses as PermissionSet['customMetadataTypeAccesses']
    ),
    fieldPermissions: list(xml.fieldPermissions as FieldPermission[]),
    objectPermissions: list(xml.objectPermissions as ObjectPermission[]),
    customPermissions: list(xml.customPermissions as PermissionSet['customPermissions']),
    servicePresenceStatusAccesses: list(
      xml.servicePresenceStatusAccesses as PermissionSet['servicePresenceStatusAccesses']
    )
  };
}

const enabledClasses = (set: PermissionSet): string[] =>
  set.classAccesses.filter((grant) => grant.enabled === 'true').map((grant) => grant.apexClass);
const enabledPermissions = (set: PermissionSet): string[] =>
  set.customPermissions.filter((grant) => grant.enabled === 'true').map((grant) => grant.name);
const enabledMetadataTypes = (set: PermissionSet): string[] =>
  set.customMetadataTypeAccesses.filter((grant) => grant.enabled === 'true').map((grant) => grant.name);

const CLASSES_DIR = path.join(DEFAULT, 'classes');
const apexSource = (name: string): string | null => {
  const file = path.join(CLASSES_DIR, `${name}.cls`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
};
/** Strips comments so annotations and queries in ApexDoc examples do not count. */
const withoutComments = (source: string): string =>
  source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');

/** Classes whose methods Lightning components can call: a static @AuraEnabled method (properties do not count). */
function classesWithAuraEnabledMethods(): string[] {
  return fs
    .readdirSync(CLASSES_DIR)
    .filter((name) => name.endsWith('.cls'))
    .map((name) => name.replace(/\.cls$/, ''))
    .filter((name) =>
      /@AuraEnabled\b(\s*\([^)]*\))?\s+(public|global)\s+static\s/i.test(
        withoutComments(apexSource(name) ?? '')
      )
    )
    .sort();
}

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : filesUnder(full, keep);
    return keep(full) ? [full] : [];
  });
}

/** Apex classes the project's components import (@salesforce/apex/Class.method) or name as Aura controller. */
function classesCalledFromComponents(): string[] {
  const called = new Set<string>();
  const lwcSources = filesUnder(
    path.join(DEFAULT, 'lwc'),
    (file) => (file.endsWith('.ts') && !file.endsWith('.d.ts')) || file.endsWith('.js')
  );
  for (const file of lwcSources) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/@salesforce\/apex\/(\w+)\.\w+/g))
      called.add(match[1]);
  }
  for (const file of filesUnder(
    path.join(DEFAULT, 'aura'),
    (f) => f.endsWith('.cmp') || f.endsWith('.app')
  )) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bcontroller\s*=\s*"(?:c\.)?(\w+)"/g))
      called.add(match[1]);
  }
  return [...called].sort();
}

/** Entry points other than components that a person may run: scheduled, batch and queueable Apex. */
const isAsyncEntryPoint = (source: string): boolean =>
  /\bimplements\b[^{]*\b(Schedulable|Database\.Batchable|Queueable)\b/i.test(withoutComments(source));

/** Custom metadata types a class queries in user mode (needs Read on the type where access is restricted). */
const userModeMetadataTypes = (source: string): string[] =>
  [...withoutComments(source).matchAll(/FROM\s+(\w+__mdt)\b[^\]]*?WITH\s+USER_MODE/gi)].map((m) => m[1]);

const SETS = ['Omni_Assist_Staff', 'Omni_Assist_Supervisor', 'Omni_Assist_Admin', 'Omni_Assist_Payment_Sync'];

/** Object.Field -> CustomField, with Task fields defined on Activity. */
function fieldDefinition(qualified: string): { type: string; required?: string } | null {
  const [object, field] = qualified.split('.');
  const folder = object === 'Task' || object === 'Event' ? 'Activity' : object;
  const file = path.join(DEFAULT, 'objects', folder, 'fields', `${field}.field-meta.xml`);
  return fs.existsSync(file) ? (readXml(file).CustomField as { type: string; required?: string }) : null;
}

const access = (set: PermissionSet, field: string): 'edit' | 'read' | 'none' => {
  const grant = set.fieldPermissions.find((permission) => permission.field === field);
  if (!grant || grant.readable !== 'true') return 'none';
  return grant.editable === 'true' ? 'edit' : 'read';
};

describe.each(SETS)('%s', (name) => {
  const set = permissionSet(name);

  it('grants field access only to fields that exist and may carry field-level security', () => {
    for (const { field } of set.fieldPermissions) {
      const definition = fieldDefinition(field);
      expect({ field, exists: definition !== null }).toEqual({ field, exists: true });
      expect({
        field,
        required: definition?.required === 'true' || definition?.type === 'MasterDetail'
      }).toEqual({
        field,
        required: false
      });
    }
  });

  it('grants Read (and View All) on Case wherever it grants them on its Master-Detail child Assistance_Payment__c', () => {
    const payments = set.objectPermissions.find((p) => p.object === 'Assistance_Payment__c');
    if (!payments) return;
    const cases = set.objectPermissions.find((p) => p.object === 'Case');
    expect(cases?.allowRead).toBe('true');
    if (payments.viewAllRecords === 'true') expect(cases?.viewAllRecords).toBe('true');
  });

  it('keeps its description within the 255 characters the platform stores', () => {
    expect(set.description.length).toBeGreaterThan(0);
    expect(set.description.length).toBeLessThanOrEqual(255);
  });

  it('grants class access only to Apex entry points that exist (never to classes that only shape data)', () => {
    const aura = new Set(classesWithAuraEnabledMethods());
    for (const apexClass of enabledClasses(set)) {
      const source = apexSource(apexClass);
      expect({ apexClass, exists: source !== null }).toEqual({ apexClass, exists: true });
      expect({ apexClass, entryPoint: aura.has(apexClass) || isAsyncEntryPoint(source ?? '') }).toEqual({
        apexClass,
        entryPoint: true
      });
    }
  });

  it('names only custom permissions, custom metadata types and presence statuses that exist', () => {
    for (const name of set.customPermissions.map((grant) => grant.name)) {
      const file = path.join(DEFAULT, 'customPermissions', `${name}.customPermission-meta.xml`);
      expect({ name, exists: fs.existsSync(file) }).toEqual({ name, exists: true });
    }
    for (const name of set.customMetadataTypeAccesses.map((grant) => grant.name)) {
      const file = path.join(DEFAULT, 'objects', name, `${name}.object-meta.xml`);
      expect({ name, exists: name.endsWith('__mdt') && fs.existsSync(file) }).toEqual({ name, exists: true });
    }
    for (const name of set.servicePresenceStatusAccesses.map((grant) => grant.servicePresenceStatus)) {
      const file = path.join(DEFAULT, 'servicePresenceStatuses', `${name}.servicePresenceStatus-meta.xml`);
      expect({ name, exists: fs.existsSync(file) }).toEqual({ name, exists: true });
    }
  });

  it('reads every custom metadata type that a class it may run queries in user mode', () => {
    const readable = new Set(enabledMetadataTypes(set));
    for (const apexClass of enabledClasses(set)) {
      for (const type of userModeMetadataTypes(apexSource(apexClass) ?? '')) {
        expect({ apexClass, type, readable: readable.has(type) }).toEqual({
          apexClass,
          type,
          readable: true
        });
      }
    }
  });

  it('holds the Payment_Sync_Integration custom permission only if it is the integration set', () => {
    const holds = set.customPermissions.some(
      (p) => p.name === PAYMENT_SYNC_PERMISSION && p.enabled === 'true'
    );
    expect(holds).toBe(name === 'Omni_Assist_Payment_Sync');
  });
});

describe('role boundaries', () => {
  const staff = permissionSet('Omni_Assist_Staff');
  const supervisor = permissionSet('Omni_Assist_Supervisor');
  const sync = permissionSet('Omni_Assist_Payment_Sync');
  const admin = permissionSet('Omni_Assist_Admin');
  const SYNC_FIELDS = [
    'External_Payment_Id__c',
    'Submitted_Snapshot__c',
    'Submitted_At__c',
    'Last_Synced_At__c',
    'Sync_Error__c',
    'Drift_Detected__c',
    'Drift_Details__c',
    'Sync_Partition__c'
  ].map((field) => `Assistance_Payment__c.${field}`);

  it('staff and supervisors can prepare a payment but never write what the sync owns', () => {
    for (const set of [staff, supervisor]) {
      expect(access(set, 'Assistance_Payment__c.Status__c')).toBe('edit');
      expect(access(set, 'Assistance_Payment__c.Payee__c')).toBe('edit');
      for (const field of SYNC_FIELDS) expect(access(set, field)).not.toBe('edit');
      expect(set.objectPermissions.find((p) => p.object === 'Payment_Sync_Cursor__c')).toBeUndefined();
      const payments = set.objectPermissions.find((p) => p.object === 'Assistance_Payment__c');
      expect(payments?.allowDelete).toBe('false');
      expect(payments?.modifyAllRecords).toBe('false');
    }
  });

  it('staff, supervisors and admins may call every Apex class a component calls', () => {
    const called = classesCalledFromComponents();
    const auraEnabled = classesWithAuraEnabledMethods();
    // every import names a class with @AuraEnabled methods, so both ways of finding them agree
    expect(called.filter((name) => !auraEnabled.includes(name))).toEqual([]);
    expect(called.length).toBeGreaterThan(0);
    for (const [name, set] of [
      ['Omni_Assist_Staff', staff],
      ['Omni_Assist_Supervisor', supervisor],
      ['Omni_Assist_Admin', admin]
    ] as const) {
      const granted = new Set(enabledClasses(set));
      expect({ name, missing: auraEnabled.filter((apexClass) => !granted.has(apexClass)) }).toEqual({
        name,
        missing: []
      });
    }
  });

  it('the integration runs no Apex from components and holds no custom permission but Payment_Sync_Integration', () => {
    expect(sync.classAccesses).toEqual([]);
    expect(sync.customPermissions.map((grant) => grant.name)).toEqual([PAYMENT_SYNC_PERMISSION]);
  });

  it('only supervisors and admins see the supervisor view of the Omni panel', () => {
    const controller = withoutComments(apexSource('OmniPanelController') ?? '');
    const permission = /SUPERVISOR_PERMISSION\s*=\s*'(\w+)'/.exec(controller)?.[1];
    expect(permission).toBe('Omni_Assist_Supervisor_View');
    expect(enabledPermissions(supervisor)).toContain(permission);
    expect(enabledPermissions(admin)).toContain(permission);
    expect(enabledPermissions(staff)).not.toContain(permission);
    expect(enabledPermissions(sync)).not.toContain(permission);
  });

  it('supervisors read at least everything staff read', () => {
    for (const { field } of staff.fieldPermissions) {
      expect({ field, access: access(supervisor, field) === 'none' }).toEqual({ field, access: false });
    }
  });

  it('the integration touches payments and its cursors only, writes status and sync fields, and cannot create or delete payments', () => {
    // Case is the master of Assistance_Payment__c: the platform refuses Read / View All on a detail
    // object without Read / View All on its master, so the integration reads cases and nothing more.
    expect(sync.objectPermissions.map((p) => p.object).sort()).toEqual([
      'Assistance_Payment__c',
      'Case',
      'Payment_Sync_Cursor__c'
    ]);
    expect(sync.objectPermissions.find((p) => p.object === 'Case')).toMatchObject({
      allowCreate: 'false',
      allowDelete: 'false',
      allowEdit: 'false',
      allowRead: 'true',
      modifyAllRecords: 'false'
    });
    expect(
      sync.fieldPermissions.every((p) => /^(Assistance_Payment__c|Payment_Sync_Cursor__c)\./.test(p.field))
    ).toBe(true);
    expect(access(sync, 'Assistance_Payment__c.Status__c')).toBe('edit');
    for (const field of SYNC_FIELDS) expect(access(sync, field)).toBe('edit');
    // Amount__c is required and Case__c is the master-detail: the platform keeps both out of field permissions.
    for (const field of LOCKED_FIELDS.filter((f) => !['Status__c', 'Amount__c', 'Case__c'].includes(f))) {
      expect(access(sync, `Assistance_Payment__c.${field}`)).toBe('read');
    }
    const payments = sync.objectPermissions.find((p) => p.object === 'Assistance_Payment__c');
    expect(payments).toMatchObject({ allowCreate: 'false', allowDelete: 'false', modifyAllRecords: 'false' });
  });

  it('admins have full access to the product objects', () => {
    for (const object of ['Assistance_Payment__c', 'Payment_Sync_Cursor__c']) {
      expect(admin.objectPermissions.find((p) => p.object === object)).toMatchObject({
        allowCreate: 'true',
        allowDelete: 'true',
        allowEdit: 'true',
        allowRead: 'true',
        modifyAllRecords: 'true',
        viewAllRecords: 'true'
      });
    }
  });
});
