/** Syntax check of Apex classes and triggers with the Apex parser, so a broken file fails CI offline. */
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { promises as fs } from 'node:fs';

export interface SourceProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

class CollectingListener extends ApexErrorListener {
  readonly problems: Omit<SourceProblem, 'file'>[] = [];

  apexSyntaxError(line: number, column: number, msg: string): void {
    this.problems.push({ line, column: column + 1, message: msg });
  }
}

export function parseApexSource(source: string, kind: 'class' | 'trigger'): Omit<SourceProblem, 'file'>[] {
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  if (kind === 'trigger') parser.triggerUnit();
  else parser.compilationUnit();
  return listener.problems;
}

export async function checkApexFile(file: string): Promise<SourceProblem[]> {
  const source = await fs.readFile(file, 'utf8');
  const kind = file.endsWith('.trigger') ? 'trigger' : 'class';
  return parseApexSource(source, kind).map((problem) => ({ file, ...problem }));
}
