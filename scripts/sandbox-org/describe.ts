/** describe / describeGlobal bodies built from the schema, shaped like the REST API's. */
import type { FieldDef, ObjectDef, Schema } from './metadata';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
  date: 'xsd:date',
  datetime: 'xsd:dateTime'
};

function nameFieldOf(def: ObjectDef): string {
  if (def.name === 'Case') return 'CaseNumber';
  if (def.name === 'Task') return 'Subject';
  return 'Name';
}

function urls(def: ObjectDef, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function describeField(def: ObjectDef, f: FieldDef): Record<string, unknown> {
  const longText = f.type === 'textarea' && f.length > 255;
  return {
    aggregatable: !longText,
    autoNumber: f.autoNumber,
    byteLength: f.length * 3,
    calculated: false,
    caseSensitive: f.caseSensitive,
    cascadeDelete: f.cascadeDelete,
    createable: f.createable,
    custom: f.custom,
    defaultValue: f.type === 'boolean' ? f.defaultValue : null,
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: false,
    digits: f.type === 'int' ? 9 : 0,
    externalId: f.externalId,
    filterable: !longText,
    groupable: !longText && !['double', 'currency', 'percent', 'datetime'].includes(f.type),
    htmlFormatted: false,
    idLookup: f.idLookup,
    inlineHelpText: null,
    label: f.label,
    length: [
      'string',
      'textarea',
      'picklist',
      'multipicklist',
      'email',
      'phone',
      'url',
      'id',
      'reference'
    ].includes(f.type)
      ? f.length
      : 0,
    name: f.name,
    nameField: f.name === nameFieldOf(def),
    nillable: f.nillable,
    polymorphicForeignKey: f.referenceTo.length > 1,
    precision: f.precision,
    picklistValues: f.picklistValues.map((p) => ({
      active: p.active,
      defaultValue: p.defaultValue,
      label: p.label,
      validFor: null,
      value: p.value
    })),
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    restrictedPicklist: f.restrictedPicklist,
    scale: f.scale,
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
    sortable: !longText && f.type !== 'multipicklist',
    type: f.type,
    unique: f.unique,
    updateable: f.updateable
  };
}

export function describeObject(schema: Schema, def: ObjectDef, version: string): Record<string, unknown> {
  const childRelationships: Array<Record<string, unknown>> = [];
  for (const child of schema.objects.values()) {
    for (const f of child.fields) {
      if (f.referenceTo.includes(def.name) && f.custom) {
        childRelationships.push({
          cascadeDelete: f.cascadeDelete,
          childSObject: child.name,
          deprecatedAndHidden: false,
          field: f.name,
          relationshipName: f.childRelationshipName,
          restrictedDelete: false
        });
      }
    }
  }
  return {
    ...globalEntry(def, version),
    childRelationships,
    fields: def.fields.map((f) => describeField(def, f)),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }]
  };
}

export function globalEntry(def: ObjectDef, version: string): Record<string, unknown> {
  return {
    activateable: false,
    createable: def.createable,
    custom: def.custom,
    customSetting: false,
    deletable: def.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: true,
    mergeable: false,
    name: def.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: def.deletable,
    updateable: def.updateable,
    urls: urls(def, version)
  };
}

export function describeGlobal(schema: Schema, version: string): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: [...schema.objects.values()].map((d) => globalEntry(d, version))
  };
}
