// Two projects: Lightning Web Components in jsdom (sfdx-lwc-jest) and the Node side (scripts/, test/).
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  projects: [
    {
      ...jestConfig,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      testMatch: ['**/lwc/**/__tests__/**/*.test.ts'],
      // Label imports get the real values from CustomLabels.labels-meta.xml (see the transformer).
      transform: {
        ...jestConfig.transform,
        '^.+\\.(js|ts|html|css)$': '<rootDir>/force-app/test/jest-mocks/labels/labelTransformer.js'
      },
      moduleNameMapper: {
        ...(jestConfig.moduleNameMapper || {}),
        '^lightning/omniToolkitApi$': '<rootDir>/force-app/test/jest-mocks/lightning/omniToolkitApi',
        '^lightning/platformShowToastEvent$':
          '<rootDir>/force-app/test/jest-mocks/lightning/platformShowToastEvent',
        '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation'
      },
      setupFilesAfterEnv: ['<rootDir>/force-app/test/jest-setup.js'],
      modulePathIgnorePatterns: ['<rootDir>/.localdevserver', '<rootDir>/.tmp']
    },
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/test', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      // chaos and browser suites have their own commands (npm run test:chaos, npm run test:browser)
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/chaos/', '<rootDir>/test/browser/'],
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }]
      },
      moduleFileExtensions: ['ts', 'js', 'json']
    }
  ]
};
