/** `npm run check:metadata` — see check.ts. Exit 0 when clean, 1 on problems, 2 on bad usage. */
import path from 'node:path';
import { checkMetadata, formatProblem } from './check';

const USAGE = `Usage: npm run check:metadata [-- --project-dir DIR] [--package-dir force-app]

Checks the Salesforce metadata offline: every LWC TypeScript source has its compiled .js (run
\`npm run build\` first), every XML file is well formed, every Apex class and trigger parses, and
\`sf project convert source\` converts the package. Problems print as file:line:column message.`;

async function main(argv: string[]): Promise<number> {
  let projectDir = path.resolve(__dirname, '../..');
  let packageDir = 'force-app';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
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
  const report = await checkMetadata(projectDir, packageDir);
  for (const problem of report.problems) process.stderr.write(`${formatProblem(problem, projectDir)}\n`);
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
    process.stderr.write(`check:metadata failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
);
