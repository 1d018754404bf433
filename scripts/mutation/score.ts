/**
 * The mutation score of one rule module from StrykerJS's JSON report (mutation-testing-report-schema),
 * less the mutants listed as equivalent in config/stryker/equivalent-mutants/<module>.json.
 *
 * score = killed ÷ (killed + survived + no coverage), where a timed-out mutant counts as killed (the
 * tests stopped it) and compile errors, runtime errors and ignored (static) mutants are left out.
 */

/** The parts of a Stryker JSON report read here. */
export interface MutationReport {
  files: Record<
    string,
    {
      source: string;
      mutants: {
        id: string;
        mutatorName: string;
        replacement?: string;
        status: string;
        location: { start: { line: number; column: number }; end: { line: number; column: number } };
      }[];
    }
  >;
}

/** A mutant that cannot change behaviour, with why; matched by what it replaces, not by line. */
export interface EquivalentMutant {
  module: string;
  mutator: string;
  /** the source text the mutant replaces (whitespace runs compare as one space) */
  original: string;
  replacement: string;
  /** text of the source line the mutant starts on, where original and replacement alone are ambiguous */
  within?: string;
  reason: string;
}

export interface MutantLine {
  line: number;
  mutator: string;
  original: string;
  replacement: string;
}

export interface ModuleScore {
  name: string;
  killed: number;
  survived: number;
  noCoverage: number;
  equivalent: number;
  ignored: number;
  /** 0–100, or null when the module has no mutant to score */
  score: number | null;
  survivors: MutantLine[];
  notCovered: MutantLine[];
  /** entries of the equivalent list for this module that matched no surviving mutant */
  staleEquivalents: EquivalentMutant[];
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The source text between two 1-based line / column positions (Stryker's report locations). */
export function sourceAt(
  source: string,
  start: { line: number; column: number },
  end: { line: number; column: number }
): string {
  const lines = source.split('\n');
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [
    lines[start.line - 1].slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    lines[end.line - 1].slice(0, end.column - 1)
  ].join('\n');
}

export function scoreModule(
  name: string,
  report: MutationReport,
  equivalents: readonly EquivalentMutant[]
): ModuleScore {
  const listed = equivalents.filter((entry) => entry.module === name);
  const used = new Set<EquivalentMutant>();
  const result: ModuleScore = {
    name,
    killed: 0,
    survived: 0,
    noCoverage: 0,
    equivalent: 0,
    ignored: 0,
    score: null,
    survivors: [],
    notCovered: [],
    staleEquivalents: []
  };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) {
      if (mutant.status === 'Killed' || mutant.status === 'Timeout') {
        result.killed++;
        continue;
      }
      if (mutant.status === 'Ignored') {
        result.ignored++;
        continue;
      }
      if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') continue;
      const sourceLine = squash(file.source.split('\n')[mutant.location.start.line - 1] ?? '');
      const line: MutantLine = {
        line: mutant.location.start.line,
        mutator: mutant.mutatorName,
        original: squash(sourceAt(file.source, mutant.location.start, mutant.location.end)),
        replacement: squash(mutant.replacement ?? '')
      };
      const equivalent = listed.find(
        (entry) =>
          entry.mutator === line.mutator &&
          squash(entry.original) === line.original &&
          squash(entry.replacement) === line.replacement &&
          (entry.within === undefined || sourceLine.includes(squash(entry.within)))
      );
      if (equivalent) {
        used.add(equivalent);
        result.equivalent++;
      } else if (mutant.status === 'Survived') {
        result.survived++;
        result.survivors.push(line);
      } else {
        result.noCoverage++;
        result.notCovered.push(line);
      }
    }
  }
  const scored = result.killed + result.survived + result.noCoverage;
  result.score = scored === 0 ? null : (100 * result.killed) / scored;
  result.staleEquivalents = listed.filter((entry) => !used.has(entry));
  return result;
}

/** `name: 87.50% (killed 140, survived 18, no coverage 2, equivalent 3, static not run 9)` */
export function scoreLine(score: ModuleScore): string {
  const value = score.score === null ? 'no mutants' : `${score.score.toFixed(2)}%`;
  return (
    `${score.name}: ${value} (killed ${score.killed}, survived ${score.survived}, ` +
    `no coverage ${score.noCoverage}, equivalent ${score.equivalent}, static not run ${score.ignored})`
  );
}
