/**
 * esbuild settings for every function, shared by CDK's NodejsFunction (lib/) and the local runtime's
 * build (local/), so what runs locally is bundled exactly as what is deployed.
 */
export const bundling = {
  platform: 'node',
  format: 'esm',
  /** Lambda runs nodejs22.x. */
  target: 'node22',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  /** ESM bundles of CommonJS dependencies need a `require`. */
  banner:
    "import { createRequire as __towerCreateRequire } from 'node:module';const require = __towerCreateRequire(import.meta.url);",
  /** Everything is bundled, the AWS SDK included: the tested versions are the deployed versions. */
  external: [] as string[],
} as const;

/** Environment every function gets, on AWS and locally. */
export function baseEnvironment(functionId: string): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: `tower-${functionId}`,
    POWERTOOLS_METRICS_NAMESPACE: 'Tower',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    NODE_OPTIONS: '--enable-source-maps',
  };
}

/** The settings as esbuild build options (the local runtime and the bundle report build with these). */
export function esbuildOptions() {
  return {
    bundle: true,
    platform: bundling.platform,
    format: bundling.format,
    target: bundling.target,
    minify: bundling.minify,
    sourcemap: bundling.sourcemap,
    mainFields: [...bundling.mainFields],
    banner: { js: bundling.banner },
    external: [...bundling.external],
  };
}
