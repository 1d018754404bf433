/**
 * Salesforce formula syntax -> syntax tree.
 *
 * Operator precedence follows the platform's formula operator reference, highest first:
 * ( ), ^, unary - + !, * /, + - &, comparisons (= == <> != < > <= >=), &&, ||.
 * The `formulon` package parses most of this too, but drops source positions and rejects
 * comments and unary minus on fields, both of which deployed validation rules use.
 */
import { FormulaSyntaxError, FormulaUnsupportedError } from './errors';

export type BinaryOperator =
  '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=' | '&&' | '||';

export type FormulaNode =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'null'; pos: number }
  | { kind: 'field'; name: string; pos: number }
  | { kind: 'global'; name: string; pos: number }
  | { kind: 'call'; name: string; args: FormulaNode[]; pos: number }
  | { kind: 'unary'; op: '-' | '+' | '!'; operand: FormulaNode; pos: number }
  | { kind: 'binary'; op: BinaryOperator; left: FormulaNode; right: FormulaNode; pos: number };

type Token =
  | { type: 'number'; value: number; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'name'; value: string; pos: number }
  | { type: 'op'; value: string; pos: number }
  | { type: 'eof'; pos: number };

const OPERATORS = [
  '&&',
  '||',
  '<=',
  '>=',
  '<>',
  '!=',
  '==',
  '+',
  '-',
  '*',
  '/',
  '^',
  '&',
  '=',
  '<',
  '>',
  '!',
  '(',
  ')',
  ','
];
const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', n: '\n', r: '\r', t: '\t' };

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (formula.startsWith('/*', i)) {
      const end = formula.indexOf('*/', i + 2);
      if (end < 0) {
        throw new FormulaSyntaxError('Comment is not closed with */', formula, i);
      }
      i = end + 2;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(formula[i + 1] ?? ''))) {
      const match = /^[0-9]*(\.[0-9]+)?/.exec(formula.slice(i));
      const text = match ? match[0] : ch;
      tokens.push({ type: 'number', value: Number(text), pos: i });
      i += text.length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = i;
      let value = '';
      i += 1;
      for (;;) {
        if (i >= formula.length) {
          throw new FormulaSyntaxError('Text literal is not closed', formula, start);
        }
        const c = formula[i];
        if (c === ch) {
          i += 1;
          break;
        }
        if (c === '\\') {
          const escaped = ESCAPES[formula[i + 1] ?? ''];
          if (escaped === undefined) {
            throw new FormulaSyntaxError(`Unknown escape sequence \\${formula[i + 1] ?? ''}`, formula, i);
          }
          value += escaped;
          i += 2;
          continue;
        }
        value += c;
        i += 1;
      }
      tokens.push({ type: 'string', value, pos: start });
      continue;
    }
    if (/[A-Za-z$]/.test(ch)) {
      const match = /^[A-Za-z$][A-Za-z0-9_$.]*/.exec(formula.slice(i));
      const text = match ? match[0] : ch;
      tokens.push({ type: 'name', value: text, pos: i });
      i += text.length;
      continue;
    }
    const op = OPERATORS.find((candidate) => formula.startsWith(candidate, i));
    if (!op) {
      throw new FormulaSyntaxError(`Unexpected character "${ch}"`, formula, i);
    }
    tokens.push({ type: 'op', value: op, pos: i });
    i += op.length;
  }
  tokens.push({ type: 'eof', pos: formula.length });
  return tokens;
}

const COMPARISONS: Record<string, BinaryOperator> = {
  '=': '=',
  '==': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '>': '>',
  '<=': '<=',
  '>=': '>='
};

class Parser {
  private index = 0;

  constructor(
    private readonly formula: string,
    private readonly tokens: Token[]
  ) {}

  parse(): FormulaNode {
    if (this.peek().type === 'eof') {
      throw new FormulaSyntaxError('Formula is empty', this.formula, 0);
    }
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.type !== 'eof') {
      throw new FormulaSyntaxError(`Unexpected ${describe(rest)}`, this.formula, rest.pos);
    }
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  private isOp(...values: string[]): boolean {
    const token = this.peek();
    return token.type === 'op' && values.includes(token.value);
  }

  private expectOp(value: string): Token {
    const token = this.next();
    if (token.type !== 'op' || token.value !== value) {
      throw new FormulaSyntaxError(
        `Expected "${value}" but found ${describe(token)}`,
        this.formula,
        token.pos
      );
    }
    return token;
  }

