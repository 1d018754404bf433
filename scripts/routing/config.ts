/**
 * The routing configuration (config/routing.yaml): its zod schema, and a loader that turns any
 * mistake into one message naming the file, the line and the key.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../shared/paths';
import { isCollection, isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { z } from 'zod';
import { apiNameProblems, DEVELOPER_NAME_MAX, DEVELOPER_NAME_PATTERN } from './rules';

export const DEFAULT_CONFIG_PATH = projectPath('config', 'routing.yaml');
export const SCHEMA_PATH = projectPath('config', 'routing.schema.json');

/** Values of Case.Processing_Step__c (the chevron), per the data model. */
export const PROCESSING_STEPS = [
  'Draft',
  'Chaser',
  'Case Manager',
  'Reviewer',
  'Approved',
  'Denied'
] as const;

const developerName = z
  .string({ error: 'expected an API name' })
  .regex(DEVELOPER_NAME_PATTERN, {
    error: 'expected an API name: letters, digits and single underscores, starting with a letter'
  })
  .max(DEVELOPER_NAME_MAX, { error: `expected at most ${DEVELOPER_NAME_MAX} characters` });

const label = z.string({ error: 'expected text' }).min(1, { error: 'expected text' }).max(80);

const positiveInt = z
  .number({ error: 'expected a positive integer' })
  .int({ error: 'expected a positive integer' })
  .positive({ error: 'expected a positive integer' });

const routingPriority = z
  .number({ error: 'expected a routing priority (integer 1-999, lower is offered first)' })
  .int({ error: 'expected a routing priority (integer 1-999, lower is offered first)' })
  .min(1, { error: 'expected a routing priority (integer 1-999, lower is offered first)' })
  .max(999, { error: 'expected a routing priority (integer 1-999, lower is offered first)' });

const uniqueStrings = (what: string) =>
  z
    .array(z.string({ error: `expected a ${what} name` }).min(1), { error: `expected a list of ${what}s` })
    .min(1, { error: `expected at least one ${what}` })
    .refine((values) => new Set(values).size === values.length, { error: `${what}s must not repeat` });

const emergencyLevel = z.strictObject({
  routingPriority,
  respondWithinHours: positiveInt.describe('Respond within this many hours (EAP crisis timeline).')
});

export const routingConfigSchema = z
  .strictObject({
    version: z.literal(1, { error: 'expected 1' }),
    programs: uniqueStrings('program').describe(
      'Case Program__c values; each becomes a Program_<name> skill.'
    ),
    steps: z
      .partialRecord(
        z.enum(PROCESSING_STEPS, { error: `expected a chevron step: ${PROCESSING_STEPS.join(', ')}` }),
        developerName,
        { error: 'expected a map of chevron step to role skill' }
      )
      .refine((steps) => Object.keys(steps).length > 0, { error: 'expected at least one routable step' })
      .describe('Chevron steps Omni-Channel routes, each with the role skill staff need to work it.'),
    languages: z
      .strictObject({
        values: uniqueStrings('language').describe(
          'Case Client_Language__c values; each becomes a Language_<name> skill.'
        ),
        whenBlank: z.string().min(1).optional().describe('Language required when the case has none.')
      })
      .refine((languages) => !languages.whenBlank || languages.values.includes(languages.whenBlank), {
        error: 'whenBlank must be one of the listed languages',
        path: ['whenBlank']
      }),
    escalation: z.strictObject({
      skill: developerName.describe('Skill required for cases with Escalated__c checked.')
    }),
    appeals: z.strictObject({
      skill: developerName.describe('Skill of appeals reviewers (appeal review tasks go to holders).')
    }),
    capacity: z.strictObject({
      perAgent: positiveInt.default(100).describe('Accepted plus offered cases one person may hold.'),
      caseWeight: positiveInt.default(1).describe('Capacity one case consumes.')
    }),
    offer: z.strictObject({
      pushTimeoutSeconds: positiveInt.describe(
        'Seconds an offer waits for acceptance before it goes to another qualified person.'
      )
    }),
    priorities: z
      .strictObject({
        normal: routingPriority.describe('Every other case.'),
        urgent: routingPriority.describe('Case Priority = Urgent.'),
        escalated: routingPriority.describe('Escalated__c checked.'),
        emergencies: z.strictObject({
          program: z.string().min(1).describe('Program whose emergency levels are triaged (EAP).'),
          levels: z
            .record(z.string().min(1), emergencyLevel)
            .describe('Emergency_Level__c value to priority and response timeline.')
        })
      })
      .refine(
        (p) =>
          p.urgent <= p.normal &&
          p.escalated <= p.normal &&
          Object.values(p.emergencies.levels).every((l) => l.routingPriority <= p.normal),
        { error: 'urgent, escalated and emergency priorities must not come after normal', path: ['normal'] }
      ),
    awaitingAssignmentQueue: z.strictObject({
      developerName,
      label
    }),
    serviceChannel: z.strictObject({ developerName, label }),
    presence: z.strictObject({
      statusDeveloperName: developerName,
      statusLabel: label,
      configDeveloperName: developerName,
      configLabel: label
    }),
    manualAssignment: z.strictObject({
      whenOwnerOffline: z
        .enum(['keep', 'return'], { error: "expected 'keep' or 'return'" })
        .describe('keep: manual cases stay with an offline owner; return: they go back to routing.')
    })
  })
  .superRefine((config, ctx) => {
    for (const problem of apiNameProblems(config)) {
      ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
    }
    const emergencyProgram = config.priorities.emergencies.program;
    if (!config.programs.includes(emergencyProgram)) {
      ctx.addIssue({
        code: 'custom',
        message: `program '${emergencyProgram}' is not in programs`,
        path: ['priorities', 'emergencies', 'program']
      });
    }
  });

