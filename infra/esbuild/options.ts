import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { readYaml, ROOT } from '../local/template';

/**
 * The options serverless-esbuild builds every function with (`custom.esbuild` of serverless.yml):
 * bundle, minify, sourcemap, target, platform, format, supported, plugins, and `exclude` as externals (the Lambda
 * runtime provides @aws-sdk/*). The bench and the bundle test build with these, so what they measure
 * is what `osls package` zips.
 */
export function functionBuildOptions(): BuildOptions {
  const doc = readYaml('serverless.yml') as { custom: { esbuild: Record<string, unknown> } };
  const { bundle, minify, sourcemap, target, platform, format, exclude, plugins, supported } = doc.custom.esbuild as {
    bundle: boolean;
    minify: boolean;
    sourcemap: boolean;
    target: string;
    platform: BuildOptions['platform'];
    format: BuildOptions['format'];
    exclude?: string[];
    plugins?: string;
    supported?: Record<string, boolean>;
  };
  const loaded = plugins ? (createRequire(__filename)(join(ROOT, plugins)) as BuildOptions['plugins']) : [];
  return { bundle, minify, sourcemap, target, platform, format, supported, external: exclude ?? [], plugins: loaded, logLevel: 'silent' };
}
