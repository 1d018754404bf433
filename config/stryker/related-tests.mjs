// The test files a rule module is measured against: those of its Jest project that import the module
// directly (a relative import of the file, or `c/<name>` for a Lightning module). Jest's own
// --findRelatedTests follows imports transitively, which for a rules module reaches every suite that
// loads a script built on it (sandbox servers included) and would rerun them all for every mutant.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const SPECIFIER = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|jest\.mock\s*\(\s*)['"]([^'"]+)['"]/g;

function testFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testFiles(full));
    else if (entry.name.endsWith('.test.ts')) found.push(full);
  }
  return found;
}

function importsModule(testFile, moduleFile) {
  const withoutExt = moduleFile.replace(/\.ts$/, '');
  const lwcName = /\/lwc\/([^/]+)\/\1\.ts$/.exec(moduleFile)?.[1];
  for (const [, spec] of readFileSync(testFile, 'utf8').matchAll(SPECIFIER)) {
    if (lwcName && spec === `c/${lwcName}`) return true;
    if (spec.startsWith('.')) {
      const target = path.resolve(path.dirname(testFile), spec).replace(/\.ts$/, '');
      if (target === withoutExt) return true;
    }
  }
  return false;
}

/**
 * Absolute paths of the test files under `roots` (relative to rootDir) that import `moduleFile`,
 * less any matching one of `exclude` (paths relative to rootDir).
 */
export function relatedTests(rootDir, roots, moduleFile, exclude = []) {
  const target = path.resolve(rootDir, moduleFile);
  const skipped = new Set(exclude.map((file) => path.resolve(rootDir, file)));
  return roots
    .flatMap((root) => testFiles(path.resolve(rootDir, root)))
    .filter((file) => !skipped.has(file) && importsModule(file, target))
    .sort();
}
