/**
 * Reads the project's object metadata (force-app/main/default/objects) into the schema the sandbox org
 * serves in describe calls and enforces on every save: field types, lengths, picklist values, required,
 * unique / external ids and validation rules. Standard objects the product touches (Case, Task, User,
 * Group) start from hand-written descriptions of their standard fields; custom fields in force-app are
 * added to them (Activity fields go to Task).
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { FieldType as FormulaEvaluatorFieldType } from '../formula/evaluator';
import { fieldProblem } from '../shared/zod';
import { customKeyPrefix } from './ids';

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'double'
  | 'int'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'email'
  | 'phone'
  | 'url';

export interface PicklistValue {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  custom: boolean;
  length: number;
  precision: number;
  scale: number;
  nillable: boolean;
  /** Must carry a value on insert and may not be cleared (REQUIRED_FIELD_MISSING). */
  required: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  unique: boolean;
  externalId: boolean;
  caseSensitive: boolean;
  idLookup: boolean;
  autoNumber: boolean;
  /** Auto-number display format, e.g. "P-{000000}". */
  displayFormat?: string;
  picklistValues: PicklistValue[];
  restrictedPicklist: boolean;
  referenceTo: string[];
  /** Parent relationship name used in SOQL (Case__r, Owner). */
  relationshipName: string | null;
  /** Child relationship name on the parent (for describe childRelationships). */
  childRelationshipName: string | null;
  cascadeDelete: boolean;
  defaultValue: unknown;
  /** Kind the formula evaluator expects for this field. */
  formulaType: FormulaFieldType;
}

/** Kind of field the formula evaluator works with (the team spec's FormulaContext.fieldTypes). */
export type FormulaFieldType = FormulaEvaluatorFieldType;

export interface ValidationRuleDef {
  name: string;
  active: boolean;
  formula: string;
  errorMessage: string;
  errorDisplayField: string | null;
  file: string;
  /** Types of the fields the formula reads (all fields when not known). */
  fieldTypes?: Record<string, FormulaFieldType>;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: FieldDef[];
  byLower: Map<string, FieldDef>;
  byRelationship: Map<string, FieldDef>;
  validationRules: ValidationRuleDef[];
  /** Auto-number fields (Name on Assistance_Payment__c, CaseNumber on Case). */
  autoNumberFields: FieldDef[];
  uniqueFields: FieldDef[];
  formulaTypes: Record<string, FormulaFieldType>;
}

export interface Schema {
  objects: Map<string, ObjectDef>;
  byLower: Map<string, ObjectDef>;
  byPrefix: Map<string, ObjectDef>;
  /** Custom permissions granted by each permission set found in force-app. */
  permissionSets: Map<string, Set<string>>;
  /**
   * Field-level security each permission set grants, by "Object.Field" (Task fields as Task.X):
   * the fields it lets its holders edit. A custom field no assigned set lets a user edit is
   * read-only for that user (required and master-detail fields excepted, as on the platform).
   */
  editableFields: Map<string, Set<string>>;
  /** Files read, for messages. */
  sourceDir: string;
}

function formulaTypeOf(type: FieldType): FormulaFieldType {
  switch (type) {
    case 'string':
      return 'text';
    case 'boolean':
      return 'checkbox';
    case 'double':
    case 'int':
      return 'number';
    default:
      return type;
  }
}

type FieldInit = Partial<FieldDef> & { name: string; type: FieldType };

export function makeField(init: FieldInit): FieldDef {
  const custom = init.custom ?? init.name.endsWith('__c');
  const f: FieldDef = {
    label: init.name.replace(/__c$/, '').replace(/_/g, ' '),
    custom,
    length: 0,
    precision: 0,
    scale: 0,
    nillable: true,
    required: false,
    createable: true,
    updateable: true,
    defaultedOnCreate: false,
    unique: false,
    externalId: false,
    caseSensitive: false,
    idLookup: false,
    autoNumber: false,
    picklistValues: [],
    restrictedPicklist: false,
    referenceTo: [],
    relationshipName: null,
    childRelationshipName: null,
    cascadeDelete: false,
    defaultValue: null,
    formulaType: formulaTypeOf(init.type),
    ...init
  };
  if (f.type === 'boolean') {
    f.nillable = false;
    f.defaultedOnCreate = true;
    if (f.defaultValue === null) f.defaultValue = false;
  }
  return f;
}

