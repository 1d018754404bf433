/**
 * The offline metadata gate: compiled components present, XML well formed, Apex parses, Apex
 * compiles as far as apex-ls can tell (types, fields, reserved words) with static SOQL checked against
 * the objects, and the Salesforce CLI converts the package directory. Problems are reported as
 * file:line:column.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { checkApexFile, type SourceProblem } from './apex';
import { convertSource } from './convert';
import { listFiles } from './files';
import { describePlatformObjects } from './platform-types';
import { FAILING_SEVERITY, runApexRules, type ApexRulesReport } from './pmd';
import { runSemanticCheck, type SemanticFinding } from './semantic';
import { checkStaticSoql } from './soql';
import { checkMetadataXml } from './xml';

export interface MetadataCheckReport {
  problems: SourceProblem[];
  apexFiles: number;
  xmlFiles: number;
  converted: number;
  apexRules?: ApexRulesReport;
  semantic?: SemanticSummary;
}

export interface SemanticSummary {
  /** Classes and triggers apex-ls checked. */
  classes: number;
  triggers: number;
  /** Static SOQL queries whose objects and fields were checked. */
  queries: number;
  errors: number;
  warnings: SemanticFinding[];
  java: string;
}

export interface MetadataCheckOptions {
  /** Run Code Analyzer's PMD rules over the Apex (needs Java; about 15 s). */
  apexRules?: boolean;
  /**
   * The semantic Apex check (apex-ls and the SOQL field check; needs a Java 21+ JDK; about 10 s). On by
   * default and always on in the CLI; only tests of the other stages turn it off.
   */
  semantic?: boolean;
}

async function missingCompiledComponents(packageRoot: string): Promise<SourceProblem[]> {
  const sources = await listFiles(packageRoot, (name) => name.endsWith('.ts') && !name.endsWith('.d.ts'));
  const problems: SourceProblem[] = [];
  for (const source of sources.filter((file) => file.split(path.sep).includes('lwc'))) {
    const compiled = source.replace(/\.ts$/, '.js');
    const exists = await fs.stat(compiled).then(
      () => true,
      () => false
    );
    if (!exists) {
      problems.push({
        file: source,
        line: 1,
        column: 1,
        message: 'no compiled .js beside it: run `npm run build` first'
      });
    }
  }
  return problems;
}

export async function checkMetadata(
  projectDir: string,
  packageDir = 'force-app',
  options: MetadataCheckOptions = {}
): Promise<MetadataCheckReport> {
  const packageRoot = path.join(projectDir, packageDir);
  const apexFiles = await listFiles(
    packageRoot,
    (name) => name.endsWith('.cls') || name.endsWith('.trigger')
  );
  const xmlFiles = await listFiles(packageRoot, (name) => name.endsWith('.xml'));
  const problems: SourceProblem[] = [
    ...(await missingCompiledComponents(packageRoot)),
    ...(await Promise.all(xmlFiles.map(checkMetadataXml))).flat(),
    ...(await Promise.all(apexFiles.map(checkApexFile))).flat()
  ];
  let converted = 0;
  if (problems.length === 0) {
    const conversion = await convertSource(projectDir, packageDir);
    await fs.rm(conversion.outputDir, { recursive: true, force: true });
    if (conversion.ok) converted = conversion.componentCount;
    else
      problems.push({
        file: packageRoot,
        line: 0,
        column: 0,
        message: `sf project convert source: ${conversion.message}`
      });
  }
  let semantic: SemanticSummary | undefined;
  if (options.semantic !== false && apexFiles.length > 0) {
    const report = await runSemanticCheck(projectDir);
    const soql = await checkStaticSoql(packageRoot, apexFiles, (names) =>
      describePlatformObjects(report.jdk, report.types, names)
    );
    // apex-ls also reads object metadata; a file the XML check already refused is reported once.
    const alreadyReported = new Set(problems.map((problem) => problem.file));
    problems.push(
      ...report.errors
        .filter((finding) => /\.(cls|trigger)$/.test(finding.file) || !alreadyReported.has(finding.file))
        .map(({ category, ...problem }) => ({
          ...problem,
          message: `${category}: ${problem.message}`
        }))
    );
    problems.push(...soql.problems);
    semantic = {
      classes: apexFiles.filter((file) => file.endsWith('.cls')).length,
      triggers: apexFiles.filter((file) => file.endsWith('.trigger')).length,
      queries: soql.queries,
      errors: report.errors.length + soql.problems.length,
      warnings: report.warnings,
      java: `Java ${report.jdk.major} at ${report.jdk.home ?? report.jdk.java}`
    };
  }
  let apexRules: ApexRulesReport | undefined;
  if (options.apexRules && apexFiles.length > 0) {
    apexRules = await runApexRules(packageRoot);
    for (const finding of apexRules.findings.filter((f) => f.severity <= FAILING_SEVERITY)) {
      problems.push({
        file: finding.file,
        line: finding.line,
        column: finding.column,
        message: `${finding.rule} (severity ${finding.severity}): ${finding.message}`
      });
    }
  }
  return { problems, apexFiles: apexFiles.length, xmlFiles: xmlFiles.length, converted, apexRules, semantic };
}

export function formatProblem(problem: SourceProblem, projectDir: string): string {
  const where = path.relative(projectDir, problem.file) || problem.file;
  return problem.line > 0
    ? `${where}:${problem.line}:${problem.column} ${problem.message}`
    : `${where}: ${problem.message}`;
}
