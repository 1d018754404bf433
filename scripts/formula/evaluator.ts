/**
 * Evaluates Salesforce validation-rule formulas against a record, the way the platform does on
 * insert and update, so the sandbox org can enforce the deployed rules.
 *
 * Two passes: the whole formula is type-checked first (so an unsupported function or a picklist
 * used where the platform forbids it fails on every record, not only on the records that reach that
 * branch), then evaluated with AND / OR / IF / CASE short-circuiting as on the platform.
 * Anything not emulated raises FormulaUnsupportedError naming it; nothing is approximated.
 */
import { FormulaEvaluationError, FormulaSyntaxError, FormulaUnsupportedError } from './errors';
import { FormulaNode, parseFormula } from './parser';

export { FormulaError, FormulaEvaluationError, FormulaSyntaxError, FormulaUnsupportedError } from './errors';
export { parseFormula } from './parser';
export type { FormulaNode } from './parser';

export type FieldType =
  | 'picklist'
  | 'multipicklist'
  | 'text'
  | 'textarea'
  | 'number'
  | 'currency'
  | 'checkbox'
  | 'date'
  | 'datetime'
  | 'id'
  | 'reference'
  | 'email'
  | 'phone'
  | 'url'
  | 'percent';

export interface FormulaContext {
  /** field API name -> new value (picklist = string|null, checkbox = boolean, number, ISO strings for dates) */
  record: Record<string, unknown>;
  /** previous values (update); null/undefined on insert */
  prior?: Record<string, unknown> | null;
  isNew: boolean;
  /** custom permission API names the running user holds */
  permissions: ReadonlySet<string>;
  /** field API name -> type; the type check is reused for the same object, so do not change one once used */
  fieldTypes: Record<string, FieldType>;
  /** the moment TODAY() and NOW() read; defaults to the clock */
  now?: Date;
}

type ValueType = 'number' | 'text' | 'boolean' | 'date' | 'datetime' | 'picklist' | 'multipicklist' | 'null';

type Value =
  | { t: 'number'; v: number | null }
  | { t: 'text'; v: string }
  | { t: 'boolean'; v: boolean }
  | { t: 'date'; v: string | null }
  | { t: 'datetime'; v: number | null }
  | { t: 'picklist'; v: string }
  | { t: 'multipicklist'; v: string[] }
  | { t: 'null' };

const FIELD_VALUE_TYPES: Record<FieldType, ValueType> = {
  picklist: 'picklist',
  multipicklist: 'multipicklist',
  text: 'text',
  textarea: 'text',
  id: 'text',
  reference: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  number: 'number',
  currency: 'number',
  percent: 'number',
  checkbox: 'boolean',
  date: 'date',
  datetime: 'datetime'
};

const PICKLIST_HINT =
  'Picklist fields are only supported in ISPICKVAL, CASE, TEXT, ISCHANGED and PRIORVALUE ' +
  '(multi-select picklists in INCLUDES, ISBLANK, ISNULL, ISCHANGED and PRIORVALUE)';

/** Functions the evaluator implements. Anything else raises FormulaUnsupportedError. */
export const SUPPORTED_FUNCTIONS = [
  'AND',
  'OR',
  'NOT',
  'IF',
  'CASE',
  'ISPICKVAL',
  'TEXT',
  'ISBLANK',
  'ISNULL',
  'BLANKVALUE',
  'NULLVALUE',
  'ISNEW',
  'ISCHANGED',
  'PRIORVALUE',
  'LEN',
  'INCLUDES',
  'CONTAINS',
  'BEGINS',
  'UPPER',
  'LOWER',
  'TRIM',
  'LEFT',
  'RIGHT',
  'MID',
  'VALUE',
  'ABS',
  'MIN',
  'MAX',
  'ROUND',
  'FLOOR',
  'CEILING',
  'MOD',
  'TODAY',
  'NOW'
] as const;

type FieldIndex = Map<string, { name: string; type: FieldType }>;

function indexFields(fieldTypes: Record<string, FieldType>): FieldIndex {
  const index: FieldIndex = new Map();
  for (const [name, type] of Object.entries(fieldTypes)) {
    index.set(name.toLowerCase(), { name, type });
  }
  return index;
}