const SYSTEM_FIELDS = (): FieldDef[] => [
  makeField({
    name: 'Id',
    type: 'id',
    length: 18,
    nillable: false,
    createable: false,
    updateable: false,
    defaultedOnCreate: true,
    idLookup: true,
    label: 'Record ID'
  }),
  makeField({ name: 'IsDeleted', type: 'boolean', createable: false, updateable: false, label: 'Deleted' }),
  makeField({
    name: 'CreatedDate',
    type: 'datetime',
    nillable: false,
    createable: false,
    updateable: false,
    defaultedOnCreate: true,
    label: 'Created Date'
  }),
  makeField({
    name: 'CreatedById',
    type: 'reference',
    length: 18,
    nillable: false,
    createable: false,
    updateable: false,
    defaultedOnCreate: true,
    referenceTo: ['User'],
    relationshipName: 'CreatedBy',
    label: 'Created By ID'
  }),
  makeField({
    name: 'LastModifiedDate',
    type: 'datetime',
    nillable: false,
    createable: false,
    updateable: false,
    defaultedOnCreate: true,
    label: 'Last Modified Date'
  }),
  makeField({
    name: 'LastModifiedById',
    type: 'reference',
    length: 18,
    nillable: false,
    createable: false,
    updateable: false,
    defaultedOnCreate: true,
    referenceTo: ['User'],
    relationshipName: 'LastModifiedBy',
    label: 'Last Modified By ID'
  }),
  makeField({
    name: 'SystemModstamp',
    type: 'datetime',
    nillable: false,
    createable: false,
    updateable: false,
    defaultedOnCreate: true,
    label: 'System Modstamp'
  })
];

const pick = (values: string[], defaultValue?: string): PicklistValue[] =>
  values.map((v) => ({ value: v, label: v, active: true, defaultValue: v === defaultValue }));

function ownerField(referenceTo: string[]): FieldDef {
  return makeField({
    name: 'OwnerId',
    type: 'reference',
    length: 18,
    nillable: false,
    defaultedOnCreate: true,
    referenceTo,
    relationshipName: 'Owner',
    label: 'Owner ID'
  });
}

