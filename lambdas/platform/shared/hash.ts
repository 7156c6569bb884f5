import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The input hash recorded in audit events: SHA-256 of the canonical JSON (canonical-json.ts). */
export function hashJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
