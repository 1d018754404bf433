import {
  FieldType,
  FormulaContext,
  FormulaSyntaxError,
  FormulaUnsupportedError,
  checkValidationFormula,
  evaluateValidationFormula,
  formulaReferences
} from '../../scripts/formula/evaluator';

// formulon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const formulon = require('formulon') as { parse: (formula: string) => { type: string; value: unknown } };

const fieldTypes: Record<string, FieldType> = {
  Status__c: 'picklist',
  Amount__c: 'currency',
  Payee__c: 'text',
  Channels__c: 'multipicklist',
  Escalated__c: 'checkbox',
  Due__c: 'date',
  Submitted_At__c: 'datetime',
  Partition__c: 'number'
};

function ctx(overrides: Partial<FormulaContext> = {}): FormulaContext {
  return {
    record: {
      Status__c: 'Submitted for Payment',
      Amount__c: 100,
      Payee__c: 'Acme',
      Channels__c: 'Phone;Email',
      Escalated__c: false,
      Due__c: '2026-04-14',
      Submitted_At__c: '2026-04-01T10:00:00.000Z',
      Partition__c: null
    },
    prior: null,
    isNew: true,
    permissions: new Set<string>(),
    fieldTypes,
    ...overrides
  };
}

const update = (prior: Record<string, unknown>, record: Record<string, unknown>): FormulaContext =>
  ctx({ isNew: false, prior: { ...ctx().record, ...prior }, record: { ...ctx().record, ...record } });

const run = (formula: string, context: FormulaContext = ctx()): boolean =>
  evaluateValidationFormula(formula, context);

describe('operators', () => {
  it.each([
    ['1 + 2 * 3 = 7', true],
    ['(1 + 2) * 3 = 9', true],
    ['2 ^ 3 = 8', true],
    ['-2 ^ 2 = -4', true],
    ['10 / 4 = 2.5', true],
    ['0.1 + 0.2 = 0.3', true],
    ['1 / 3 * 3 = 1', true],
    ['1 < 2 && 2 < 1', false],
    ['1 < 2 || 2 < 1', true],
    ['!(1 = 1)', false],
    ['1 <> 2 && 1 != 2 && 1 == 1', true],
    ['"a" & "b" = "ab"', true],
    ['"A" = "a"', false],
    ['\'single\' = "single"', true],
    ['"say \\"hi\\"" = \'say "hi"\'', true],
    ['/* amount check */ Amount__c >= 100', true],
    ['-Amount__c = -100', true]
  ])('%s is %s', (formula, expected) => {
    expect(run(formula)).toBe(expected);
  });

  it('agrees with formulon on arithmetic and text it also understands', () => {
    const cases = [
      '1 + 2 * 3 - 4 / 2',
      '(7 - 2) * 3 / 4',
      'LEN("hello") + 2',
      '"ab" & "cd"',
      'UPPER("mixed")'
    ];
    for (const expression of cases) {
      const theirs = formulon.parse(expression);
      expect(theirs.type).toBe('literal');
      const literal = typeof theirs.value === 'string' ? JSON.stringify(theirs.value) : String(theirs.value);
      expect(run(`${expression} = ${literal}`)).toBe(true);
    }
  });
});

describe('functions', () => {
  it('evaluate logic, text and number functions', () => {
    expect(run('AND(TRUE, OR(FALSE, NOT(FALSE)))')).toBe(true);
    expect(run('IF(Amount__c > 50, "big", "small") = "big"')).toBe(true);
    expect(run('CASE(TEXT(Status__c), "Payment Failed", 1, "Submitted for Payment", 2, 0) = 2')).toBe(true);
    expect(run('CASE(Status__c, "Nope", FALSE, TRUE)')).toBe(true);
    expect(run('BLANKVALUE(Partition__c, 7) = 7')).toBe(true);
    expect(run('LEN(Payee__c) = 4 && BEGINS(Payee__c, "Ac") && CONTAINS(Payee__c, "cm")')).toBe(true);
    expect(run('LEFT(Payee__c, 2) & MID(Payee__c, 3, 1) & RIGHT(Payee__c, 1) = "Acme"')).toBe(true);
    expect(run('ROUND(2.5, 0) = 3 && ROUND(-2.5, 0) = -3 && MOD(7, 3) = 1 && MAX(1, 5, 2) = 5')).toBe(true);
    expect(run('VALUE("12.5") = 12.5 && TEXT(42) = "42"')).toBe(true);
    expect(run('INCLUDES(Channels__c, "Email") && NOT(INCLUDES(Channels__c, "Mail"))')).toBe(true);
    expect(run('Due__c < TODAY()', ctx({ now: new Date('2026-05-01T00:00:00Z') }))).toBe(true);
    expect(run('Submitted_At__c < NOW()', ctx({ now: new Date('2026-04-02T00:00:00Z') }))).toBe(true);
  });

  it('treat blank text as blank but never null, like the platform', () => {
    const blank = ctx({ record: { ...ctx().record, Payee__c: null } });
    expect(run('ISBLANK(Payee__c)', blank)).toBe(true);
    expect(run('ISNULL(Payee__c)', blank)).toBe(false);
    expect(run('Payee__c = ""', blank)).toBe(true);
    expect(run('ISBLANK(Partition__c) && ISNULL(Partition__c)')).toBe(true);
    expect(run('ISPICKVAL(Status__c, "")', ctx({ record: { ...ctx().record, Status__c: null } }))).toBe(true);
  });

  it('grant $Permission only when the user holds the custom permission', () => {
    expect(run('$Permission.Payment_Sync_Integration')).toBe(false);
    expect(
      run('$Permission.Payment_Sync_Integration', ctx({ permissions: new Set(['Payment_Sync_Integration']) }))
    ).toBe(true);
  });
});