function standardObjects(): Array<{
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FieldDef[];
  createable: boolean;
}> {
  return [
    {
      name: 'Case',
      label: 'Case',
      labelPlural: 'Cases',
      keyPrefix: '500',
      createable: true,
      fields: [
        ...SYSTEM_FIELDS(),
        makeField({
          name: 'CaseNumber',
          type: 'string',
          length: 30,
          nillable: false,
          createable: false,
          updateable: false,
          defaultedOnCreate: true,
          autoNumber: true,
          displayFormat: '{00000000}',
          idLookup: true,
          label: 'Case Number'
        }),
        ownerField(['Group', 'User']),
        makeField({ name: 'Subject', type: 'string', length: 255 }),
        makeField({ name: 'Description', type: 'textarea', length: 32000 }),
        makeField({
          name: 'Status',
          type: 'picklist',
          length: 255,
          picklistValues: pick(['New', 'Working', 'Escalated', 'Closed'], 'New'),
          defaultValue: 'New',
          defaultedOnCreate: true
        }),
        makeField({
          name: 'Priority',
          type: 'picklist',
          length: 255,
          picklistValues: pick(['High', 'Medium', 'Low'], 'Medium'),
          defaultValue: 'Medium',
          defaultedOnCreate: true
        }),
        makeField({
          name: 'Origin',
          type: 'picklist',
          length: 255,
          picklistValues: pick(['Phone', 'Email', 'Web'])
        }),
        makeField({ name: 'IsClosed', type: 'boolean', createable: false, updateable: false }),
        makeField({ name: 'ClosedDate', type: 'datetime', createable: false, updateable: false }),
        makeField({
          name: 'ContactId',
          type: 'reference',
          length: 18,
          referenceTo: ['Contact'],
          relationshipName: 'Contact'
        })
      ]
    },
    {
      name: 'Task',
      label: 'Task',
      labelPlural: 'Tasks',
      keyPrefix: '00T',
      createable: true,
      fields: [
        ...SYSTEM_FIELDS(),
        ownerField(['User']),
        makeField({ name: 'Subject', type: 'string', length: 255 }),
        makeField({ name: 'Description', type: 'textarea', length: 32000 }),
        makeField({
          name: 'Status',
          type: 'picklist',
          length: 255,
          nillable: false,
          picklistValues: pick(
            ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
            'Not Started'
          ),
          defaultValue: 'Not Started',
          defaultedOnCreate: true
        }),
        makeField({
          name: 'Priority',
          type: 'picklist',
          length: 255,
          nillable: false,
          picklistValues: pick(['High', 'Normal', 'Low'], 'Normal'),
          defaultValue: 'Normal',
          defaultedOnCreate: true
        }),
        makeField({ name: 'ActivityDate', type: 'date' }),
        makeField({ name: 'IsClosed', type: 'boolean', createable: false, updateable: false }),
        makeField({
          name: 'WhatId',
          type: 'reference',
          length: 18,
          referenceTo: ['Case'],
          relationshipName: 'What'
        }),
        makeField({
          name: 'WhoId',
          type: 'reference',
          length: 18,
          referenceTo: ['Contact'],
          relationshipName: 'Who'
        })
      ]
    },
    {
      name: 'User',
      label: 'User',
      labelPlural: 'Users',
      keyPrefix: '005',
      createable: false,
      fields: [
        ...SYSTEM_FIELDS().filter((f) => f.name !== 'IsDeleted'),
        makeField({
          name: 'Username',
          type: 'string',
          length: 80,
          nillable: false,
          unique: true,
          idLookup: true
        }),
        makeField({
          name: 'Name',
          type: 'string',
          length: 121,
          createable: false,
          updateable: false,
          label: 'Full Name'
        }),
        makeField({ name: 'FirstName', type: 'string', length: 40 }),
        makeField({ name: 'LastName', type: 'string', length: 80, nillable: false, required: true }),
        makeField({ name: 'Email', type: 'email', length: 128, nillable: false }),
        makeField({ name: 'Alias', type: 'string', length: 8 }),
        makeField({ name: 'IsActive', type: 'boolean', defaultValue: true })
      ]
    },
    {
      name: 'Group',
      label: 'Group',
      labelPlural: 'Groups',
      keyPrefix: '00G',
      createable: true,
      fields: [
        ...SYSTEM_FIELDS().filter((f) => f.name !== 'IsDeleted'),
        makeField({ name: 'Name', type: 'string', length: 40, nillable: false, required: true }),
        makeField({ name: 'DeveloperName', type: 'string', length: 80, idLookup: true }),
        makeField({
          name: 'Type',
          type: 'picklist',
          length: 40,
          nillable: false,
          picklistValues: pick(['Regular', 'Queue']),
          defaultValue: 'Regular',
          defaultedOnCreate: true
        }),
        ownerField(['User'])
      ]
    }
  ];
}

// ---------- force-app reading ----------

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) =>
    ['value', 'customValue', 'customPermissions', 'fieldPermissions', 'referenceTo', 'values'].includes(name)
});

const text = z.union([z.string(), z.number()]).transform(String);
const bool = z
  .union([z.string(), z.boolean()])
  .transform((v) => v === true || v === 'true')
  .optional();

const valueSchema = z.object({ fullName: text, label: text.optional(), default: bool, isActive: bool });
const fieldXmlSchema = z.object({
  fullName: text,
  label: text.optional(),
  type: text,
  length: text.optional(),
  precision: text.optional(),
  scale: text.optional(),
  required: bool,
  unique: bool,
  externalId: bool,
  caseSensitive: bool,
  defaultValue: text.optional(),
  displayFormat: text.optional(),
  referenceTo: z.array(text).optional(),
  relationshipName: text.optional(),
  reparentableMasterDetail: bool,
  formula: text.optional(),
  valueSet: z
    .object({
      restricted: bool,
      valueSetName: text.optional(),
      valueSetDefinition: z.object({ value: z.array(valueSchema).optional() }).optional()
    })
    .optional()
});
const ruleXmlSchema = z.object({
  fullName: text,
  active: bool,
  errorConditionFormula: text,
  errorMessage: text,
  errorDisplayField: text.optional()
});
const objectXmlSchema = z.object({
  label: text.optional(),
  pluralLabel: text.optional(),
  nameField: z.object({ label: text.optional(), type: text, displayFormat: text.optional() }).optional()
});

