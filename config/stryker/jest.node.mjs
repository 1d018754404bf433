// The `node` project of jest.config.js for mutation runs (see project.mjs). TypeScript is transpiled
// without type checking here: `npx tsc` checks types, and a mutant run only asks what the tests see.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectConfig, rootDir } from './project.mjs';

const config = projectConfig('node', ['test', 'scripts']);
const { compilerOptions } = JSON.parse(readFileSync(path.join(rootDir, 'tsconfig.json'), 'utf8'));

export default {
  ...config,
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      // isolatedModules: ts-jest transpiles each file on its own (no type checking)
      { tsconfig: { ...compilerOptions, isolatedModules: true }, diagnostics: false }
    ]
  }
};