class Evaluation {
  constructor(
    private readonly formula: string,
    private readonly ctx: FormulaContext,
    /** Types of the formula's nodes; depend only on the formula and ctx.fieldTypes. */
    private readonly types: Map<FormulaNode, ValueType> = new Map(),
    private readonly fieldIndex: FieldIndex = indexFields(ctx.fieldTypes)
  ) {}

  // ---------------------------------------------------------------- errors

  private syntax(message: string, node: FormulaNode): never {
    throw new FormulaSyntaxError(message, this.formula, node.pos);
  }

  private unsupported(construct: string, detail: string, node: FormulaNode): never {
    throw new FormulaUnsupportedError(construct, detail, this.formula, node.pos);
  }

  private runtime(message: string, node: FormulaNode): never {
    throw new FormulaEvaluationError(message, this.formula, node.pos);
  }

  // ---------------------------------------------------------------- type check

  private field(node: FormulaNode & { kind: 'field' }): { name: string; type: FieldType } {
    if (node.name.includes('.')) {
      this.unsupported(
        `cross-object reference ${node.name}`,
        'only fields of the record itself are available',
        node
      );
    }
    const field = this.fieldIndex.get(node.name.toLowerCase());
    if (!field) {
      this.syntax(`Field ${node.name} does not exist on this object`, node);
    }
    const valueType = FIELD_VALUE_TYPES[field.type];
    if (!valueType) {
      this.unsupported(
        `field type ${String(field.type)}`,
        `field ${field.name} has a type the evaluator does not know`,
        node
      );
    }
    return field;
  }

  /** Types a node whose value may be a picklist only where `allowPicklist` says so. */
  private check(node: FormulaNode, allow: { picklist?: boolean; multipicklist?: boolean } = {}): ValueType {
    const type = this.infer(node);
    if (type === 'picklist' && !allow.picklist) {
      this.syntax(`${describeNode(node)} is a picklist value here. ${PICKLIST_HINT}`, node);
    }
    if (type === 'multipicklist' && !allow.multipicklist) {
      this.syntax(`${describeNode(node)} is a multi-select picklist value here. ${PICKLIST_HINT}`, node);
    }
    return type;
  }

  private expect(node: FormulaNode, wanted: ValueType[], what: string): ValueType {
    const type = this.check(node, {
      picklist: wanted.includes('picklist'),
      multipicklist: wanted.includes('multipicklist')
    });
    if (type !== 'null' && !wanted.includes(type)) {
      this.syntax(`${what} expects ${wanted.join(' or ')}, received ${type}`, node);
    }
    return type;
  }

  private unify(a: ValueType, b: ValueType, what: string, node: FormulaNode): ValueType {
    if (a === 'null') return b;
    if (b === 'null' || a === b) return a;
    return this.syntax(`${what}: incompatible types ${a} and ${b}`, node);
  }

  private arity(node: FormulaNode & { kind: 'call' }, min: number, max: number = min): void {
    const count = node.args.length;
    if (count < min || count > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.syntax(
        `Incorrect number of parameters for function ${node.name}(). Expected ${expected}, received ${count}`,
        node
      );
    }
  }

  private infer(node: FormulaNode): ValueType {
    const known = this.types.get(node);
    if (known) return known;
    const type = this.inferUncached(node);
    this.types.set(node, type);
    return type;
  }

  private inferUncached(node: FormulaNode): ValueType {
    switch (node.kind) {
      case 'number':
        return 'number';
      case 'string':
        return 'text';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'field':
        return FIELD_VALUE_TYPES[this.field(node).type];
      case 'global':
        return this.inferGlobal(node);
      case 'unary':
        if (node.op === '!') {
          this.expect(node.operand, ['boolean'], 'Operator !');
          return 'boolean';
        }
        this.expect(node.operand, ['number'], `Unary ${node.op}`);
        return 'number';
      case 'binary':
        return this.inferBinary(node);
      case 'call':
        return this.inferCall(node);
    }
  }

  private inferGlobal(node: FormulaNode & { kind: 'global' }): ValueType {
    const [prefix, name, ...rest] = node.name.split('.');
    if (prefix.toLowerCase() === '$permission' && name && rest.length === 0) {
      return 'boolean';
    }
    return this.unsupported(
      node.name,
      'only $Permission.<custom permission> is available among global variables',
      node
    );
  }

