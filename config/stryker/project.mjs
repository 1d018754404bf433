// One project of jest.config.js on its own (Stryker's Jest runner cannot choose among several projects),
// rooted at the repository (in Stryker's sandbox copy, this folder's ../..) and narrowed to the tests
// related to the module named by MUTATION_MODULE (see modules.json and related-tests.mjs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jestConfig from '../../jest.config.js';
import { relatedTests } from './related-tests.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const rootDir = path.resolve(here, '../..');

export function projectConfig(displayName, testRoots) {
  const project = jestConfig.projects.find((p) => p.displayName === displayName);
  const name = process.env.MUTATION_MODULE;
  const config = { ...project, rootDir };
  if (!name) return config;
  const modules = JSON.parse(readFileSync(path.join(here, 'modules.json'), 'utf8'));
  const module = modules.find((m) => m.name === name);
  if (!module) throw new Error(`MUTATION_MODULE=${name} is not in config/stryker/modules.json`);
  const tests = relatedTests(rootDir, testRoots, module.file, module.exclude ?? []);
  if (tests.length === 0) throw new Error(`no ${displayName} test imports ${module.file}`);
  // the module's folder must be a root for Jest to watch and resolve it
  const roots = [...new Set([...project.roots, `<rootDir>/${path.dirname(module.file)}`])];
  return { ...config, roots, testMatch: tests };
}