describe('ISNEW, ISCHANGED and PRIORVALUE', () => {
  it('on create: ISNEW is true, ISCHANGED false, PRIORVALUE the value being saved', () => {
    expect(run('ISNEW()')).toBe(true);
    expect(run('ISCHANGED(Amount__c)')).toBe(false);
    expect(run('ISPICKVAL(PRIORVALUE(Status__c), "Submitted for Payment")')).toBe(true);
  });

  it('on update: compare with the previous values', () => {
    const context = update({ Status__c: 'Verified By Worker', Amount__c: 100 }, { Amount__c: 120 });
    expect(run('ISNEW()', context)).toBe(false);
    expect(run('ISCHANGED(Amount__c) && NOT(ISCHANGED(Payee__c))', context)).toBe(true);
    expect(run('ISCHANGED(Status__c)', context)).toBe(true);
    expect(run('ISPICKVAL(PRIORVALUE(Status__c), "Verified By Worker")', context)).toBe(true);
    expect(run('PRIORVALUE(Amount__c) = 100', context)).toBe(true);
  });

  it('count a blank that gets a value as a change, and blank to blank as none', () => {
    expect(run('ISCHANGED(Payee__c)', update({ Payee__c: null }, { Payee__c: 'Acme' }))).toBe(true);
    expect(run('ISCHANGED(Payee__c)', update({ Payee__c: null }, { Payee__c: '' }))).toBe(false);
    expect(
      run('ISCHANGED(Channels__c)', update({ Channels__c: 'Email;Phone' }, { Channels__c: 'Phone;Email' }))
    ).toBe(false);
  });

  it('short-circuit AND so guarded comparisons on blank numbers work', () => {
    expect(run('AND(NOT(ISBLANK(Partition__c)), Partition__c < 0)')).toBe(false);
  });
});

describe('errors', () => {
  const unsupported = (formula: string, construct: RegExp): void => {
    expect(() => run(formula)).toThrow(FormulaUnsupportedError);
    expect(() => run(formula)).toThrow(construct);
  };

  it('name functions, globals and references that are not emulated', () => {
    unsupported('REGEX(Payee__c, "A.*")', /REGEX\(\)/);
    unsupported('$User.Id = "005"', /\$User\.Id/);
    unsupported('Case__r.Status = "New"', /cross-object reference Case__r\.Status/);
    unsupported('Due__c + 1 > TODAY()', /date arithmetic/);
    unsupported('Payee__c < "B"', /< on text/);
    unsupported('2 ^ 3 ^ 2 = 64', /chained \^/);
  });

  it('refuse an unguarded comparison with a blank number instead of guessing', () => {
    unsupported('Partition__c < 0', /blank value in </);
  });

  it('check the whole formula, including branches the record does not reach', () => {
    expect(() => run('OR(TRUE, REGEX(Payee__c, "x"))')).toThrow(FormulaUnsupportedError);
    expect(() => checkValidationFormula('IF(ISNEW(), FALSE, GETSESSIONID() = "")', fieldTypes)).toThrow(
      /GETSESSIONID\(\)/
    );
  });

  it('reject what the platform rejects: picklists outside their functions, bad syntax, wrong arity, unknown fields', () => {
    expect(() => run('Status__c = "Submitted for Payment"')).toThrow(FormulaSyntaxError);
    expect(() => run('ISBLANK(Status__c)')).toThrow(/Picklist fields are only supported in ISPICKVAL/);
    expect(() => run('AND(TRUE, ')).toThrow(FormulaSyntaxError);
    expect(() => run('Amount__c > "10"')).toThrow(/incompatible types number and text/);
    expect(() => run('IF(TRUE, FALSE)')).toThrow(/Expected 3, received 2/);
    expect(() => run('Missing__c = 1')).toThrow(/Field Missing__c does not exist/);
    expect(() => run('Amount__c + 1')).toThrow(/must return true or false/);
    expect(() => run('ISCHANGED(Amount__c + 1)')).toThrow(/takes a field/);
    expect(() => run('"open')).toThrow(/at character 1/);
  });

  it('type a formula against the field types each evaluation is given', () => {
    const formula = 'Payee__c = "Acme"';
    const numberPayee: Record<string, FieldType> = { ...fieldTypes, Payee__c: 'number' };
    expect(run(formula)).toBe(true);
    expect(run(formula, ctx({ record: { ...ctx().record, Payee__c: 'Other' } }))).toBe(false);
    for (let i = 0; i < 2; i += 1) {
      expect(() => run(formula, ctx({ fieldTypes: numberPayee, record: { Payee__c: 5 } }))).toThrow(
        /incompatible types number and text/
      );
    }
    expect(run(formula)).toBe(true);
  });

  it('refuse record values that do not match the field type', () => {
    expect(() => run('Amount__c > 0', ctx({ record: { ...ctx().record, Amount__c: '100' } }))).toThrow(
      /Field Amount__c \(currency\) holds "100"/
    );
  });
});

describe('formulaReferences', () => {
  it('lists the fields and custom permissions a formula reads', () => {
    expect(formulaReferences('AND(ISCHANGED(Amount__c), NOT($Permission.Payment_Sync_Integration))')).toEqual(
      {
        fields: ['Amount__c'],
        permissions: ['Payment_Sync_Integration']
      }
    );
  });
});