function readXml<T>(file: string, root: string, schema: z.ZodType<T>): T {
  const raw = parser.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const body = raw[root];
  if (body === undefined) throw new Error(`${file}: expected a <${root}> document`);
  const parsed = schema.safeParse(body === '' ? {} : body);
  if (!parsed.success) {
    throw new Error(`${file}: ${fieldProblem(parsed.error, root)}`);
  }
  return parsed.data;
}

function listFiles(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}

function globalValues(forceAppDir: string, name: string, from: string): PicklistValue[] {
  const file = path.join(forceAppDir, 'globalValueSets', `${name}.globalValueSet-meta.xml`);
  if (!fs.existsSync(file)) throw new Error(`${from}: value set "${name}" not found (looked for ${file})`);
  const gvs = readXml(file, 'GlobalValueSet', z.object({ customValue: z.array(valueSchema).optional() }));
  return (gvs.customValue ?? []).map((v) => ({
    value: v.fullName,
    label: v.label ?? v.fullName,
    active: v.isActive !== false,
    defaultValue: v.default === true
  }));
}

function standardValues(forceAppDir: string, name: string): PicklistValue[] | null {
  const file = path.join(forceAppDir, 'standardValueSets', `${name}.standardValueSet-meta.xml`);
  if (!fs.existsSync(file)) return null;
  const svs = readXml(
    file,
    'StandardValueSet',
    z.object({ standardValue: z.union([z.array(valueSchema), valueSchema]).optional() })
  );
  const list =
    svs.standardValue === undefined
      ? []
      : Array.isArray(svs.standardValue)
        ? svs.standardValue
        : [svs.standardValue];
  return list.map((v) => ({
    value: v.fullName,
    label: v.label ?? v.fullName,
    active: v.isActive !== false,
    defaultValue: v.default === true
  }));
}

function int(v: string | undefined, dflt: number): number {
  return v === undefined ? dflt : Number.parseInt(v, 10);
}

function fieldFromXml(file: string, x: z.infer<typeof fieldXmlSchema>, forceAppDir: string): FieldDef | null {
  const base = { name: x.fullName, label: x.label ?? x.fullName, custom: true };
  if (x.formula !== undefined) {
    // Formula fields are calculated on read by the platform; the sandbox does not compute them.
    return null;
  }
  switch (x.type) {
    case 'Text':
      return makeField({
        ...base,
        type: 'string',
        length: int(x.length, 255),
        required: x.required === true,
        nillable: x.required !== true,
        unique: x.unique === true,
        externalId: x.externalId === true,
        caseSensitive: x.caseSensitive === true,
        idLookup: x.externalId === true || x.unique === true
      });
    case 'TextArea':
      return makeField({
        ...base,
        type: 'textarea',
        length: 255,
        required: x.required === true,
        nillable: x.required !== true
      });
    case 'LongTextArea':
    case 'Html':
      return makeField({
        ...base,
        type: 'textarea',
        length: int(x.length, 32768),
        required: x.required === true,
        nillable: x.required !== true
      });
    case 'Email':
      return makeField({
        ...base,
        type: 'email',
        length: 80,
        required: x.required === true,
        nillable: x.required !== true,
        unique: x.unique === true,
        externalId: x.externalId === true,
        idLookup: x.externalId === true
      });
    case 'Phone':
      return makeField({ ...base, type: 'phone', length: 40 });
    case 'Url':
      return makeField({ ...base, type: 'url', length: 255 });
    case 'Checkbox':
      return makeField({ ...base, type: 'boolean', defaultValue: x.defaultValue === 'true' });
    case 'Number':
    case 'Currency':
    case 'Percent': {
      const type: FieldType =
        x.type === 'Currency' ? 'currency' : x.type === 'Percent' ? 'percent' : 'double';
      const dflt =
        x.defaultValue !== undefined && /^-?\d+(\.\d+)?$/.test(x.defaultValue)
          ? Number(x.defaultValue)
          : null;
      return makeField({
        ...base,
        type,
        precision: int(x.precision, 18),
        scale: int(x.scale, 0),
        required: x.required === true,
        nillable: x.required !== true,
        unique: x.unique === true,
        externalId: x.externalId === true,
        idLookup: x.externalId === true,
        defaultValue: dflt,
        defaultedOnCreate: dflt !== null
      });
    }
    case 'Date':
      return makeField({
        ...base,
        type: 'date',
        required: x.required === true,
        nillable: x.required !== true
      });
    case 'DateTime':
      return makeField({
        ...base,
        type: 'datetime',
        required: x.required === true,
        nillable: x.required !== true
      });
    case 'Picklist':
    case 'MultiselectPicklist': {
      const vs = x.valueSet;
      let values: PicklistValue[] = [];
      let restricted = vs?.restricted === true;
      if (vs?.valueSetName) {
        values = globalValues(forceAppDir, vs.valueSetName, file);
        restricted = true;
      } else {
        values = (vs?.valueSetDefinition?.value ?? []).map((v) => ({
          value: v.fullName,
          label: v.label ?? v.fullName,
          active: v.isActive !== false,
          defaultValue: v.default === true
        }));
      }
      const dflt = values.find((v) => v.defaultValue)?.value ?? null;
      return makeField({
        ...base,
        type: x.type === 'Picklist' ? 'picklist' : 'multipicklist',
        length: x.type === 'Picklist' ? 255 : 4099,
        picklistValues: values,
        restrictedPicklist: restricted,
        required: x.required === true,
        nillable: x.required !== true,
        defaultValue: dflt,
        defaultedOnCreate: dflt !== null
      });
    }
    case 'Lookup':
    case 'MasterDetail': {
      const target = x.referenceTo?.[0];
      if (!target) throw new Error(`${file}: field "referenceTo" is required for a ${x.type} field`);
      const md = x.type === 'MasterDetail';
      return makeField({
        ...base,
        type: 'reference',
        length: 18,
        referenceTo: [target],
        relationshipName: x.fullName.replace(/__c$/, '__r'),
        childRelationshipName: x.relationshipName ?? null,
        required: md || x.required === true,
        nillable: !(md || x.required === true),
        updateable: !md || x.reparentableMasterDetail === true,
        cascadeDelete: md
      });
    }
    default:
      throw new Error(`${file}: field "type" ${x.type} is not supported by the sandbox org`);
  }
}

