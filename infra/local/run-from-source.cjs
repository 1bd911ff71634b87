/**
 * The bundler plugin of `npm start` (serverless.yml: `${env:WXSHOP_BUNDLER_PLUGIN, 'serverless-esbuild'}`).
 *
 * Deploys and `osls package` bundle every function with serverless-esbuild. Locally that plugin builds
 * and watches 86 bundles with one esbuild context each (about 2.3 GB idle, ADR 0032), so `npm start`
 * names this plugin instead: it bundles nothing, and serverless-offline (in-process) loads each handler's
 * `.ts` source through tsx, in one module graph shared by every function. It only checks that it runs
 * under `offline`, where that is true.
 */
class RunFromSource {
  constructor(serverless, options, { log } = {}) {
    this.hooks = {
      'before:offline:start:init': () => log?.verbose?.('handlers run from source (tsx, in-process)'),
      'before:package:createDeploymentArtifacts': () => {
        throw new Error('WXSHOP_BUNDLER_PLUGIN is for `osls offline` only: unset it to package or deploy (serverless-esbuild bundles).');
      },
    };
  }
}

module.exports = RunFromSource;
