/**
 * Generates the payment lock's declarative metadata from the paymentRules service module:
 * the Status__c picklist and the validation rules on Assistance_Payment__c.
 *
 *   npm run generate:payment-lock            write the files
 *   npm run generate:payment-lock -- --check exit 1 when the committed files differ
 */
import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../shared/paths';
import pino from 'pino';
// `npm run build` leaves a compiled paymentRules.js beside the source; ts-node (preferTsExts in
// tsconfig.json) and Jest (moduleFileExtensions) both resolve the .ts first, so a stale build never
// feeds the generator.
import {
  EDITABLE_STATUSES,
  LOCKED_FIELDS,
  LOCKED_STATUSES,
  PAYMENT_OBJECT,
  PAYMENT_RULE_FIELDS,
  PAYMENT_RULE_MESSAGES,
  PAYMENT_RULES,
  PAYMENT_SYNC_PERMISSION,
  PAYMENT_SYSTEM_STATUSES,
  RECALL_PERMISSION,
  RECALL_REASON_FIELD,
  RECALL_STATUS,
  STATUS_FIELD,
  STATUS_PICKLIST_VALUES,
  SUBMISSION_REQUIREMENTS,
  SUBMITTED_STATUS,
  UNSENT_REASON_PREFIX,
  canTransition,
  statusToPicklist,
  type PaymentRuleName,
  type PaymentStatus
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';

export const DEFAULT_ROOT = PROJECT_ROOT;
const OBJECT_DIR = path.join('force-app', 'main', 'default', 'objects', PAYMENT_OBJECT);
export const VALIDATION_RULE_DIR = path.join(OBJECT_DIR, 'validationRules');
export const STATUS_FIELD_FILE = path.join(OBJECT_DIR, 'fields', 'Status__c.field-meta.xml');

export interface ValidationRuleDefinition {
  fullName: PaymentRuleName;
  active: boolean;
  description: string;
  errorConditionFormula: string;
  errorDisplayField: string | null;
  errorMessage: string;
}

// ---------------------------------------------------------------- formula building

const STATUS = 'Status__c';
const PERMISSION = `$Permission.${PAYMENT_SYNC_PERMISSION}`;
const RECALL = `$Permission.${RECALL_PERMISSION}`;

/** Renders a function call on one line when short, else one argument per line. */
function call(name: string, args: string[]): string {
  const flat = `${name}(${args.join(', ')})`;
  if (flat.length <= 100 && !flat.includes('\n')) {
    return flat;
  }
  const indented = args.map((arg) => arg.replace(/^/gm, '    '));
  return `${name}(\n${indented.join(',\n')}\n)`;
}

function anyOf(conditions: string[]): string {
  return conditions.length === 1 ? conditions[0] : call('OR', conditions);
}

function statusIs(status: PaymentStatus): string {
  return `ISPICKVAL(${STATUS}, "${statusToPicklist(status) ?? ''}")`;
}

function priorStatusIs(status: PaymentStatus): string {
  return `ISPICKVAL(PRIORVALUE(${STATUS}), "${statusToPicklist(status) ?? ''}")`;
}

const priorLocked = (): string => anyOf(LOCKED_STATUSES.map(priorStatusIs));

/** A formula string literal (the prefix has no quotes or backslashes, but stay safe). */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Before this save the payment was one the payment system never received (isUnsent in paymentRules). */
function priorUnsent(): string {
  return call('AND', [
    priorStatusIs(SUBMITTED_STATUS),
    'ISBLANK(PRIORVALUE(External_Payment_Id__c))',
    `BEGINS(PRIORVALUE(Sync_Error__c), ${quoted(UNSENT_REASON_PREFIX)})`
  ]);
}

const changesLockedField = (): string => anyOf(LOCKED_FIELDS.map((field) => `ISCHANGED(${field})`));

/** The save is a supervisor's recall (isRecall in paymentRules), given priorUnsent. */
function recallFormula(): string {
  const others = LOCKED_FIELDS.filter((field) => field !== STATUS_FIELD);
  return call('AND', [
    RECALL,
    statusIs(RECALL_STATUS),
    'ISBLANK(External_Payment_Id__c)',
    `NOT(ISBLANK(TRIM(${RECALL_REASON_FIELD})))`,
    `NOT(${anyOf(others.map((field) => `ISCHANGED(${field})`))})`
  ]);
}

function lockedAfterSubmissionFormula(): string {
  return call('AND', [
    'NOT(ISNEW())',
    `NOT(${PERMISSION})`,
    priorLocked(),
    changesLockedField(),
    `NOT(${priorUnsent()})`
  ]);
}

function lockedNotSentFormula(): string {
  return call('AND', [
    'NOT(ISNEW())',
    `NOT(${PERMISSION})`,
    priorUnsent(),
    changesLockedField(),
    `NOT(${recallFormula()})`
  ]);
}

function recallReasonOnlyOnRecallFormula(): string {
  return call('AND', [
    call('OR', [`AND(ISNEW(), NOT(ISBLANK(${RECALL_REASON_FIELD})))`, `ISCHANGED(${RECALL_REASON_FIELD})`]),
    `NOT(${call('AND', ['NOT(ISNEW())', RECALL, priorUnsent(), statusIs(RECALL_STATUS)])})`
  ]);
}

/** Text and lookups are blank when empty (or only spaces), picklists when no value is chosen. */
function blankFormula(field: string): string {
  return field === 'Reason_Code__c' ? `ISPICKVAL(${field}, "")` : `ISBLANK(TRIM(${field}))`;
}

function statusForwardOnlyFormula(): string {
  const backwards = LOCKED_STATUSES.map((from) => {
    const allowed = LOCKED_STATUSES.filter((to) => canTransition(from, statusToPicklist(to)));
    return call('AND', [priorStatusIs(from), `NOT(${anyOf(allowed.map(statusIs))})`]);
  });
  return call('AND', ['NOT(ISNEW())', PERMISSION, anyOf(backwards)]);
}

function statusSetByPaymentSystemFormula(): string {
  return call('AND', [
    anyOf(['ISNEW()', ...EDITABLE_STATUSES.map(priorStatusIs)]),
    anyOf(PAYMENT_SYSTEM_STATUSES.map(statusIs))
  ]);
}

export function buildPaymentValidationRules(): ValidationRuleDefinition[] {
  const lockedFieldList = LOCKED_FIELDS.join(', ');
  const rules: Array<Omit<ValidationRuleDefinition, 'errorDisplayField' | 'errorMessage' | 'active'>> = [
    {
      fullName: PAYMENT_RULES.lockedAfterSubmission,
      description:
        `Once a payment was ${SUBMITTED_STATUS} (or any later status), only the payment sync integration ` +
        `(custom permission ${PAYMENT_SYNC_PERMISSION}) may change ${lockedFieldList}: edits made here would ` +
        'never reach the payment system. A payment the payment system never received has its own rule ' +
        `(${PAYMENT_RULES.lockedNotSent}). Generated from the paymentRules module by npm run generate:payment-lock.`,
      errorConditionFormula: lockedAfterSubmissionFormula()
    },
    {
      fullName: PAYMENT_RULES.lockedNotSent,
      description:
        `A payment ${SUBMITTED_STATUS} that the payment system never received (no External_Payment_Id__c, and the ` +
        `sync worker's error starts "${UNSENT_REASON_PREFIX}") stays locked, except for one save: a holder of ` +
        `${RECALL_PERMISSION} (supervisors) moving it back to ${RECALL_STATUS} with a ${RECALL_REASON_FIELD}, ` +
        'nothing else changed. Generated by npm run generate:payment-lock.',
      errorConditionFormula: lockedNotSentFormula()
    },
    {
      fullName: PAYMENT_RULES.recallReasonOnlyOnRecall,
      description:
        `${RECALL_REASON_FIELD} is written only by a recall (see ${PAYMENT_RULES.lockedNotSent}), so it always ` +
        'says why the last recall happened. Generated by npm run generate:payment-lock.',
      errorConditionFormula: recallReasonOnlyOnRecallFormula()
    },
    {
      fullName: PAYMENT_RULES.statusForwardOnly,
      description:
        'After submission the payment sync integration moves the status only forward along the transition table ' +
        'in the paymentRules module (STATUS_TRANSITIONS). Generated by npm run generate:payment-lock.',
      errorConditionFormula: statusForwardOnlyFormula()
    },
    {
      fullName: PAYMENT_RULES.statusSetByPaymentSystem,
      description:
        `Statuses after ${SUBMITTED_STATUS} come only from the payment system, through the sync, and only after ` +
        `the payment was ${SUBMITTED_STATUS}. Generated by npm run generate:payment-lock.`,
      errorConditionFormula: statusSetByPaymentSystemFormula()
    },
    {
      fullName: PAYMENT_RULES.amountPositive,
      description: 'A payment amount is more than zero. Generated by npm run generate:payment-lock.',
      errorConditionFormula: call('AND', ['NOT(ISBLANK(Amount__c))', 'Amount__c <= 0'])
    },
    ...SUBMISSION_REQUIREMENTS.flatMap((requirement) =>
      requirement.rule === null
        ? []
        : [
            {
              fullName: requirement.rule,
              description:
                `A payment enters ${SUBMITTED_STATUS} only with ${requirement.need}: the sync worker sends ` +
                `${requirement.field} to the payment system and will not send a payment without it. ` +
                'Generated from SUBMISSION_REQUIREMENTS by npm run generate:payment-lock.',
              errorConditionFormula: call('AND', [
                statusIs(SUBMITTED_STATUS),
                `OR(ISNEW(), ISCHANGED(${STATUS}))`,
                blankFormula(requirement.field)
              ])
            }
          ]
    ),
    {
      fullName: PAYMENT_RULES.partitionNotNegative,
      description: 'Sync partitions are numbered from zero. Generated by npm run generate:payment-lock.',
      errorConditionFormula: call('AND', ['NOT(ISBLANK(Sync_Partition__c))', 'Sync_Partition__c < 0'])
    }
  ];
  return rules.map((rule) => ({
    ...rule,
    active: true,
    errorDisplayField: PAYMENT_RULE_FIELDS[rule.fullName],
    errorMessage: PAYMENT_RULE_MESSAGES[rule.fullName]
  }));
}

// ---------------------------------------------------------------- XML rendering

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderValidationRuleXml(rule: ValidationRuleDefinition): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">',
    `    <fullName>${rule.fullName}</fullName>`,
    `    <active>${rule.active}</active>`,
    `    <description>${escapeXml(rule.description)}</description>`,
    `    <errorConditionFormula>${escapeXml(rule.errorConditionFormula)}</errorConditionFormula>`,
    ...(rule.errorDisplayField
      ? [`    <errorDisplayField>${rule.errorDisplayField}</errorDisplayField>`]
      : []),
    `    <errorMessage>${escapeXml(rule.errorMessage)}</errorMessage>`,
    '</ValidationRule>',
    ''
  ].join('\n');
}