interface ObjectSource {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  fields: FieldDef[];
  rules: ValidationRuleDef[];
}

function finish(src: ObjectSource): ObjectDef {
  const byLower = new Map<string, FieldDef>();
  const byRelationship = new Map<string, FieldDef>();
  const formulaTypes: Record<string, FormulaFieldType> = {};
  for (const f of src.fields) {
    byLower.set(f.name.toLowerCase(), f);
    if (f.relationshipName) byRelationship.set(f.relationshipName.toLowerCase(), f);
    formulaTypes[f.name] = f.formulaType;
  }
  return {
    name: src.name,
    label: src.label,
    labelPlural: src.labelPlural,
    keyPrefix: src.keyPrefix,
    custom: src.custom,
    createable: src.createable,
    updateable: src.createable,
    deletable: src.createable,
    fields: src.fields,
    byLower,
    byRelationship,
    validationRules: src.rules,
    autoNumberFields: src.fields.filter((f) => f.autoNumber),
    uniqueFields: src.fields.filter((f) => f.unique),
    formulaTypes
  };
}

function readRules(objDir: string): ValidationRuleDef[] {
  return listFiles(path.join(objDir, 'validationRules'), '.validationRule-meta.xml').map((file) => {
    const r = readXml(file, 'ValidationRule', ruleXmlSchema);
    return {
      name: r.fullName,
      active: r.active !== false,
      formula: r.errorConditionFormula,
      errorMessage: r.errorMessage,
      errorDisplayField: r.errorDisplayField ?? null,
      file
    };
  });
}

function readFields(objDir: string, forceAppDir: string): FieldDef[] {
  const out: FieldDef[] = [];
  for (const file of listFiles(path.join(objDir, 'fields'), '.field-meta.xml')) {
    const f = fieldFromXml(file, readXml(file, 'CustomField', fieldXmlSchema), forceAppDir);
    if (f) out.push(f);
  }
  return out;
}

