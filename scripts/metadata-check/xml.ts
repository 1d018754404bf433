/** Well-formedness of every metadata XML file, reported with file:line before the CLI sees it. */
import { XMLValidator } from 'fast-xml-parser';
import { promises as fs } from 'node:fs';
import type { SourceProblem } from './apex';

const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

export async function checkMetadataXml(file: string): Promise<SourceProblem[]> {
  const source = await fs.readFile(file, 'utf8');
  const result = XMLValidator.validate(source);
  if (result !== true) {
    return [{ file, line: result.err.line, column: result.err.col, message: result.err.msg }];
  }
  if (!source.includes(METADATA_NAMESPACE)) {
    return [{ file, line: 1, column: 1, message: `root element must declare xmlns="${METADATA_NAMESPACE}"` }];
  }
  return [];
}