  private inferBinary(node: FormulaNode & { kind: 'binary' }): ValueType {
    const what = `Operator ${node.op}`;
    switch (node.op) {
      case '&&':
      case '||':
        this.expect(node.left, ['boolean'], what);
        this.expect(node.right, ['boolean'], what);
        return 'boolean';
      case '&':
        this.expect(node.left, ['text'], what);
        this.expect(node.right, ['text'], what);
        return 'text';
      case '+': {
        const left = this.expect(node.left, ['number', 'text', 'date', 'datetime'], what);
        const right = this.expect(node.right, ['number', 'text', 'date', 'datetime'], what);
        if (left === 'date' || left === 'datetime' || right === 'date' || right === 'datetime') {
          return this.unsupported('date arithmetic', 'adding to dates is not emulated', node);
        }
        return this.unify(left, right, what, node) === 'text' ? 'text' : 'number';
      }
      case '-':
      case '*':
      case '/':
      case '^': {
        const left = this.expect(node.left, ['number', 'date', 'datetime'], what);
        const right = this.expect(node.right, ['number', 'date', 'datetime'], what);
        if (left === 'date' || left === 'datetime' || right === 'date' || right === 'datetime') {
          return this.unsupported('date arithmetic', 'subtracting dates is not emulated', node);
        }
        return 'number';
      }
      default: {
        const left = this.check(node.left);
        const right = this.check(node.right);
        const type = this.unify(left, right, what, node);
        if (type === 'null') {
          return this.unsupported(`NULL ${node.op} NULL`, 'compare fields with ISBLANK instead', node);
        }
        if (type === 'text' && node.op !== '=' && node.op !== '<>') {
          return this.unsupported(`${node.op} on text`, 'ordering of text values is not emulated', node);
        }
        if (type === 'boolean' && node.op !== '=' && node.op !== '<>') {
          this.syntax(`${what} cannot order checkbox values`, node);
        }
        return 'boolean';
      }
    }
  }

  private fieldArgument(node: FormulaNode & { kind: 'call' }): FormulaNode & { kind: 'field' } {
    const arg = node.args[0];
    if (arg.kind !== 'field') {
      return this.syntax(`${node.name}() takes a field, not an expression`, arg);
    }
    this.field(arg);
    return arg;
  }

