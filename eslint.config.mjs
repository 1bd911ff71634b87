import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** How a table key literal starts (`USER#`, `PRODUCT_INDEX#`) and how an S3 object key does. */
const KEY_PREFIX = '/^[A-Z][A-Z0-9_]*#/';
const OBJECT_PREFIX = '/^(merchants|applications|categories)\\u002F/';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.esbuild/**', '.serverless/**', '.local/**', 'coverage/**', 'test-artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Keys of every kind in one place: table keys only in functions/lib/keys.ts, S3 object keys only in
    // functions/lib/object-keys.ts. A literal that starts like a key (`'PRODUCT#'`, `` `USER#${id}` ``,
    // `'merchants/...'`), a bare sort key compared with `.SK`, or a literal put straight into a key attribute
    // is a key built by hand.
    files: ['functions/**/*.ts', 'infra/local/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['functions/lib/keys.ts', 'functions/lib/object-keys.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[`Literal[value=${KEY_PREFIX}]`, `TemplateLiteral > TemplateElement:first-child[value.raw=${KEY_PREFIX}]`].map((selector) => ({
          selector,
          message: 'A table key is built in functions/lib/keys.ts only (add a builder there).',
        })),
        ...[`Literal[value=${OBJECT_PREFIX}]`, `TemplateLiteral > TemplateElement:first-child[value.raw=${OBJECT_PREFIX}]`].map((selector) => ({
          selector,
          message: 'An S3 object key is built in functions/lib/object-keys.ts only.',
        })),
        {
          selector: 'BinaryExpression:matches([left.property.name=/^(GSI[12])?(PK|SK)$/], [right.property.name=/^(GSI[12])?(PK|SK)$/]) > Literal',
          message: 'Compare a key with a keys.ts builder (keys.x(id).SK or ITEM_SK), not a bare literal.',
        },
        {
          selector: 'Property[key.name=/^(GSI[12])?(PK|SK)$/] > :matches(Literal, TemplateLiteral)',
          message: 'A table key is built in functions/lib/keys.ts only (add a builder there).',
        },
      ],
    },
  },
  {
    // A function bundles what it imports: its route from its area's entry point (`@wxshop/shared/api/<area>`),
    // schemas from their module. The root barrel drags every route and schema into every Lambda.
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@wxshop/shared',
              message: "Import the module: '@wxshop/shared/api/<area>', '@wxshop/shared/money', ... (see shared/package.json exports).",
            },
            { name: '@wxshop/shared/i18n/messages', message: 'Every language of UI text: the functions format none of it.' },
          ],
          patterns: [{ group: ['**/shared/src/**'], message: 'Import @wxshop/shared/<module>, not its source path.' }],
        },
      ],
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
