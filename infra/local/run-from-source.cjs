/**
 * The bundler plugin of `npm start` (serverless.yml: `${env:WXSHOP_BUNDLER_PLUGIN, 'serverless-esbuild'}`).
 *
 * Deploys and `osls package` bundle every function with serverless-esbuild. Locally that plugin builds
 * and watches 86 bundles with one esbuild context each (about 2.3 GB idle, ADR 0039), so `npm start`
 * names this plugin instead: it bundles nothing, and serverless-offline (in-process) loads each handler's
 * `.ts` source through tsx, in one module graph shared by every function. serverless-offline loads the
 * handler on every invocation from Node's module cache, so when a source file under functions/ or
 * shared/src changes, this plugin drops the project's modules from that cache: the next request runs the
 * new code (what serverless-esbuild's watcher did by rebuilding).
 */
const { readdirSync, watch } = require('node:fs');
const { join, sep } = require('node:path');

class RunFromSource {
  constructor(serverless, _options, { log } = {}) {
    const root = serverless.config.serviceDir || serverless.config.servicePath;
    const sources = [join(root, 'functions'), join(root, 'shared', 'src')];
    this.hooks = {
      'before:offline:start:init': () => {
        let timer;
        const reload = () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            let dropped = 0;
            for (const id of Object.keys(require.cache)) {
              const file = id.split('?')[0];
              if (sources.some((s) => file.startsWith(s + sep)) && !file.includes(`${sep}node_modules${sep}`)) {
                delete require.cache[id];
                dropped += 1;
              }
            }
            log?.notice?.(`source changed: ${dropped} module(s) will reload on the next request`);
          }, 150);
        };
        // One watcher per directory (not `recursive`: on Linux, Node 20's recursive watch loses a file that an
        // editor replaces by rename after the first change).
        const directories = (dir) => [
          dir,
          ...readdirSync(dir, { withFileTypes: true })
            .filter((e) => e.isDirectory() && e.name !== 'node_modules')
            .flatMap((e) => directories(join(dir, e.name))),
        ];
        for (const dir of sources.flatMap(directories))
          watch(dir, (_event, file) => {
            if (file && /\.(ts|json)$/.test(String(file))) reload();
          }).unref();
      },
      'before:package:createDeploymentArtifacts': () => {
        throw new Error('WXSHOP_BUNDLER_PLUGIN is for `osls offline` only: unset it to package or deploy (serverless-esbuild bundles).');
      },
    };
  }
}

module.exports = RunFromSource;