export function renderStatusFieldXml(): string {
  const values = STATUS_PICKLIST_VALUES.map((value) =>
    [
      '            <value>',
      `                <fullName>${escapeXml(value)}</fullName>`,
      '                <default>false</default>',
      `                <label>${escapeXml(value)}</label>`,
      '            </value>'
    ].join('\n')
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <fullName>Status__c</fullName>',
    "    <description>Where the payment is, from the E2E deck. Blank is the deck's --None--. Submitted for Payment and " +
      'every later status lock the payment (see the validation rules). Values generated from the paymentRules module by ' +
      'npm run generate:payment-lock.</description>',
    '    <externalId>false</externalId>',
    '    <inlineHelpText>Set Submitted for Payment to send the payment. Later statuses come from the payment system.</inlineHelpText>',
    '    <label>Status</label>',
    '    <required>false</required>',
    '    <trackHistory>true</trackHistory>',
    '    <trackTrending>false</trackTrending>',
    '    <type>Picklist</type>',
    '    <valueSet>',
    '        <restricted>true</restricted>',
    '        <valueSetDefinition>',
    '            <sorted>false</sorted>',
    ...values,
    '        </valueSetDefinition>',
    '    </valueSet>',
    '</CustomField>',
    ''
  ].join('\n');
}

/** Every generated file, relative to the project root -> content. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set(STATUS_FIELD_FILE, renderStatusFieldXml());
  for (const rule of buildPaymentValidationRules()) {
    files.set(
      path.join(VALIDATION_RULE_DIR, `${rule.fullName}.validationRule-meta.xml`),
      renderValidationRuleXml(rule)
    );
  }
  return files;
}

/** Differences between the committed files under `root` and what the module generates. */
export function findDifferences(root: string = DEFAULT_ROOT): string[] {
  const problems: string[] = [];
  const files = generatedFiles();
  for (const [relative, content] of files) {
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) {
      problems.push(`${relative} is missing`);
    } else if (fs.readFileSync(absolute, 'utf8') !== content) {
      problems.push(`${relative} differs from what the paymentRules module generates`);
    }
  }
  const ruleDir = path.join(root, VALIDATION_RULE_DIR);
  if (fs.existsSync(ruleDir)) {
    for (const name of fs.readdirSync(ruleDir)) {
      const relative = path.join(VALIDATION_RULE_DIR, name);
      if (!files.has(relative)) {
        problems.push(
          `${relative} is not generated from the paymentRules module; remove it or add the rule there`
        );
      }
    }
  }
  return problems;
}

