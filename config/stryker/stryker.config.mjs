// StrykerJS over one rule module, named by MUTATION_MODULE (see modules.json); `npm run test:mutation`
// (scripts/mutation/run.ts) runs every module in turn and prints their scores.
//   MUTATION_MODULE=paymentRules npx stryker run config/stryker/stryker.config.mjs
// Each module runs only against the tests of its own Jest project that import it (project.mjs), with
// per-test coverage so a mutant reruns only the tests that reach it, and incremental mode: the results
// of unchanged code and tests are kept in incremental/<module>.json (committed, so a clean clone reuses them).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = JSON.parse(readFileSync(path.join(here, 'modules.json'), 'utf8'));
const name = process.env.MUTATION_MODULE;
const module = modules.find((m) => m.name === name);
if (!module) {
  throw new Error(
    `set MUTATION_MODULE to one of ${modules.map((m) => m.name).join(', ')} (got ${name ?? 'nothing'})`
  );
}
const rel = (file) => path.relative(process.cwd(), path.join(here, file));

export default {
  $schema: '../../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  packageManager: 'npm',
  testRunner: 'jest',
  plugins: ['@stryker-mutator/jest-runner'],
  jest: {
    projectType: 'custom',
    configFile: rel(`jest.${module.project}.mjs`),
    enableFindRelatedTests: true
  },
  mutate: [module.file],
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant) reruns every related test with a fresh module registry;
  // in decisions.ts 9% of the mutants took 69% of the time. They are left out (reported as Ignored,
  // counted by the runner) unless MUTATION_STATIC=1.
  ignoreStatic: process.env.MUTATION_STATIC !== '1',
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  // shared, busy machines: a slow run is not a killed mutant
  timeoutMS: 10000,
  timeoutFactor: 3,
  incremental: true,
  incrementalFile: rel(`incremental/${module.name}.json`),
  // the instrumented module must not fail a type check (ts-jest in the lwc project compiles it as-is)
  disableTypeChecks: module.file,
  reporters: ['html', 'json', 'clear-text', 'progress-append-only'],
  htmlReporter: { fileName: `reports/mutation/${module.name}.html` },
  jsonReporter: { fileName: `reports/mutation/${module.name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: `.tmp/stryker-${module.name}`,
  ignorePatterns: ['.tmp', '.sf', '.sfdx', 'coverage', 'out', 'reports', 'test-results', 'dist'],
  cleanTempDir: true
};
