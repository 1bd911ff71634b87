/**
 * esbuild plugins for every function bundle (serverless.yml `custom.esbuild.plugins`; the bench's
 * bundle scenario loads the same file). See docs/adr/ for why each exists.
 */
const path = require('node:path');

/**
 * zod 4's `z` namespace re-exports `locales`: error messages in about 50 languages (~170 KB minified),
 * which esbuild cannot drop because `z` is used as an object. The API answers error codes, not zod's
 * texts, and zod itself configures English (`config(en())` in classic/external.js): the bundle keeps
 * `z.locales.en` only. Any other `z.locales.<lang>` is undefined in a function bundle (none is used).
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)) return undefined;
      return { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-english-only' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};\n`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * zod's JSON Schema generator (`z.toJSONSchema`, ~12 KB minified) rides in every bundle through the same
 * `z` namespace; only the OpenAPI document and the docs page use it. For any other function's build
 * (serverless-esbuild builds one entry point at a time) `core/to-json-schema.js` resolves to a stub whose
 * exports throw, so a use that was missed fails loudly instead of answering something wrong.
 */
const JSON_SCHEMA_USERS = /(^|[\\/])functions[\\/]ops[\\/](openapi|docs)\.ts$/;
const zodWithoutJsonSchema = {
  name: 'zod-without-json-schema',
  setup(build) {
    const entries = build.initialOptions.entryPoints ?? [];
    const paths = (Array.isArray(entries) ? entries : Object.values(entries)).map((e) => (typeof e === 'string' ? e : e.in));
    if (paths.length !== 1 || JSON_SCHEMA_USERS.test(paths[0])) return;
    build.onResolve({ filter: /^\.\/to-json-schema\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/]core[\\/]index\.js$/.test(args.importer)) return undefined;
      return { path: 'to-json-schema', namespace: 'zod-without-json-schema' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-without-json-schema' }, () => ({
      contents:
        'const gone = () => { throw new Error("z.toJSONSchema is not in this function (infra/esbuild/plugins.cjs)"); };\n' +
        'export function toJSONSchema() { gone(); }\nexport class JSONSchemaGenerator { constructor() { gone(); } }\n',
      loader: 'js',
    }));
  },
};

module.exports = [zodEnglishOnly, zodWithoutJsonSchema];
