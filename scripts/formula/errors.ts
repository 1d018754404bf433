/** Base class of every error the formula evaluator raises. */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly formula: string,
    readonly position?: number
  ) {
    super(position === undefined ? message : `${message} (at character ${position + 1})`);
    this.name = 'FormulaError';
  }
}

/** The formula is not valid Salesforce formula syntax or mixes types the platform would reject. */
export class FormulaSyntaxError extends FormulaError {
  constructor(message: string, formula: string, position?: number) {
    super(message, formula, position);
    this.name = 'FormulaSyntaxError';
  }
}

/** The formula is valid on the platform but uses something this evaluator does not emulate. */
export class FormulaUnsupportedError extends FormulaError {
  constructor(
    /** the function, operator, merge field or construct that is not emulated */
    readonly construct: string,
    detail: string,
    formula: string,
    position?: number
  ) {
    super(`Unsupported in formula evaluation: ${construct} — ${detail}`, formula, position);
    this.name = 'FormulaUnsupportedError';
  }
}

/** The formula is fine, but the record or its field types do not let it be evaluated. */
export class FormulaEvaluationError extends FormulaError {
  constructor(message: string, formula: string, position?: number) {
    super(message, formula, position);
    this.name = 'FormulaEvaluationError';
  }
}
