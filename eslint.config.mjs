// Lint: Salesforce's LWC rules for components, typescript-eslint for everything written in TypeScript.
import tseslint from 'typescript-eslint';
import lwcConfig from '@salesforce/eslint-config-lwc';
import globals from 'globals';

// The LWC configs parse TypeScript with Babel, which breaks on type assertions; keep their plugins,
// rules and globals, and let typescript-eslint's parser read the files.
const lwcRules = lwcConfig.configs.recommendedTs.map(({ languageOptions, ...rest }) => ({
  ...rest,
  files: ['force-app/main/default/lwc/**/*.ts'],
  languageOptions: { globals: { ...(languageOptions?.globals ?? {}), ...globals.browser } }
}));

export default [
  {
    ignores: [
      'node_modules/**',
      '.sf/**',
      '.sfdx/**',
      '.tmp/**',
      'coverage/**',
      'out/**',
      'dist/**',
      'reports/**',
      'test-results/**',
      // compiled from the TypeScript beside it by `npm run build`
      'force-app/main/default/lwc/**/*.js',
      'force-app/main/default/aura/**',
      'force-app/main/default/staticresources/**'
    ]
  },
  ...tseslint.configs.recommended,
  ...lwcRules,
  {
    files: ['force-app/main/default/lwc/**/*.ts'],
    rules: {
      '@lwc/lwc/no-inner-html': 'error',
      '@lwc/lwc/no-document-query': 'error',
      // typescript-eslint reports unused names with types in mind
      'no-unused-vars': 'off'
    }
  },
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts', '*.js', '*.mjs', 'force-app/test/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } }
  },
  {
    files: ['**/__tests__/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.jest, ...globals.node } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' }
  },
  {
    files: ['*.js', 'force-app/test/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  }
];
