/** `npm run check:metadata` — see check.ts. Exit 0 when clean, 1 on problems, 2 on bad usage. */
import path from 'node:path';
import { PROJECT_ROOT } from '../shared/paths';
import { checkMetadata, formatProblem } from './check';
import { JavaNotFoundError } from './java';
import { FAILING_SEVERITY } from './pmd';

const USAGE = `Usage: npm run check:metadata [-- --project-dir DIR] [--package-dir force-app] [--no-apex-rules]

Checks the Salesforce metadata offline: every LWC TypeScript source has its compiled .js (run
\`npm run build\` first), every XML file is well formed, every Apex class and trigger parses, and
\`sf project convert source\` converts the package. The semantic Apex check runs apex-ls (Apex Dev
Tools) over every class and trigger — types, methods, SObject fields (the Omni-Channel objects
included), reserved words — and checks every object and field in static SOQL; it needs a Java 21+ JDK
(JAVA_HOME, or one under /usr/lib/jvm) and is never skipped. Then Salesforce Code Analyzer's PMD engine runs its
Recommended Apex rules (offline, on the local Java runtime): Critical and High findings fail the check,
the others are listed. Problems print as file:line:column message.`;

async function main(argv: string[]): Promise<number> {
  let projectDir = PROJECT_ROOT;
  let packageDir = 'force-app';
  let apexRules = true;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (arg === '--no-apex-rules') {
      apexRules = false;
      continue;
    }
    const value = argv[i + 1];
    if ((arg === '--project-dir' || arg === '--package-dir') && value) {
      if (arg === '--project-dir') projectDir = path.resolve(value);
      else packageDir = value;
      i += 1;
    } else {
      process.stderr.write(`check:metadata: unknown or incomplete option ${arg}\n${USAGE}\n`);
      return 2;
    }
  }
  const report = await checkMetadata(projectDir, packageDir, { apexRules });
  for (const problem of report.problems) process.stderr.write(`${formatProblem(problem, projectDir)}\n`);
  const semantic = report.semantic;
  if (semantic) {
    for (const warning of semantic.warnings) {
      const where = formatProblem({ ...warning, message: '' }, projectDir).trim();
      process.stdout.write(`  warning ${where} ${warning.category}: ${warning.message}\n`);
    }
    process.stdout.write(
      `check:metadata: semantic Apex check (apex-ls, ${semantic.java}): ${semantic.classes} class(es) and ` +
        `${semantic.triggers} trigger(s) checked, ${semantic.queries} static SOQL quer${semantic.queries === 1 ? 'y' : 'ies'} ` +
        `checked against the objects, ${semantic.errors} error(s), ${semantic.warnings.length} warning(s)\n`
    );
  }
  const rules = report.apexRules;
  if (rules && !rules.ran)
    process.stdout.write(`check:metadata: Code Analyzer PMD rules not run: ${rules.reason}\n`);
  if (rules?.ran) {
    const advisory = rules.findings.filter((finding) => finding.severity > FAILING_SEVERITY);
    for (const finding of advisory) {
      const where = formatProblem({ ...finding, message: '' }, projectDir).trim();
      process.stdout.write(
        `  advisory ${where} ${finding.rule} (severity ${finding.severity}): ${finding.message}\n`
      );
    }
    process.stdout.write(
      `check:metadata: Code Analyzer PMD: ${rules.rulesRun} Recommended Apex rule(s), ` +
        `${rules.findings.length - advisory.length} failing, ${advisory.length} advisory finding(s)\n`
    );
  }
  process.stdout.write(
    `check:metadata: ${report.apexFiles} Apex file(s) parsed, ${report.xmlFiles} XML file(s) read, ` +
      `${report.converted} component(s) converted, ${report.problems.length} problem(s)\n`
  );
  return report.problems.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A missing JDK is a setup problem with a fix to name, not a crash: one line, no stack.
    const message =
      error instanceof JavaNotFoundError ? error.message : ((error as Error).stack ?? String(error));
    process.stderr.write(`check:metadata failed: ${message}\n`);
    process.exitCode = 1;
  }
);
