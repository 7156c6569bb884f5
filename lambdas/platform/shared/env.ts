import { PermanentError } from './errors.ts';

/** A required environment variable; its absence is a deployment fault, never retried. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new PermanentError(`Environment variable ${name} is not set`);
  return value;
}

/** A required environment variable holding JSON. */
export function jsonEnv<T>(name: string): T {
  const raw = requiredEnv(name);
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new PermanentError(`Environment variable ${name} is not valid JSON`);
  }
}
