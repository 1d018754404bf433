/**
 * CSV as Bulk API 2.0 reads and writes it (RFC 4180): fields separated by the job's column
 * delimiter, records ended by its line ending, double quotes around any field that holds the
 * delimiter, a quote, a carriage return or a line feed, and quotes inside doubled.
 */

/** The column delimiters a job may name, and the character each stands for. */
export const COLUMN_DELIMITERS = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t'
} as const;
export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;
export type LineEnding = keyof typeof LINE_ENDINGS;

/** Why a CSV upload cannot be read, with the 1-based line where the reader stopped. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message);
  }
}

export interface ParsedCsv {
  header: string[];
  rows: string[][];
}

/**
 * Reads a whole upload in one pass (linear in its length). A record ends at the job's line ending
 * outside quotes; with lineEnding LF a carriage return before the line feed is refused, as the
 * platform refuses data whose line endings do not match the job's.
 */
export function parseCsv(text: string, delimiter: string, lineEnding: LineEnding): ParsedCsv {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  const QUOTE = 34;
  const LF = 10;
  const CR = 13;
  // A leading byte order mark is not part of the first column name.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  let quoted = false;
  let fieldStart = true;
  const endRecord = (): void => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
    fieldStart = true;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = i < n ? text.charCodeAt(i) : LF;
        if (next !== d && next !== LF && next !== CR)
          throw new CsvError(
            'Failed to parse CSV. Found unescaped quote. A value with quote should be within a quote',
            line
          );
        continue;
      }
      // Copy the run of ordinary characters inside the quotes at once.
      let j = i;
      while (j < n && text.charCodeAt(j) !== QUOTE) {
        if (text.charCodeAt(j) === LF) line++;
        j++;
      }
      field += text.slice(i, j);
      i = j;
      continue;
    }
    if (c === QUOTE) {
      if (!fieldStart)
        throw new CsvError(
          'Failed to parse CSV. Found unescaped quote. A value with quote should be within a quote',
          line
        );
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (c === d) {
      record.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    }
    if (c === CR) {
      if (lineEnding === 'LF' || text.charCodeAt(i + 1) !== LF)
        throw new CsvError(
          `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${lineEnding}`,
          line
        );
      endRecord();
      line++;
      i += 2;
      continue;
    }
    if (c === LF) {
      if (lineEnding === 'CRLF')
        throw new CsvError(
          'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF',
          line
        );
      endRecord();
      line++;
      i++;
      continue;
    }
    // An unquoted run up to the next delimiter, quote or line break.
    let j = i;
    while (j < n) {
      const k = text.charCodeAt(j);
      if (k === d || k === LF || k === CR || k === QUOTE) break;
      j++;
    }
    field += text.slice(i, j);
    fieldStart = false;
    i = j;
  }
  if (quoted) throw new CsvError('Failed to parse CSV. Unterminated quoted value at end of file', line);
  if (!fieldStart || record.length > 0) endRecord();
  const [header, ...rows] = records;
  return { header: header ?? [], rows };
}

const NEEDS_QUOTES = /["\r\n]/;

/** One field, quoted when it must be (or always, as query results are). */
export function csvField(value: string, delimiter: string, always = false): string {
  if (always || value.includes(delimiter) || NEEDS_QUOTES.test(value) || value === '')
    return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** One record with its line ending. */
export function csvRecord(values: string[], delimiter: string, eol: string, always = false): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += delimiter;
    out += csvField(values[i], delimiter, always);
  }
  return out + eol;
}
