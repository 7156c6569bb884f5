import { fileURLToPath } from 'node:url';
import type { Use } from '../capability/use.ts';
import type { FunctionId } from './ids.ts';

/**
 * The platform's Lambda functions, as pure data; each process adds its own (see process-spec.ts). `lib/`
 * turns each entry into a NodejsFunction with exactly the grants and environment its uses imply;
 * `local/` runs the same bundle in a worker with the same variables pointing at local resources.
 * Nothing here imports CDK or the AWS SDK.
 */
export interface FunctionSpec {
  /** Unique across the platform and every process; names the deployed function (`tower-<stage>-<id>`). */
  readonly id: FunctionId;
  /** Absolute path of the entry file, resolved from the module that declares the function. */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /**
   * What it does with each capability (`stores.table('documents', ['get'])`, `textract.analyzeExpense()`):
   * each use brings its grants and environment, and nothing else is granted.
   */
  readonly uses: readonly Use[];
}

export type { FunctionId } from './ids.ts';

/** The entry file next to a registry module: `handlerPath(import.meta.url, './finalize/handler.ts')`. */
export function handlerPath(moduleUrl: string, relative: string): string {
  return fileURLToPath(new URL(relative, moduleUrl));
}