  private parseOr(): FormulaNode {
    let left = this.parseAnd();
    while (this.isOp('||')) {
      const token = this.next();
      left = { kind: 'binary', op: '||', left, right: this.parseAnd(), pos: token.pos };
    }
    return left;
  }

  private parseAnd(): FormulaNode {
    let left = this.parseComparison();
    while (this.isOp('&&')) {
      const token = this.next();
      left = { kind: 'binary', op: '&&', left, right: this.parseComparison(), pos: token.pos };
    }
    return left;
  }

  private parseComparison(): FormulaNode {
    let left = this.parseAdditive();
    while (this.isOp(...Object.keys(COMPARISONS))) {
      const token = this.next();
      const op = COMPARISONS[(token as { value: string }).value];
      left = { kind: 'binary', op, left, right: this.parseAdditive(), pos: token.pos };
    }
    return left;
  }

  private parseAdditive(): FormulaNode {
    let left = this.parseMultiplicative();
    while (this.isOp('+', '-', '&')) {
      const token = this.next() as { value: '+' | '-' | '&'; pos: number };
      left = { kind: 'binary', op: token.value, left, right: this.parseMultiplicative(), pos: token.pos };
    }
    return left;
  }

  private parseMultiplicative(): FormulaNode {
    let left = this.parseUnary();
    while (this.isOp('*', '/')) {
      const token = this.next() as { value: '*' | '/'; pos: number };
      left = { kind: 'binary', op: token.value, left, right: this.parseUnary(), pos: token.pos };
    }
    return left;
  }

  private parseUnary(): FormulaNode {
    if (this.isOp('-', '+', '!')) {
      const token = this.next() as { value: '-' | '+' | '!'; pos: number };
      return { kind: 'unary', op: token.value, operand: this.parseUnary(), pos: token.pos };
    }
    return this.parsePower();
  }

  private parsePower(): FormulaNode {
    const base = this.parsePrimary();
    if (!this.isOp('^')) {
      return base;
    }
    const token = this.next();
    const exponent = this.parsePrimary();
    if (this.isOp('^')) {
      // The platform's documentation does not say how a ^ b ^ c groups; refuse rather than guess.
      throw new FormulaUnsupportedError(
        'chained ^',
        'add parentheses to say how the powers group',
        this.formula,
        this.peek().pos
      );
    }
    return { kind: 'binary', op: '^', left: base, right: exponent, pos: token.pos };
  }

  private parsePrimary(): FormulaNode {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: token.value, pos: token.pos };
      case 'string':
        return { kind: 'string', value: token.value, pos: token.pos };
      case 'name':
        return this.parseName(token);
      case 'op':
        if (token.value === '(') {
          const inner = this.parseOr();
          this.expectOp(')');
          return inner;
        }
        if (token.value === '-' || token.value === '+' || token.value === '!') {
          return { kind: 'unary', op: token.value, operand: this.parsePower(), pos: token.pos };
        }
        throw new FormulaSyntaxError(`Unexpected ${describe(token)}`, this.formula, token.pos);
      default:
        throw new FormulaSyntaxError('Formula ends too early', this.formula, token.pos);
    }
  }

  private parseName(token: { value: string; pos: number }): FormulaNode {
    const upper = token.value.toUpperCase();
    if (this.isOp('(')) {
      if (token.value.includes('.') || token.value.startsWith('$')) {
        throw new FormulaSyntaxError(`"${token.value}" is not a function name`, this.formula, token.pos);
      }
      this.next();
      const args: FormulaNode[] = [];
      if (!this.isOp(')')) {
        args.push(this.parseOr());
        while (this.isOp(',')) {
          this.next();
          args.push(this.parseOr());
        }
      }
      this.expectOp(')');
      return { kind: 'call', name: upper, args, pos: token.pos };
    }
    if (upper === 'TRUE' || upper === 'FALSE') {
      return { kind: 'boolean', value: upper === 'TRUE', pos: token.pos };
    }
    if (upper === 'NULL') {
      return { kind: 'null', pos: token.pos };
    }
    if (token.value.startsWith('$')) {
      return { kind: 'global', name: token.value, pos: token.pos };
    }
    return { kind: 'field', name: token.value, pos: token.pos };
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'end of formula';
    case 'string':
      return `text "${token.value}"`;
    default:
      return `"${token.value}"`;
  }
}

/** Parses a formula; throws FormulaSyntaxError with the character position on bad syntax. */
export function parseFormula(formula: string): FormulaNode {
  return new Parser(formula, tokenize(formula)).parse();
}
