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

module.exports = [zodEnglishOnly];
