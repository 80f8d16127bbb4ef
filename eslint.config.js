// Lint with security rules: no HTML sinks, no bare fetch on the server (use the guarded client).
import tseslint from 'typescript-eslint';
import security from 'eslint-plugin-security';

const htmlSinks = [
  { object: 'document', property: 'write', message: 'no document.write' },
  ...['innerHTML', 'outerHTML'].map((property) => ({ property, message: `no ${property}: render through React or DOMPurify` })),
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'bench/**', 'packages/web/scripts/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { security },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', ...htmlSinks],
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'no HTML sinks' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'no insertAdjacentHTML' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'security/detect-eval-with-expression': 'error',
      'security/detect-non-literal-require': 'error',
      'security/detect-unsafe-regex': 'error',
      'security/detect-buffer-noassert': 'error',
      'security/detect-new-buffer': 'error',
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/test/**', 'packages/server/src/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'outbound HTTP goes through the guarded client (request-filtering-agent)' }],
    },
  },
);
