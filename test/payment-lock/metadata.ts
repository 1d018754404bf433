/** Reads the committed Assistance_Payment__c metadata the way the platform would see it. */
import * as fs from 'fs';
import * as path from 'path';
import { XMLParser } from 'fast-xml-parser';
import type { FieldType } from '../../scripts/formula/evaluator';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PAYMENT_DIR = path.join(
  ROOT,
  'force-app',
  'main',
  'default',
  'objects',
  'Assistance_Payment__c'
);

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false });

export interface CommittedRule {
  fullName: string;
  active: string;
  errorConditionFormula: string;
  errorMessage: string;
  errorDisplayField?: string;
}

export function readXml(file: string): Record<string, unknown> {
  return parser.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export function committedRules(): CommittedRule[] {
  const dir = path.join(PAYMENT_DIR, 'validationRules');
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.validationRule-meta.xml'))
    .sort()
    .map((name) => readXml(path.join(dir, name)).ValidationRule as CommittedRule);
}

export function statusPicklistValues(): { values: string[]; restricted: string } {
  const field = readXml(path.join(PAYMENT_DIR, 'fields', 'Status__c.field-meta.xml')).CustomField as {
    valueSet: { restricted: string; valueSetDefinition: { value: Array<{ fullName: string }> } };
  };
  return {
    values: field.valueSet.valueSetDefinition.value.map((value) => value.fullName),
    restricted: field.valueSet.restricted
  };
}

const TYPES: Record<string, FieldType> = {
  Currency: 'currency',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  Text: 'text',
  LongTextArea: 'textarea',
  TextArea: 'textarea',
  Checkbox: 'checkbox',
  DateTime: 'datetime',
  Date: 'date',
  Number: 'number',
  MasterDetail: 'reference',
  Lookup: 'reference'
};

/** Field API name -> evaluator type, from the committed field files. */
export function paymentFieldTypes(): Record<string, FieldType> {
  const dir = path.join(PAYMENT_DIR, 'fields');
  const types: Record<string, FieldType> = { Id: 'id', Name: 'text' };
  for (const name of fs.readdirSync(dir)) {
    const field = readXml(path.join(dir, name)).CustomField as { fullName: string; type: string };
    const type = TYPES[field.type];
    if (!type) {
      throw new Error(`No evaluator type for ${field.fullName} (${field.type})`);
    }
    types[field.fullName] = type;
  }
  return types;
}