/** Builds the schema from `<forceAppDir>` (the folder holding objects/, permissionsets/, ...). */
export function loadSchema(forceAppDir: string): Schema {
  const objectsDir = path.join(forceAppDir, 'objects');
  const sources = new Map<string, ObjectSource>();
  for (const s of standardObjects()) {
    sources.set(s.name, { ...s, custom: false, rules: [] });
  }
  const dirs = fs.existsSync(objectsDir)
    ? fs
        .readdirSync(objectsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  let customIndex = 0;
  for (const dirName of dirs) {
    const objDir = path.join(objectsDir, dirName);
    const targetName = dirName === 'Activity' ? 'Task' : dirName;
    const existing = sources.get(targetName);
    if (existing) {
      const extra = readFields(objDir, forceAppDir);
      const names = new Set(extra.map((f) => f.name.toLowerCase()));
      existing.fields = [...existing.fields.filter((f) => !names.has(f.name.toLowerCase())), ...extra];
      existing.rules.push(...readRules(objDir));
      continue;
    }
    if (!dirName.endsWith('__c')) continue; // other standard objects are not served
    const objFile = path.join(objDir, `${dirName}.object-meta.xml`);
    const obj = fs.existsSync(objFile) ? readXml(objFile, 'CustomObject', objectXmlSchema) : {};
    const nameField = obj.nameField;
    const isAuto = nameField?.type === 'AutoNumber';
    const fields = [
      ...SYSTEM_FIELDS(),
      makeField({
        name: 'Name',
        type: 'string',
        length: 80,
        custom: false,
        label: nameField?.label ?? 'Name',
        nillable: false,
        defaultedOnCreate: true,
        createable: !isAuto,
        updateable: !isAuto,
        autoNumber: isAuto,
        displayFormat: isAuto ? (nameField?.displayFormat ?? '{0}') : undefined,
        idLookup: true
      }),
      ...readFields(objDir, forceAppDir)
    ];
    if (!fields.some((f) => f.referenceTo.length > 0 && f.cascadeDelete))
      fields.splice(SYSTEM_FIELDS().length, 0, ownerField(['Group', 'User']));
    sources.set(dirName, {
      name: dirName,
      label: obj.label ?? dirName.replace(/__c$/, '').replace(/_/g, ' '),
      labelPlural: obj.pluralLabel ?? `${obj.label ?? dirName}s`,
      keyPrefix: customKeyPrefix(customIndex++),
      custom: true,
      createable: true,
      fields,
      rules: readRules(objDir)
    });
  }
  const casePriority = standardValues(forceAppDir, 'CasePriority');
  if (casePriority) {
    const f = sources.get('Case')!.fields.find((x) => x.name === 'Priority')!;
    f.picklistValues = casePriority;
    f.defaultValue = casePriority.find((v) => v.defaultValue)?.value ?? f.defaultValue;
  }
  const caseStatus = standardValues(forceAppDir, 'CaseStatus');
  if (caseStatus) sources.get('Case')!.fields.find((x) => x.name === 'Status')!.picklistValues = caseStatus;

  const objects = new Map<string, ObjectDef>();
  const byLower = new Map<string, ObjectDef>();
  const byPrefix = new Map<string, ObjectDef>();
  for (const src of sources.values()) {
    const def = finish(src);
    objects.set(def.name, def);
    byLower.set(def.name.toLowerCase(), def);
    byPrefix.set(def.keyPrefix, def);
  }
  return {
    objects,
    byLower,
    byPrefix,
    ...loadPermissionSets(forceAppDir),
    sourceDir: forceAppDir
  };
}

function loadPermissionSets(forceAppDir: string): Pick<Schema, 'permissionSets' | 'editableFields'> {
  const permissionSets = new Map<string, Set<string>>();
  const editableFields = new Map<string, Set<string>>();
  const schema = z.object({
    customPermissions: z.array(z.object({ enabled: bool, name: text })).optional(),
    fieldPermissions: z.array(z.object({ editable: bool, field: text, readable: bool })).optional()
  });
  for (const file of listFiles(path.join(forceAppDir, 'permissionsets'), '.permissionset-meta.xml')) {
    const ps = readXml(file, 'PermissionSet', schema);
    const name = path.basename(file).replace('.permissionset-meta.xml', '');
    permissionSets.set(
      name,
      new Set((ps.customPermissions ?? []).filter((c) => c.enabled !== false).map((c) => c.name))
    );
    editableFields.set(
      name,
      new Set((ps.fieldPermissions ?? []).filter((f) => f.editable === true).map((f) => f.field))
    );
  }
  return { permissionSets, editableFields };
}