  private inferCall(node: FormulaNode & { kind: 'call' }): ValueType {
    const args = node.args;
    const what = `Function ${node.name}()`;
    switch (node.name) {
      case 'AND':
      case 'OR':
        this.arity(node, 1, Infinity);
        args.forEach((arg) => this.expect(arg, ['boolean'], what));
        return 'boolean';
      case 'NOT':
        this.arity(node, 1);
        this.expect(args[0], ['boolean'], what);
        return 'boolean';
      case 'IF': {
        this.arity(node, 3);
        this.expect(args[0], ['boolean'], what);
        return this.unify(this.check(args[1]), this.check(args[2]), what, node);
      }
      case 'CASE': {
        if (args.length < 4 || args.length % 2 !== 0) {
          this.syntax(`${what} needs an expression, value/result pairs and an else result`, node);
        }
        const subject = this.expect(args[0], ['number', 'text', 'picklist'], what);
        const valueType = subject === 'picklist' ? 'text' : subject;
        let result: ValueType = 'null';
        for (let i = 1; i < args.length - 1; i += 2) {
          this.unify(valueType, this.check(args[i]), `${what} value`, args[i]);
          result = this.unify(result, this.check(args[i + 1]), `${what} result`, args[i + 1]);
        }
        return this.unify(result, this.check(args[args.length - 1]), `${what} result`, args[args.length - 1]);
      }
      case 'ISPICKVAL': {
        this.arity(node, 2);
        const type = this.check(args[0], { picklist: true });
        if (type !== 'picklist') {
          this.syntax(
            `${what} expects a picklist field or PRIORVALUE(picklist field) first, received ${type}`,
            args[0]
          );
        }
        this.expect(args[1], ['text'], what);
        return 'boolean';
      }
      case 'TEXT': {
        this.arity(node, 1);
        this.expect(args[0], ['picklist', 'number', 'text', 'date', 'datetime'], what);
        return 'text';
      }
      case 'ISBLANK':
      case 'ISNULL':
        this.arity(node, 1);
        this.check(args[0], { multipicklist: true });
        return 'boolean';
      case 'BLANKVALUE':
      case 'NULLVALUE':
        this.arity(node, 2);
        return this.unify(this.check(args[0]), this.check(args[1]), what, node);
      case 'ISNEW':
        this.arity(node, 0);
        return 'boolean';
      case 'ISCHANGED':
        this.arity(node, 1);
        this.fieldArgument(node);
        return 'boolean';
      case 'PRIORVALUE': {
        this.arity(node, 1);
        return FIELD_VALUE_TYPES[this.field(this.fieldArgument(node)).type];
      }
      case 'LEN':
      case 'VALUE':
        this.arity(node, 1);
        this.expect(args[0], ['text'], what);
        return 'number';
      case 'INCLUDES': {
        this.arity(node, 2);
        const type = this.check(args[0], { multipicklist: true });
        if (type !== 'multipicklist') {
          this.syntax(`${what} expects a multi-select picklist field first, received ${type}`, args[0]);
        }
        if (args[1].kind !== 'string') {
          this.syntax(`${what} expects a text literal second`, args[1]);
        }
        return 'boolean';
      }
      case 'CONTAINS':
      case 'BEGINS':
        this.arity(node, 2);
        this.expect(args[0], ['text'], what);
        this.expect(args[1], ['text'], what);
        return 'boolean';
      case 'UPPER':
      case 'LOWER':
      case 'TRIM':
        this.arity(node, 1);
        this.expect(args[0], ['text'], what);
        return 'text';
      case 'LEFT':
      case 'RIGHT':
        this.arity(node, 2);
        this.expect(args[0], ['text'], what);
        this.expect(args[1], ['number'], what);
        return 'text';
      case 'MID':
        this.arity(node, 3);
        this.expect(args[0], ['text'], what);
        this.expect(args[1], ['number'], what);
        this.expect(args[2], ['number'], what);
        return 'text';
      case 'ABS':
      case 'FLOOR':
      case 'CEILING':
        this.arity(node, 1);
        this.expect(args[0], ['number'], what);
        return 'number';
      case 'ROUND':
      case 'MOD':
        this.arity(node, 2);
        args.forEach((arg) => this.expect(arg, ['number'], what));
        return 'number';
      case 'MIN':
      case 'MAX':
        this.arity(node, 1, Infinity);
        args.forEach((arg) => this.expect(arg, ['number'], what));
        return 'number';
      case 'TODAY':
        this.arity(node, 0);
        return 'date';
      case 'NOW':
        this.arity(node, 0);
        return 'datetime';
      default:
        return this.unsupported(
          `${node.name}()`,
          `the evaluator implements ${SUPPORTED_FUNCTIONS.join(', ')}`,
          node
        );
    }
  }

  // ---------------------------------------------------------------- evaluation

