/**
 * How `npm run test:mutation` scores a module from Stryker's JSON report: killed ÷ (killed + survived +
 * no coverage), timeouts counted as killed, listed equivalent mutants left out and stale ones reported.
 */
import { scoreLine, scoreModule, sourceAt, type MutationReport } from '../../scripts/mutation/score';

const source = ['export function late(hours: number): boolean {', '  return hours > 18;', '}'].join('\n');
const at = (line: number, column: number, endColumn: number) => ({
  start: { line, column },
  end: { line, column: endColumn }
});

function report(statuses: [string, string, string, ReturnType<typeof at>][]): MutationReport {
  return {
    files: {
      'rules.ts': {
        source,
        mutants: statuses.map(([status, mutatorName, replacement, location], i) => ({
          id: String(i),
          status,
          mutatorName,
          replacement,
          location
        }))
      }
    }
  };
}

describe('mutation score', () => {
  it('reads the replaced source text at a report location', () => {
    expect(sourceAt(source, { line: 2, column: 10 }, { line: 2, column: 20 })).toBe('hours > 18');
    expect(sourceAt(source, { line: 1, column: 46 }, { line: 3, column: 2 })).toBe(
      '{\n  return hours > 18;\n}'
    );
  });

  it('is killed over killed, survived and not covered; timeouts count as killed; errors and static are left out', () => {
    const score = scoreModule(
      'rules',
      report([
        ['Killed', 'EqualityOperator', 'hours >= 18', at(2, 10, 20)],
        ['Timeout', 'BlockStatement', '{}', at(1, 46, 2)],
        ['Survived', 'EqualityOperator', 'hours < 18', at(2, 10, 20)],
        ['NoCoverage', 'BooleanLiteral', 'true', at(2, 10, 20)],
        ['CompileError', 'ConditionalExpression', 'true', at(2, 10, 20)],
        ['Ignored', 'ConditionalExpression', 'false', at(2, 10, 20)]
      ]),
      []
    );
    expect(score).toMatchObject({
      killed: 2,
      survived: 1,
      noCoverage: 1,
      equivalent: 0,
      ignored: 1,
      score: 50
    });
    expect(score.survivors).toEqual([
      { line: 2, mutator: 'EqualityOperator', original: 'hours > 18', replacement: 'hours < 18' }
    ]);
    expect(scoreLine(score)).toBe(
      'rules: 50.00% (killed 2, survived 1, no coverage 1, equivalent 0, static not run 1)'
    );
  });

  it('leaves out a survivor listed as equivalent for that module, and reports listed ones that no longer survive', () => {
    const equivalent = {
      module: 'rules',
      mutator: 'EqualityOperator',
      original: 'hours  >  18',
      replacement: 'hours < 18',
      reason: 'example'
    };
    const stale = { ...equivalent, replacement: 'hours <= 18' };
    const otherModule = { ...equivalent, module: 'other' };
    const score = scoreModule(
      'rules',
      report([
        ['Killed', 'EqualityOperator', 'hours >= 18', at(2, 10, 20)],
        ['Survived', 'EqualityOperator', 'hours < 18', at(2, 10, 20)]
      ]),
      [equivalent, stale, otherModule]
    );
    expect(score).toMatchObject({ killed: 1, survived: 0, equivalent: 1, score: 100 });
    expect(score.staleEquivalents).toEqual([stale]);
  });

  it('matches an equivalent mutant only on the source line it names, when it names one', () => {
    const equivalent = {
      module: 'rules',
      mutator: 'EqualityOperator',
      original: 'hours > 18',
      replacement: 'hours < 18',
      within: 'return  hours',
      reason: 'example'
    };
    const survived = report([['Survived', 'EqualityOperator', 'hours < 18', at(2, 10, 20)]]);
    expect(scoreModule('rules', survived, [equivalent]).equivalent).toBe(1);
    expect(scoreModule('rules', survived, [{ ...equivalent, within: 'export function' }])).toMatchObject({
      equivalent: 0,
      survived: 1
    });
  });

  it('has no score when nothing was mutated', () => {
    const score = scoreModule('rules', { files: {} }, []);
    expect(score.score).toBeNull();
    expect(scoreLine(score)).toMatch(/^rules: no mutants/);
  });
});
