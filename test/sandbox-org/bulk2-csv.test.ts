import { CsvError, csvRecord, parseCsv } from '../../scripts/sandbox-org/csv';

describe('Bulk API 2.0 CSV (RFC 4180)', () => {
  it('reads quoted fields holding delimiters, doubled quotes and line breaks', () => {
    const text = 'Name,Note\n"Ada, LLC","She said ""hi""\nthen left"\nPlain,\n';
    expect(parseCsv(text, ',', 'LF')).toEqual({
      header: ['Name', 'Note'],
      rows: [
        ['Ada, LLC', 'She said "hi"\nthen left'],
        ['Plain', '']
      ]
    });
  });

  it('reads the last record without a final line ending, other delimiters, CRLF, and skips a byte order mark', () => {
    expect(parseCsv('\ufeffA|B\r\n1|"x|y"\r\n2|z', '|', 'CRLF')).toEqual({
      header: ['A', 'B'],
      rows: [
        ['1', 'x|y'],
        ['2', 'z']
      ]
    });
  });

  it('names the line of a stray quote, an unterminated quote, or line endings that differ from the job', () => {
    const err = (text: string, ending: 'LF' | 'CRLF' = 'LF'): CsvError => {
      try {
        parseCsv(text, ',', ending);
      } catch (e) {
        return e as CsvError;
      }
      throw new Error('expected the CSV to be refused');
    };
    expect(err('A,B\n1,x"y\n')).toMatchObject({
      message: 'Failed to parse CSV. Found unescaped quote. A value with quote should be within a quote',
      line: 2
    });
    expect(err('A\n"open\n').message).toMatch(/Unterminated quoted value/);
    expect(err('A,B\r\n1,2\r\n').message).toBe(
      'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF'
    );
    expect(err('A,B\n1,2\n', 'CRLF').message).toBe(
      'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF'
    );
  });

  it('writes what it reads back unchanged', () => {
    const values = ['Ada, LLC', 'She said "hi"\nthen left', '', 'plain'];
    const line = csvRecord(values, ',', '\n');
    expect(line).toBe('"Ada, LLC","She said ""hi""\nthen left","",plain\n');
    expect(parseCsv(`a,b,c,d\n${line}`, ',', 'LF').rows).toEqual([values]);
  });
});