  private readField(node: FormulaNode & { kind: 'field' }, source: Record<string, unknown>): Value {
    const field = this.field(node);
    const raw = lookup(source, field.name);
    const type = FIELD_VALUE_TYPES[field.type];
    const bad = (expected: string): never =>
      this.runtime(
        `Field ${field.name} (${field.type}) holds ${JSON.stringify(raw)}; expected ${expected}`,
        node
      );
    switch (type) {
      case 'text':
      case 'picklist':
        if (raw === null || raw === undefined) return { t: type, v: '' };
        return typeof raw === 'string' ? { t: type, v: raw } : bad('text or null');
      case 'multipicklist':
        if (raw === null || raw === undefined || raw === '') return { t: 'multipicklist', v: [] };
        if (Array.isArray(raw) && raw.every((item) => typeof item === 'string'))
          return { t: 'multipicklist', v: raw };
        return typeof raw === 'string'
          ? { t: 'multipicklist', v: raw.split(';') }
          : bad('values separated by ;');
      case 'number':
        if (raw === null || raw === undefined) return { t: 'number', v: null };
        return typeof raw === 'number' && Number.isFinite(raw)
          ? { t: 'number', v: raw }
          : bad('a number or null');
      case 'boolean':
        if (raw === null || raw === undefined) return { t: 'boolean', v: false };
        return typeof raw === 'boolean' ? { t: 'boolean', v: raw } : bad('true or false');
      case 'date':
        if (raw === null || raw === undefined || raw === '') return { t: 'date', v: null };
        return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw)
          ? { t: 'date', v: raw }
          : bad('YYYY-MM-DD');
      case 'datetime': {
        if (raw === null || raw === undefined || raw === '') return { t: 'datetime', v: null };
        const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
        return Number.isNaN(ms) ? bad('an ISO 8601 date-time') : { t: 'datetime', v: ms };
      }
      default:
        return bad('a supported type');
    }
  }

  private bool(node: FormulaNode): boolean {
    const value = this.evaluate(node);
    if (value.t === 'boolean') return value.v;
    return this.unsupported(
      'NULL as a condition',
      'the platform treatment of a blank condition is not emulated',
      node
    );
  }

  private num(node: FormulaNode): number | null {
    const value = this.evaluate(node);
    if (value.t === 'number') return value.v;
    if (value.t === 'null') return null;
    return this.runtime(`Expected a number, received ${value.t}`, node);
  }

  private text(node: FormulaNode): string {
    const value = this.evaluate(node);
    if (value.t === 'text' || value.t === 'picklist') return value.v;
    if (value.t === 'null') return '';
    return this.runtime(`Expected text, received ${value.t}`, node);
  }

  evaluate(node: FormulaNode): Value {
    switch (node.kind) {
      case 'number':
        return { t: 'number', v: node.value };
      case 'string':
        return { t: 'text', v: node.value };
      case 'boolean':
        return { t: 'boolean', v: node.value };
      case 'null':
        return { t: 'null' };
      case 'field':
        return this.readField(node, this.ctx.record);
      case 'global': {
        const name = node.name.split('.')[1].toLowerCase();
        return { t: 'boolean', v: [...this.ctx.permissions].some((p) => p.toLowerCase() === name) };
      }
      case 'unary':
        if (node.op === '!') return { t: 'boolean', v: !this.bool(node.operand) };
        return mapNumber(this.num(node.operand), (n) => (node.op === '-' ? -n : n));
      case 'binary':
        return this.evaluateBinary(node);
      case 'call':
        return this.evaluateCall(node);
    }
  }

  private evaluateBinary(node: FormulaNode & { kind: 'binary' }): Value {
    switch (node.op) {
      case '&&':
        return { t: 'boolean', v: this.bool(node.left) && this.bool(node.right) };
      case '||':
        return { t: 'boolean', v: this.bool(node.left) || this.bool(node.right) };
      case '&':
        return { t: 'text', v: this.text(node.left) + this.text(node.right) };
      case '+':
      case '-':
      case '*':
      case '/':
      case '^': {
        if (this.infer(node) === 'text')
          return { t: 'text', v: this.text(node.left) + this.text(node.right) };
        const left = this.num(node.left);
        const right = this.num(node.right);
        if (left === null || right === null) return { t: 'number', v: null };
        if (node.op === '/' && right === 0) this.runtime('Division by zero', node);
        const result =
          node.op === '+'
            ? left + right
            : node.op === '-'
              ? left - right
              : node.op === '*'
                ? left * right
                : node.op === '/'
                  ? left / right
                  : left ** right;
        return { t: 'number', v: result };
      }
      default:
        return { t: 'boolean', v: this.compare(node) };
    }
  }

  private compare(node: FormulaNode & { kind: 'binary' }): boolean {
    const left = this.evaluate(node.left);
    const right = this.evaluate(node.right);
    const type = this.infer(node.left) === 'null' ? this.infer(node.right) : this.infer(node.left);
    let order: number;
    if (type === 'text') {
      const a = left.t === 'text' ? left.v : '';
      const b = right.t === 'text' ? right.v : '';
      return node.op === '=' ? a === b : a !== b;
    }
    if (type === 'boolean') {
      const equal = (left as { v: boolean }).v === (right as { v: boolean }).v;
      return node.op === '=' ? equal : !equal;
    }
    const a = 'v' in left ? left.v : null;
    const b = 'v' in right ? right.v : null;
    if (a === null || b === null) {
      return this.unsupported(
        `blank value in ${node.op}`,
        `${describeNode(a === null ? node.left : node.right)} is blank; the platform's treatment of blank ` +
          'numbers and dates in comparisons is not emulated, so guard the comparison with ISBLANK() or BLANKVALUE()',
        node
      );
    }
    if (typeof a === 'number' && typeof b === 'number') order = decimal(a) - decimal(b);
    else order = String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    switch (node.op) {
      case '=':
        return order === 0;
      case '<>':
        return order !== 0;
      case '<':
        return order < 0;
      case '>':
        return order > 0;
      case '<=':
        return order <= 0;
      default:
        return order >= 0;
    }
  }

  private isBlankValue(value: Value): boolean {
    switch (value.t) {
      case 'null':
        return true;
      case 'text':
      case 'picklist':
        return value.v === '';
      case 'multipicklist':
        return value.v.length === 0;
      case 'boolean':
        return false;
      default:
        return value.v === null;
    }
  }

  private prior(node: FormulaNode & { kind: 'call' }): Value {
    const field = node.args[0] as FormulaNode & { kind: 'field' };
    // On create the platform's PRIORVALUE returns the value being saved.
    const source = this.ctx.isNew || !this.ctx.prior ? this.ctx.record : this.ctx.prior;
    return this.readField(field, source);
  }

  private evaluateCall(node: FormulaNode & { kind: 'call' }): Value {
    const args = node.args;
    const bool = (v: boolean): Value => ({ t: 'boolean', v });
    switch (node.name) {
      case 'AND':
        return bool(args.every((arg) => this.bool(arg)));
      case 'OR':
        return bool(args.some((arg) => this.bool(arg)));
      case 'NOT':
        return bool(!this.bool(args[0]));
      case 'IF':
        return this.bool(args[0]) ? this.evaluate(args[1]) : this.evaluate(args[2]);
      case 'CASE': {
        const subject = this.evaluate(args[0]);
        for (let i = 1; i < args.length - 1; i += 2) {
          const candidate = this.evaluate(args[i]);
          if (sameScalar(subject, candidate)) return this.evaluate(args[i + 1]);
        }
        return this.evaluate(args[args.length - 1]);
      }
      case 'ISPICKVAL':
        return bool(this.text(args[0]) === this.text(args[1]));
      case 'TEXT':
        return { t: 'text', v: this.textOf(args[0]) };
      case 'ISBLANK':
        return bool(this.isBlankValue(this.evaluate(args[0])));
      case 'ISNULL': {
        const value = this.evaluate(args[0]);
        // Text is never null on the platform, so ISNULL(text field) is always false.
        return bool(value.t === 'text' || value.t === 'picklist' ? false : this.isBlankValue(value));
      }
      case 'BLANKVALUE': {
        const value = this.evaluate(args[0]);
        return this.isBlankValue(value) ? this.evaluate(args[1]) : value;
      }
      case 'NULLVALUE': {
        const value = this.evaluate(args[0]);
        return value.t !== 'text' && this.isBlankValue(value) ? this.evaluate(args[1]) : value;
      }
      case 'ISNEW':
        return bool(this.ctx.isNew);
      case 'ISCHANGED': {
        if (this.ctx.isNew || !this.ctx.prior) return bool(false);
        const field = args[0] as FormulaNode & { kind: 'field' };
        return bool(
          !sameScalar(this.readField(field, this.ctx.prior), this.readField(field, this.ctx.record))
        );
      }
      case 'PRIORVALUE':
        return this.prior(node);
      case 'LEN':
        return { t: 'number', v: this.text(args[0]).length };
      case 'VALUE': {
        const text = this.text(args[0]).trim();
        if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text))
          this.runtime(`VALUE() cannot read "${text}" as a number`, node);
        return { t: 'number', v: Number(text) };
      }
      case 'INCLUDES': {
        const value = this.evaluate(args[0]);
        return bool(value.t === 'multipicklist' && value.v.includes(this.text(args[1])));
      }
      case 'CONTAINS':
        return bool(this.text(args[0]).includes(this.text(args[1])));
      case 'BEGINS':
        return bool(this.text(args[0]).startsWith(this.text(args[1])));
      case 'UPPER':
        return { t: 'text', v: this.text(args[0]).toUpperCase() };
      case 'LOWER':
        return { t: 'text', v: this.text(args[0]).toLowerCase() };
      case 'TRIM':
        return { t: 'text', v: this.text(args[0]).trim() };
      case 'LEFT':
      case 'RIGHT':
      case 'MID':
        return { t: 'text', v: this.substring(node) };
      case 'ABS':
        return mapNumber(this.num(args[0]), Math.abs);
      case 'FLOOR':
        return mapNumber(this.num(args[0]), Math.floor);
      case 'CEILING':
        return mapNumber(this.num(args[0]), Math.ceil);
      case 'ROUND': {
        const value = this.num(args[0]);
        const digits = this.num(args[1]);
        if (value === null || digits === null) return { t: 'number', v: null };
        // The platform rounds halves away from zero.
        const factor = 10 ** Math.trunc(digits);
        return { t: 'number', v: (Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9)) / factor };
      }
      case 'MOD': {
        const value = this.num(args[0]);
        const divisor = this.num(args[1]);
        if (value === null || divisor === null) return { t: 'number', v: null };
        if (divisor === 0) this.runtime('MOD() by zero', node);
        return { t: 'number', v: value % divisor };
      }
      case 'MIN':
      case 'MAX': {
        const values = args.map((arg) => this.num(arg));
        if (values.some((v) => v === null)) return { t: 'number', v: null };
        const numbers = values as number[];
        return { t: 'number', v: node.name === 'MIN' ? Math.min(...numbers) : Math.max(...numbers) };
      }
      case 'TODAY':
        return { t: 'date', v: (this.ctx.now ?? new Date()).toISOString().slice(0, 10) };
      case 'NOW':
        return { t: 'datetime', v: (this.ctx.now ?? new Date()).getTime() };
      default:
        return this.unsupported(`${node.name}()`, 'not implemented', node);
    }
  }

  private substring(node: FormulaNode & { kind: 'call' }): string {
    const text = this.text(node.args[0]);
    const numbers = node.args.slice(1).map((arg) => this.num(arg) ?? 0);
    if (node.name === 'LEFT') return text.slice(0, Math.max(0, numbers[0]));
    if (node.name === 'RIGHT') return numbers[0] <= 0 ? '' : text.slice(-numbers[0]);
    const start = Math.max(1, numbers[0]);
    return text.slice(start - 1, start - 1 + Math.max(0, numbers[1]));
  }

  private textOf(node: FormulaNode): string {
    const value = this.evaluate(node);
    switch (value.t) {
      case 'text':
      case 'picklist':
        return value.v;
      case 'null':
        return '';
      case 'number':
        if (value.v === null) return '';
        if (!Number.isInteger(value.v)) {
          return this.unsupported(
            'TEXT() of a decimal',
            'the platform formats decimals by field scale; not emulated',
            node
          );
        }
        return String(value.v);
      case 'date':
        return value.v ?? '';
      case 'datetime':
        return value.v === null
          ? ''
          : new Date(value.v)
              .toISOString()
              .replace('T', ' ')
              .replace(/\.\d{3}Z$/, 'Z');
      default:
        return this.runtime(`TEXT() cannot convert ${value.t}`, node);
    }
  }

  run(root: FormulaNode): boolean {
    const type = this.check(root);
    if (type !== 'boolean') {
      this.syntax(`A validation rule formula must return true or false, this one returns ${type}`, root);
    }
    return this.bool(root);
  }

  validate(root: FormulaNode): ValueType {
    return this.check(root);
  }
}

