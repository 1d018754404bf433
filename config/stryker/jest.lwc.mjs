// The `lwc` project of jest.config.js for mutation runs (see project.mjs).
import { projectConfig } from './project.mjs';

export default projectConfig('lwc', ['force-app']);
