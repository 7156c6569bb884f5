// Minimal declarations for the emulators that ship without types.
declare module 's3rver' {
  import type { EventEmitter } from 'node:events';
  import type { Server } from 'node:http';

  interface S3rverOptions {
    port?: number;
    address?: string;
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }
  export default class S3rver extends EventEmitter {
    constructor(options: S3rverOptions);
    /** The object store (a Koa app: controllers read it from `context`); replaceable before `run`. */
    store: unknown;
    /** The HTTP server `run` started. */
    httpServer?: import('node:http').Server;
    readonly context: { store: unknown };
    run(): Promise<{ address: string; port: number }>;
    /** Set by `run`. */
    readonly httpServer?: Server;
    close(): Promise<void>;
  }
}

declare module 'asl-validator' {
  interface ValidationResult {
    isValid: boolean;
    errors: { message: string }[];
  }
  export default function aslValidator(definition: unknown): ValidationResult;
}