function lookup(source: Record<string, unknown>, name: string): unknown {
  if (name in source) return source[name];
  const lower = name.toLowerCase();
  const key = Object.keys(source).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : source[key];
}

/**
 * The platform computes in decimal, so 0.1 + 0.2 = 0.3 holds there. Comparing binary doubles rounded to
 * 15 significant digits (within a double's exact range, beyond the 18-digit fields' 2 decimals) gives the
 * same answers for the amounts and counts these formulas handle.
 */
function decimal(value: number): number {
  return Number(value.toPrecision(15));
}

function mapNumber(value: number | null, fn: (n: number) => number): Value {
  return { t: 'number', v: value === null ? null : fn(value) };
}

function sameScalar(a: Value, b: Value): boolean {
  const blankA = 'v' in a ? a.v === null || a.v === '' || (Array.isArray(a.v) && a.v.length === 0) : true;
  const blankB = 'v' in b ? b.v === null || b.v === '' || (Array.isArray(b.v) && b.v.length === 0) : true;
  if (blankA || blankB) return blankA === blankB;
  const va = (a as { v: unknown }).v;
  const vb = (b as { v: unknown }).v;
  if (Array.isArray(va) && Array.isArray(vb)) {
    return va.length === vb.length && [...va].sort().join(';') === [...vb].sort().join(';');
  }
  if (typeof va === 'number' && typeof vb === 'number') return decimal(va) === decimal(vb);
  return va === vb;
}

