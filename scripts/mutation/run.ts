/**
 * `npm run test:mutation [-- <module>… | --changed <git-ref>] [--report-only] [--min 85]`
 *
 * Runs StrykerJS over each rule module of config/stryker/modules.json in turn (config/stryker/
 * stryker.config.mjs, incremental), then prints one `name: score` line per module from its JSON
 * report, less the mutants config/stryker/equivalent-mutants/<module>.json lists as equivalent, with the
 * surviving and uncovered mutants under it. HTML reports: reports/mutation/<module>.html, Stryker's
 * own output: reports/mutation/<module>.log.
 *   --changed <ref>  only the modules whose file, or a test importing it, differs from <ref>
 *   --report-only    score the reports already written, without running Stryker
 *   --min <percent>  the aim (default 85): the closing `mutation: N passed, N failed` line counts
 *                    the modules at or above it
 * Exits 1 when Stryker failed for a module or a module is below the aim.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runMain } from '../shared/cli';
import { PROJECT_ROOT, projectPath } from '../shared/paths';
import { scoreLine, scoreModule, type EquivalentMutant, type MutationReport } from './score';

interface ModuleEntry {
  name: string;
  file: string;
  project: 'node' | 'lwc';
  exclude?: string[];
}

const CONFIG_DIR = projectPath('config', 'stryker');
const REPORT_DIR = projectPath('reports', 'mutation');

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function usage(message: string): never {
  throw new Error(
    `${message}\nusage: npm run test:mutation -- [<module>… | --changed <git-ref>] [--report-only] [--min <percent>]`
  );
}

/** Test files (relative to the project) importing the module directly, as the Jest configs pick them. */
function relatedTests(module: ModuleEntry): string[] {
  const roots = module.project === 'lwc' ? ['force-app'] : ['test', 'scripts'];
  const script =
    `const { relatedTests } = await import(${JSON.stringify(path.join(CONFIG_DIR, 'related-tests.mjs'))});` +
    `console.log(JSON.stringify(relatedTests(${JSON.stringify(PROJECT_ROOT)}, ${JSON.stringify(roots)}, ` +
    `${JSON.stringify(module.file)}, ${JSON.stringify(module.exclude ?? [])})));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cannot list the tests of ${module.name}: ${result.stderr}`);
  return (JSON.parse(result.stdout) as string[]).map((file) => path.relative(PROJECT_ROOT, file));
}

function changedFiles(ref: string): Set<string> {
  const run = (args: string[]) => {
    const result = spawnSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.trim()}`);
    return result.stdout.split('\n').filter(Boolean);
  };
  // committed and uncommitted changes since ref, and new files not yet added
  return new Set([
    ...run(['diff', '--name-only', ref]),
    ...run(['ls-files', '--others', '--exclude-standard'])
  ]);
}

function runStryker(module: ModuleEntry): Promise<number> {
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  const log = fs.openSync(path.join(REPORT_DIR, `${module.name}.log`), 'w');
  const pkg = require.resolve('@stryker-mutator/core/package.json', { paths: [PROJECT_ROOT] });
  const bin = path.join(path.dirname(pkg), 'bin', 'stryker.js');
  const child = spawn(process.execPath, [bin, 'run', path.join('config', 'stryker', 'stryker.config.mjs')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, MUTATION_MODULE: module.name },
    stdio: ['ignore', log, log]
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      fs.closeSync(log);
      resolve(code ?? 1);
    });
  });
}

/** The reviewed equivalent mutants of one module: config/stryker/equivalent-mutants/<module>.json. */
function equivalentsOf(name: string): EquivalentMutant[] {
  const file = path.join(CONFIG_DIR, 'equivalent-mutants', `${name}.json`);
  if (!fs.existsSync(file)) return [];
  const entries = readJson<Omit<EquivalentMutant, 'module'>[]>(file);
  if (!Array.isArray(entries))
    throw new Error(`${path.relative(PROJECT_ROOT, file)}: expected a JSON array of mutants`);
  return entries.map((entry) => ({ ...entry, module: name }));
}

async function main(argv: string[]): Promise<number> {
  const modules = readJson<ModuleEntry[]>(path.join(CONFIG_DIR, 'modules.json'));
  const equivalents = modules.flatMap((m) => equivalentsOf(m.name));
  let reportOnly = false;
  let min = 85;
  let changedSince: string | null = null;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--report-only') reportOnly = true;
    else if (arg === '--min') {
      min = Number(argv[++i]);
      if (!Number.isFinite(min)) usage(`--min needs a percentage, got "${argv[i] ?? ''}"`);
    } else if (arg === '--changed') {
      changedSince = argv[++i] ?? usage('--changed needs a git ref, e.g. origin/main');
    } else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else if (modules.some((m) => m.name === arg)) names.push(arg);
    else usage(`unknown module "${arg}"; modules: ${modules.map((m) => m.name).join(', ')}`);
  }
  let selected = names.length > 0 ? modules.filter((m) => names.includes(m.name)) : modules;
  if (changedSince !== null) {
    const changed = changedFiles(changedSince);
    selected = selected.filter(
      (m) => changed.has(m.file) || relatedTests(m).some((file) => changed.has(file))
    );
    if (selected.length === 0)
      process.stderr.write(`no rule module or its tests changed since ${changedSince}\n`);
  }

  let passed = 0;
  let failed = 0;
  for (const module of selected) {
    if (!reportOnly) {
      process.stderr.write(
        `${module.name}: mutating ${module.file} (log: reports/mutation/${module.name}.log)\n`
      );
      const code = await runStryker(module);
      if (code !== 0) {
        process.stdout.write(
          `${module.name}: Stryker failed (exit ${code}), see reports/mutation/${module.name}.log\n`
        );
        failed++;
        continue;
      }
    }
    const reportFile = path.join(REPORT_DIR, `${module.name}.json`);
    if (!fs.existsSync(reportFile)) {
      process.stdout.write(`${module.name}: no report at reports/mutation/${module.name}.json\n`);
      failed++;
      continue;
    }
    const score = scoreModule(module.name, readJson<MutationReport>(reportFile), equivalents);
    process.stdout.write(`${scoreLine(score)}\n`);
    for (const m of score.survivors) {
      process.stdout.write(
        `  survived ${module.file}:${m.line} ${m.mutator}: ${m.original} -> ${m.replacement}\n`
      );
    }
    for (const m of score.notCovered) {
      process.stdout.write(
        `  not covered ${module.file}:${m.line} ${m.mutator}: ${m.original} -> ${m.replacement}\n`
      );
    }
    for (const entry of score.staleEquivalents) {
      process.stdout.write(
        `  listed as equivalent but no longer surviving (remove it from equivalent-mutants/${module.name}.json): ` +
          `${entry.mutator}: ${entry.original} -> ${entry.replacement}\n`
      );
    }
    if (score.score !== null && score.score >= min) passed++;
    else failed++;
  }
  process.stdout.write(`mutation: ${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

runMain(main);
