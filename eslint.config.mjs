import nx from '@nx/eslint-plugin';

// Scopes of every service, present and planned: a new service needs only its project.json with
// `scope:<service>` and `type:app` for these rules to cover it.
const services = ['gateway', 'identity', 'listings', 'products', 'orders', 'payouts'];

// Who may import whom. Services never import each other; apps build on shared libraries only, and
// shared libraries stay independent of every service. The testing library (type:testing) reaches
// the test broker and databases, so only test code may import it. These constraints look at direct
// imports only: a library's own specs importing the testing library must not taint its users.
const layering = (usableKinds) => [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: usableKinds },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: usableKinds },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...services.map((service) => ({
    sourceTag: `scope:${service}`,
    onlyDependOnLibsWithTags: [`scope:${service}`, 'scope:shared'],
  })),
];

const testFiles = ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'];

const boundaries = (depConstraints) => [
  'error',
  {
    allow: [],
    depConstraints,
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/coverage', '**/tmp', '.local', '.nx'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(layering(['type:lib'])),
      // An empty `override` is a deliberate no-op in place of the parent's behaviour (e.g. in fakes).
      '@typescript-eslint/no-empty-function': ['error', { allow: ['overrideMethods'] }],
      // A leading underscore marks a binding kept on purpose, e.g. to drop a key from a rest copy.
      '@typescript-eslint/no-unused-vars': [
        'warn',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(layering(['type:lib', 'type:testing'])),
    },
  },
];