function describeNode(node: FormulaNode): string {
  switch (node.kind) {
    case 'field':
      return `Field ${node.name}`;
    case 'call':
      return `${node.name}(...)`;
    default:
      return 'The expression';
  }
}

// The sandbox org evaluates the same few rules on every save: keep their syntax trees.
const parsed = new Map<string, FormulaNode>();
const PARSE_CACHE_LIMIT = 500;

function parseCached(formula: string): FormulaNode {
  let tree = parsed.get(formula);
  if (!tree) {
    tree = parseFormula(formula);
    if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
    parsed.set(formula, tree);
  }
  return tree;
}

/**
 * A formula's type check depends only on its syntax tree and the field types, never on the record, so it is
 * kept per field-type map (by identity: a map must not change once used; pass a new one instead) and tree.
 * A check that fails is not kept, so every evaluation raises the same error.
 */
interface TypeCheck {
  fieldIndex: FieldIndex;
  byTree: WeakMap<FormulaNode, Map<FormulaNode, ValueType>>;
}
const typeChecks = new WeakMap<Record<string, FieldType>, TypeCheck>();

/** True when the validation rule's errorConditionFormula is true (i.e. the save must be refused). */
export function evaluateValidationFormula(formula: string, ctx: FormulaContext): boolean {
  let check = typeChecks.get(ctx.fieldTypes);
  if (!check) {
    check = { fieldIndex: indexFields(ctx.fieldTypes), byTree: new WeakMap() };
    typeChecks.set(ctx.fieldTypes, check);
  }
  const tree = parseCached(formula);
  const known = check.byTree.get(tree);
  const types = known ?? new Map<FormulaNode, ValueType>();
  const result = new Evaluation(formula, ctx, types, check.fieldIndex).run(tree);
  if (!known) check.byTree.set(tree, types);
  return result;
}

