/**
 * Staff rosters and open-case lists from CSV files, validated row by row with messages that name
 * the file, the line and the column.
 */
import { promises as fs } from 'node:fs';
import { projectPath } from '../shared/paths';
import { z } from 'zod';
import type { CaseFields } from '../../force-app/main/default/lwc/routingRules/routingRules';
import { ROUTING_CASE_FIELDS } from './org';

export const DEFAULT_ROSTER_PATH = projectPath('config', 'roster.csv');

export interface StaffMember {
  username: string;
  name: string;
  skills: string[];
  /** Capacity override for this person; null = the configuration's perAgent. */
  capacity: number | null;
}

export interface OpenCase {
  caseNumber: string;
  fields: CaseFields;
}

export class InputFileError extends Error {
  constructor(
    message: string,
    readonly problems: string[]
  ) {
    super(message);
    this.name = 'InputFileError';
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Returns rows with line numbers. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let sawContent = false;
  const endRow = () => {
    cells.push(cell);
    if (sawContent || cells.length > 1 || cell !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    sawContent = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      sawContent = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      sawContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
      sawContent = true;
    }
  }
  if (cell !== '' || cells.length > 0 || sawContent) endRow();
  return rows;
}

function records(text: string, file: string): { line: number; record: Record<string, string> }[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, '')).filter(
    (row) => !(row.cells.length === 1 && row.cells[0].trim().startsWith('#'))
  );
  if (rows.length === 0) throw new InputFileError(`${file}: empty file (expected a header row)`, []);
  const header = rows[0].cells.map((name) => name.trim());
  return rows.slice(1).map((row) => {
    const record: Record<string, string> = {};
    header.forEach((name, index) => (record[name] = (row.cells[index] ?? '').trim()));
    return { line: row.line, record };
  });
}

function requireColumns(text: string, file: string, required: string[]): void {
  const first = parseCsv(text.replace(/^\uFEFF/, '')).find(
    (row) => !(row.cells.length === 1 && row.cells[0].trim().startsWith('#'))
  );
  const header = new Set((first?.cells ?? []).map((name) => name.trim()));
  const missing = required.filter((name) => !header.has(name));
  if (missing.length > 0) {
    const message = `${file}:${first?.line ?? 1} header: missing column ${missing.map((m) => `'${m}'`).join(', ')}`;
    throw new InputFileError(message, [message]);
  }
}

const rosterRow = z.object({
  username: z.string().min(1, { error: 'expected a username' }),
  name: z.string().optional().default(''),
  skills: z
    .string()
    .min(1, { error: 'expected skills separated by ;' })
    .transform((value) =>
      value
        .split(';')
        .map((skill) => skill.trim())
        .filter(Boolean)
    )
    .pipe(
      z.array(
        z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'expected skill API names separated by ;' })
      )
    ),
  capacity: z
    .string()
    .optional()
    .transform((value) => (value ? Number(value) : null))
    .pipe(
      z
        .number()
        .int({ error: 'expected a positive integer or blank' })
        .positive({ error: 'expected a positive integer or blank' })
        .nullable()
    )
});

function issuesToProblems(file: string, line: number, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}:${line} ${issue.path.join('.') || 'row'}: ${issue.message}`);
}

/** A roster as read from its file: the staff, and the line each person is listed on. */
export interface RosterFile {
  staff: StaffMember[];
  /** Username to the line of its row, for messages that point into the file. */
  lines: Map<string, number>;
}

/** Parses a roster CSV: username,name,skills,capacity (skills separated by ';'). */
export function parseRoster(text: string, file = 'config/roster.csv'): StaffMember[] {
  return parseRosterFile(text, file).staff;
}

/** Parses a roster CSV, keeping each person's line. */
export function parseRosterFile(text: string, file = 'config/roster.csv'): RosterFile {
  requireColumns(text, file, ['username', 'skills']);
  const staff: StaffMember[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const { line, record } of records(text, file)) {
    const parsed = rosterRow.safeParse(record);
    if (!parsed.success) {
      problems.push(...issuesToProblems(file, line, parsed.error));
      continue;
    }
    const previous = seen.get(parsed.data.username);
    if (previous !== undefined) {
      problems.push(`${file}:${line} username: '${parsed.data.username}' already listed on line ${previous}`);
      continue;
    }
    seen.set(parsed.data.username, line);
    staff.push({ ...parsed.data, skills: [...new Set(parsed.data.skills)].sort() });
  }
  if (problems.length > 0) throw new InputFileError(problems.join('\n'), problems);
  return { staff, lines: seen };
}

const caseRow = z.object({
  CaseNumber: z.string().optional().default(''),
  Program__c: z.string().min(1, { error: 'expected a program' }),
  Processing_Step__c: z.string().min(1, { error: 'expected a processing step' }),
  Client_Language__c: z.string().optional().default(''),
  Escalated__c: z
    .string()
    .optional()
    .default('false')
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(['true', 'false', ''], { error: 'expected true or false' }))
    .transform((value) => value === 'true'),
  Priority: z.string().optional().default(''),
  Emergency_Level__c: z.string().optional().default('')
});

/** Parses an open-case CSV whose header uses Case API names (CaseNumber, Program__c, ...). */
export function parseOpenCases(text: string, file = 'cases.csv'): OpenCase[] {
  requireColumns(text, file, ['Program__c', 'Processing_Step__c']);
  const cases: OpenCase[] = [];
  const problems: string[] = [];
  for (const { line, record } of records(text, file)) {
    const parsed = caseRow.safeParse(record);
    if (!parsed.success) {
      problems.push(...issuesToProblems(file, line, parsed.error));
      continue;
    }
    const fields: Record<string, unknown> = {};
    for (const column of ROUTING_CASE_FIELDS) {
      const value = parsed.data[column];
      fields[column] = value === '' ? null : value;
    }
    cases.push({ caseNumber: parsed.data.CaseNumber || `line ${line}`, fields });
  }
  if (problems.length > 0) throw new InputFileError(problems.join('\n'), problems);
  return cases;
}

async function readText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new InputFileError(`${file}: cannot read (${(error as Error).message})`, []);
  }
}

export async function loadRoster(file: string, display = file): Promise<StaffMember[]> {
  return parseRoster(await readText(file), display);
}

export async function loadRosterFile(file: string, display = file): Promise<RosterFile> {
  return parseRosterFile(await readText(file), display);
}

export async function loadOpenCases(file: string, display = file): Promise<OpenCase[]> {
  return parseOpenCases(await readText(file), display);
}
