/**
 * Removes from dist/ what tsc compiled from a source that is gone. An incremental tsc emits what
 * changed but never deletes: a command deleted or renamed in scripts/ would otherwise keep running
 * from dist/ (and a test against it keep passing). Run by `npm run build` after tsc.
 *
 * Only tsc's own outputs are judged: `X.js` and `X.js.map` stand for `X.ts`, and a copied `X.json`
 * for `X.json`. Anything else in dist/ (the build info, bundles of other tools) is left alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectPath } from '../shared/paths';

function sourceOf(relative: string): string | null {
  if (relative.endsWith('.js.map')) return `${relative.slice(0, -'.js.map'.length)}.ts`;
  if (relative.endsWith('.js')) return `${relative.slice(0, -'.js'.length)}.ts`;
  if (relative.endsWith('.json')) return relative;
  return null;
}

/** Deletes the outputs in `distDir` whose source under `rootDir` no longer exists; returns them (relative). */
export function pruneDist(rootDir: string, distDir: string): string[] {
  if (!fs.existsSync(distDir)) return [];
  const removed: string[] = [];
  for (const relative of fs.readdirSync(distDir, { recursive: true, encoding: 'utf8' })) {
    const source = sourceOf(relative);
    if (source === null || fs.existsSync(path.join(rootDir, source))) continue;
    const file = path.join(distDir, relative);
    if (!fs.statSync(file).isFile()) continue;
    fs.rmSync(file);
    removed.push(relative);
  }
  return removed.sort();
}

if (require.main === module) {
  const removed = pruneDist(projectPath(), projectPath('dist'));
  if (removed.length > 0) {
    process.stdout.write(
      `build: removed ${removed.length} output(s) of deleted sources: ${removed.join(', ')}\n`
    );
  }
}