/**
 * Checks a formula against an object's field types without a record: throws FormulaSyntaxError or
 * FormulaUnsupportedError exactly when evaluateValidationFormula would for every record.
 */
export function checkValidationFormula(formula: string, fieldTypes: Record<string, FieldType>): void {
  const evaluation = new Evaluation(formula, { record: {}, isNew: true, permissions: new Set(), fieldTypes });
  const type = evaluation.validate(parseFormula(formula));
  if (type !== 'boolean') {
    throw new FormulaSyntaxError(
      `A validation rule formula must return true or false, this one returns ${type}`,
      formula,
      0
    );
  }
}

/** The merge fields a formula reads (fields and $Permission globals), as written. */
export function formulaReferences(formula: string): { fields: string[]; permissions: string[] } {
  const fields = new Set<string>();
  const permissions = new Set<string>();
  const walk = (node: FormulaNode): void => {
    if (node.kind === 'field') fields.add(node.name);
    if (node.kind === 'global' && node.name.toLowerCase().startsWith('$permission.'))
      permissions.add(node.name.slice(12));
    if (node.kind === 'call') node.args.forEach(walk);
    if (node.kind === 'unary') walk(node.operand);
    if (node.kind === 'binary') {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(parseFormula(formula));
  return { fields: [...fields], permissions: [...permissions] };
}
