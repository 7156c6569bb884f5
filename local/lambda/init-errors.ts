/**
 * The error type Lambda's Node.js runtime reports when a function's init phase fails: a module that
 * cannot be found, a syntax error, a missing handler export, or whatever the module threw while loading.
 */
export function initErrorType(error: unknown): string {
  const e = error instanceof Error ? error : undefined;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return 'Runtime.ImportModuleError';
  if (e instanceof SyntaxError) return 'Runtime.UserCodeSyntaxError';
  if (e?.name.startsWith('Runtime.')) return e.name;
  return e?.name || 'Runtime.Unknown';
}
