/**
 * Compiles each Lightning Web Component bundle's TypeScript into the JavaScript the platform deploys.
 *
 * Types are stripped with Babel rather than tsc because LWC decorators (@api, @wire, @track) must reach
 * the platform's compiler as decorators; tsc would rewrite them into helper calls the platform rejects.
 * Type checking is a separate step (`tsc --noEmit`), so this stays a fast, faithful syntax transform.
 */
import { transformAsync } from '@babel/core';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../shared/paths';

const LWC_ROOT = projectPath('force-app', 'main', 'default', 'lwc');
const GENERATED_HEADER =
  '// Generated from the TypeScript beside this file by `npm run build`; edit the .ts.\n';

export interface CompileResult {
  written: string[];
  failures: { file: string; message: string }[];
}

async function listBundleSources(root: string): Promise<string[]> {
  let bundles: string[];
  try {
    bundles = await fs.readdir(root);
  } catch {
    return [];
  }
  const sources: string[] = [];
  for (const bundle of bundles) {
    const dir = path.join(root, bundle);
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) continue;
    for (const entry of await fs.readdir(dir)) {
      if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) sources.push(path.join(dir, entry));
    }
  }
  return sources.sort();
}

export async function compileFile(file: string): Promise<string> {
  const source = await fs.readFile(file, 'utf8');
  const result = await transformAsync(source, {
    filename: file,
    babelrc: false,
    configFile: false,
    comments: true,
    retainLines: false,
    plugins: [['@babel/plugin-syntax-decorators', { version: '2022-03' }]],
    presets: [['@babel/preset-typescript', { allowDeclareFields: true, onlyRemoveTypeImports: true }]]
  });
  if (!result?.code) throw new Error('produced no output');
  return GENERATED_HEADER + result.code + '\n';
}

export async function compileAll(root = LWC_ROOT): Promise<CompileResult> {
  const written: string[] = [];
  const failures: CompileResult['failures'] = [];
  for (const file of await listBundleSources(root)) {
    try {
      const out = file.replace(/\.ts$/, '.js');
      await fs.writeFile(out, await compileFile(file));
      written.push(out);
    } catch (error) {
      failures.push({ file: path.relative(process.cwd(), file), message: (error as Error).message });
    }
  }
  return { written, failures };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(
      'Usage: npm run build\nCompiles force-app/**/lwc/*/*.ts into the .js the platform deploys.\n'
    );
    return;
  }
  const { written, failures } = await compileAll();
  for (const failure of failures) process.stderr.write(`${failure.file}: ${failure.message}\n`);
  process.stdout.write(`build: ${written.length} component module(s) compiled, ${failures.length} failed\n`);
  if (failures.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`build failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
