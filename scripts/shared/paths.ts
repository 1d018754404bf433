/**
 * The project's root folder (the one holding package.json), found by walking up from this module.
 *
 * Commands run from the compiled dist/scripts/… as well as from the TypeScript under scripts/ (tests,
 * development), so files the project reads at run time (config/, force-app/, node_modules/, resources
 * beside the sources) are resolved from here rather than relative to the running module's own folder.
 */
import fs from 'node:fs';
import path from 'node:path';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`no package.json above ${start}: cannot find the omni-assist project folder`);
    }
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);

/** A path inside the project, e.g. projectPath('config', 'routing.yaml'). */
export function projectPath(...segments: string[]): string {
  return path.join(PROJECT_ROOT, ...segments);
}

/**
 * Node arguments that run a module beside the caller (`modulePath` without its extension) the way this
 * process runs: the compiled .js under dist/, or the TypeScript through ts-node when this process runs
 * the sources (development, Jest).
 */
export function nodeArgsFor(modulePath: string): string[] {
  return __filename.endsWith('.js')
    ? [`${modulePath}.js`]
    : ['-r', 'ts-node/register/transpile-only', `${modulePath}.ts`];
}
