/**
 * The compiled commands users run (`node dist/…`), for tests of command-line behaviour.
 *
 * `npm test` builds dist/ first. A test run on its own (`npx jest test/…`) after editing a source
 * would otherwise exercise stale JavaScript, so a command whose compiled files are missing or older
 * than their sources is refused with the command that fixes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../scripts/shared/paths';

const DIST = path.join(PROJECT_ROOT, 'dist');
const checked = new Set<string>();

/** Whether the compiled file's source map (the build inlines the sources) holds this source as it is now. */
function sameSource(compiled: string, source: string): boolean {
  try {
    const map = JSON.parse(fs.readFileSync(`${compiled}.map`, 'utf8')) as { sourcesContent?: string[] };
    return map.sourcesContent?.[0] === fs.readFileSync(source, 'utf8');
  } catch {
    return false;
  }
}

/** Throws unless `compiled` and every project module it loads are built from their current sources. */
function assertBuilt(compiled: string): void {
  if (checked.has(compiled)) return;
  checked.add(compiled);
  const source = path.join(PROJECT_ROOT, path.relative(DIST, compiled)).replace(/\.js$/, '.ts');
  const built = fs.statSync(compiled, { throwIfNoEntry: false });
  const edited = fs.statSync(source, { throwIfNoEntry: false });
  const relative = path.relative(PROJECT_ROOT, source);
  if (!built || (edited && built.mtimeMs < edited.mtimeMs && !sameSource(compiled, source))) {
    checked.delete(compiled);
    throw new Error(
      `dist/ is ${built ? 'older than' : 'missing'} ${relative}: run \`npm run build\` (npm test does) first`
    );
  }
  for (const [, specifier] of fs.readFileSync(compiled, 'utf8').matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
    const target = path.resolve(path.dirname(compiled), specifier);
    if (/\.json$/.test(target)) continue;
    assertBuilt(fs.existsSync(`${target}.js`) ? `${target}.js` : path.join(target, 'index.js'));
  }
}

/** The compiled file of a command, e.g. shippedScript('scripts/sync/cli') → <root>/dist/scripts/sync/cli.js. */
export function shippedScript(source: string): string {
  const compiled = path.join(DIST, `${source}.js`);
  assertBuilt(compiled);
  return compiled;
}