/** Writes the generated files under `root`; returns the files that changed. */
export function writeGenerated(root: string = DEFAULT_ROOT): string[] {
  const changed: string[] = [];
  for (const [relative, content] of generatedFiles()) {
    const absolute = path.join(root, relative);
    if (fs.existsSync(absolute) && fs.readFileSync(absolute, 'utf8') === content) {
      continue;
    }
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, content);
    changed.push(relative);
  }
  return changed;
}

const USAGE = `Usage: generate-payment-lock [--check] [--root <dir>]

Writes the Status__c picklist and the validation rules of ${PAYMENT_OBJECT}
from force-app/main/default/lwc/paymentRules/paymentRules.ts.

  --check       write nothing; exit 1 when the committed files differ
  --root <dir>  project root (default: this repository)
  --help        show this help`;

export function main(argv: string[], logger = pino({ name: 'generate-payment-lock' })): number {
  let check = false;
  let root = DEFAULT_ROOT;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (arg === '--check') {
      check = true;
    } else if (arg === '--root' && argv[i + 1]) {
      root = path.resolve(argv[i + 1]);
      i += 1;
    } else {
      process.stderr.write(`Unknown argument: ${arg}\n\n${USAGE}\n`);
      return 2;
    }
  }
  if (check) {
    const problems = findDifferences(root);
    for (const problem of problems) {
      logger.error({ problem }, 'payment lock metadata out of date');
    }
    if (problems.length > 0) {
      process.stderr.write(
        `${problems.join('\n')}\nRun npm run generate:payment-lock and commit the result.\n`
      );
      return 1;
    }
    logger.info({ files: generatedFiles().size }, 'payment lock metadata matches the paymentRules module');
    return 0;
  }
  const changed = writeGenerated(root);
  logger.info(
    { changed },
    changed.length > 0 ? 'payment lock metadata written' : 'payment lock metadata already current'
  );
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