export type RoutingConfig = z.output<typeof routingConfigSchema>;

export class RoutingConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[]
  ) {
    super(message);
    this.name = 'RoutingConfigError';
  }
}

export function keyPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`
    )
    .join('');
}

/** Line of the deepest node on the path that exists in the document (a map entry's key line). */
export function lineOf(doc: Document, lineCounter: LineCounter, segments: readonly PropertyKey[]): number {
  for (let depth = segments.length; depth >= 0; depth--) {
    const parent = depth === 0 ? null : doc.getIn(segments.slice(0, depth - 1) as unknown[], true);
    if (isMap(parent)) {
      // A block map's value starts on the line after its key: point at the key the reader wrote.
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === segments[depth - 1]);
      if (pair && isScalar(pair.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
    }
    const node = depth === 0 ? doc.contents : doc.getIn(segments.slice(0, depth) as unknown[], true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      // A missing key is reported at the map that should hold it.
      return lineCounter.linePos(node.range[0]).line;
    }
  }
  return 1;
}

/** Syntax problems shown at most; the rest are usually knock-on effects of the first ones. */
const MAX_SYNTAX_PROBLEMS = 5;

/** Number of the line holding offset `pos`, never past the file's last line. */
function lineAt(text: string, lineCounter: LineCounter, pos: number): number {
  // At or past the end (an unterminated construct), point at the last line that has content.
  const contentEnd = text.trimEnd().length;
  const at = pos >= contentEnd ? Math.max(0, contentEnd - 1) : pos;
  return lineCounter.linePos(at).line;
}

/**
 * Start of the unclosed quote or flow collection ([ or {) an error at `pos` belongs to: the parser
 * notices it only where the construct should have ended (the next line, or the end of the file).
 */
function unclosedStart(doc: Document, pos: number): { start: number; what: string } | null {
  let found: { start: number; what: string } | null = null;
  visit(doc, {
    Node(_key, node) {
      const range = (node as { range?: [number, number, number] }).range;
      if (!range || !(range[0] < pos && pos <= range[2])) return;
      let what: string | null = null;
      if (isScalar(node) && node.type === 'QUOTE_DOUBLE') what = 'quote "';
      else if (isScalar(node) && node.type === 'QUOTE_SINGLE') what = "quote '";
      else if (isCollection(node) && node.flow) what = isMap(node) ? '{' : '[';
      // The innermost construct wins: it starts last.
      if (what && (!found || range[0] >= found.start)) found = { start: range[0], what };
    }
  });
  return found;
}

function indentation(line: string): number {
  return line.length - line.trimStart().length;
}

/** YAML syntax errors as `file:LINE message`, each on the line an editor shows for the mistake. */
export function yamlSyntaxProblems(
  doc: Document,
  text: string,
  lineCounter: LineCounter,
  file: string
): string[] {
  const lines = text.split(/\r?\n/);
  const seen = new Set<string>();
  const located = doc.errors.map((error, index) => {
    let message = error.message.split('\n')[0];
    let line = lineAt(text, lineCounter, error.pos[0]);
    const unclosed =
      error.code === 'MISSING_CHAR' || error.code === 'BAD_INDENT' || error.code === 'BLOCK_IN_FLOW'
        ? unclosedStart(doc, error.pos[0])
        : null;
    if (unclosed && (error.code !== 'BAD_INDENT' || /^Flow (sequence|map)/.test(message))) {
      line = lineAt(text, lineCounter, unclosed.start);
      const closing = unclosed.what === '[' ? ']' : unclosed.what === '{' ? '}' : unclosed.what.slice(-1);
      message = unclosed.what.startsWith('quote')
        ? `the ${unclosed.what} opened on this line is never closed (expected a closing ${closing})`
        : `the ${unclosed.what} opened on this line is never closed (expected ${closing} before the next key)`;
    } else if (error.code === 'BAD_INDENT' && message.startsWith('All mapping items')) {
      // Name the line this one disagrees with: either of the two may be the mistake.
      const previous = lines
        .slice(0, line - 1)
        .map((content, i) => ({ content, number: i + 1 }))
        .reverse()
        .find(({ content }) => content.trim() !== '' && !content.trim().startsWith('#'));
      if (previous && indentation(previous.content) !== indentation(lines[line - 1] ?? '')) {
        message += ` (line ${previous.number} is indented ${indentation(previous.content)} spaces, this line ${indentation(lines[line - 1] ?? '')})`;
      }
    }
    return { line, message, index };
  });
  const problems = located
    .sort((a, b) => a.line - b.line || a.index - b.index)
    .map(({ line, message }) => `${file}:${line} ${message}`)
    .filter((problem) => !seen.has(problem) && seen.add(problem));
  if (problems.length <= MAX_SYNTAX_PROBLEMS) return problems;
  const more = problems.length - MAX_SYNTAX_PROBLEMS;
  return [
    ...problems.slice(0, MAX_SYNTAX_PROBLEMS),
    `${file}: ${more} more syntax error${more === 1 ? '' : 's'} after these, usually caused by the first; fix it and run again`
  ];
}

/** Parses and validates routing YAML text; throws RoutingConfigError naming file, line and key. */
export function parseRoutingConfig(text: string, file = 'config/routing.yaml'): RoutingConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = yamlSyntaxProblems(doc, text, lineCounter, file);
    throw new RoutingConfigError(problems.join('\n'), problems);
  }
  const result = routingConfigSchema.safeParse(doc.toJS());
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        // One problem per unknown key, on the key's own line.
        return issue.keys.map((key) => {
          const hint =
            keyPath(issue.path) === 'steps'
              ? ` (expected a chevron step: ${PROCESSING_STEPS.join(', ')})`
              : '';
          const line = lineOf(doc, lineCounter, [...issue.path, key]);
          return `${file}:${line} ${keyPath(issue.path) || '(top level)'}: unknown key '${key}'${hint}`;
        });
      }
      const where = keyPath(issue.path);
      const line = lineOf(doc, lineCounter, issue.path);
      const message =
        issue.code === 'invalid_type' && !doc.hasIn(issue.path as unknown[])
          ? `missing; ${issue.message}`
          : issue.message;
      return [`${file}:${line} ${where || '(top level)'}: ${message}`];
    });
    throw new RoutingConfigError(problems.join('\n'), problems);
  }
  return result.data;
}

/** Reads and validates the routing configuration file. */
export async function loadRoutingConfig(file = DEFAULT_CONFIG_PATH): Promise<RoutingConfig> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new RoutingConfigError(`${displayPath(file)}: cannot read (${(error as Error).message})`, []);
  }
  return parseRoutingConfig(text, displayPath(file));
}

/** Path relative to the working directory when inside it, for messages. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** JSON Schema of the file, for editors (yaml-language-server) and other tools. */
export function routingJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(routingConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: 'omni-assist routing configuration',
    description:
      'Skills, capacity, priorities and queues for Omni-Channel case routing (config/routing.yaml).'
  };
}
