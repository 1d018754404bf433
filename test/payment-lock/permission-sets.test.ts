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
  fieldPermissions: FieldPermission[];
  objectPermissions: ObjectPermission[];
  customPermissions: Array<{ name: string; enabled: string }>;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function permissionSet(name: string): PermissionSet {
  const xml = readXml(path.join(DEFAULT, 'permissionsets', `${name}.permissionset-meta.xml`))
    .PermissionSet as Record<string, unknown>;
  return {
    fieldPermissions: list(xml.fieldPermissions as FieldPermission[]),
    objectPermissions: list(xml.objectPermissions as ObjectPermission[]),
    customPermissions: list(xml.customPermissions as Array<{ name: string; enabled: string }>)
  };
}

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
    for (const field of LOCKED_FIELDS.filter((f) => f !== 'Status__c' && f !== 'Amount__c')) {
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
