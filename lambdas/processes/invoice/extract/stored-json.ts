import type * as z from 'zod/mini';

/**
 * A stored JSON body as `schema` reads it; undefined when it is not JSON or not of that shape, so a
 * damaged object is treated as absent (and made again) rather than failing the step.
 */
export function parseStoredJson<T>(schema: z.ZodMiniType<T>, body: string): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
