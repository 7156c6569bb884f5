import { isBytes, isDict, isName, type PdfDict, type PdfValue } from './pdf-syntax.ts';
import { findEncryption } from './pdf-trailer.ts';
import { type StandardParameters, tryEmptyPassword } from './standard-security.ts';
import { type StreamDecryptor, type StreamMethod, streamDecryptor } from './stream-decryption.ts';

/**
 * Whether an encrypted PDF opens without a password. Invoicing systems often protect PDFs with an owner
 * password only (printing or copying restricted, the user password empty): every reader, and Textract,
 * opens those. Only a file that needs a user password, or that is encrypted in a way that cannot be
 * checked (another security handler, a dictionary that cannot be read), is refused.
 */

export type EncryptionFacts =
  | { readonly kind: 'none' }
  /** Opens with the empty user password; an owner password may restrict what a reader allows. */
  | { readonly kind: 'permissions-only'; readonly handler: string }
  | { readonly kind: 'user-password'; readonly handler: string }
  /** Encrypted in a way that cannot be opened here: another security handler, or an unreadable dictionary. */
  | { readonly kind: 'unreadable'; readonly reason: string };

export interface Encryption {
  readonly facts: EncryptionFacts;
  /** For a file that opens (or is not encrypted): decrypts a stream so it can be inspected. */
  readonly decrypt: StreamDecryptor | null;
}

const unencrypted: Encryption = { facts: { kind: 'none' }, decrypt: (_num, _gen, data) => data };

export function readEncryption(raw: string): Encryption {
  const entry = findEncryption(raw);
  if (entry.kind === 'none') return unencrypted;
  if (entry.kind === 'unreadable')
    return unreadable(`its encryption dictionary cannot be read (${entry.reason})`);
  const handler = entry.dict.get('Filter');
  if (!isName(handler)) return unreadable('its encryption dictionary names no security handler (/Filter)');
  if (handler.name !== 'Standard') return unreadable(otherHandler(handler.name, entry.dict));
  const standard = standardOf(entry.dict, entry.id);
  if (typeof standard === 'string') return unreadable(`its standard security handler ${standard}`);
  const { parameters, method, description } = standard;
  const empty = tryEmptyPassword(parameters);
  if (empty.kind === 'inconsistent') return unreadable(`its standard security handler ${empty.reason}`);
  if (empty.kind === 'needs-password')
    return { facts: { kind: 'user-password', handler: description }, decrypt: null };
  return {
    facts: { kind: 'permissions-only', handler: description },
    decrypt: streamDecryptor(method, empty.key),
  };
}

const unreadable = (reason: string): Encryption => ({ facts: { kind: 'unreadable', reason }, decrypt: null });

function otherHandler(name: string, dict: PdfDict): string {
  const sub = dict.get('SubFilter');
  if (name === 'Adobe.PubSec' || (isName(sub) && sub.name.startsWith('adbe.pkcs7')))
    return `it is addressed to named recipients (public-key security handler /${name}) and opens only with a recipient's certificate`;
  return `it uses the security handler /${name}, which only its own software opens`;
}

interface Standard {
  readonly parameters: StandardParameters;
  readonly method: StreamMethod;
  readonly description: string;
}

/** The handler's parameters, or what is wrong with its dictionary (ISO 32000-1, Tables 20 and 21; ISO 32000-2, Table 21). */
function standardOf(dict: PdfDict, id: Buffer): Standard | string {
  const [v, revision, p] = [dict.get('V'), dict.get('R'), dict.get('P')].map(integer);
  if (!isRevision(revision))
    return `revision /R ${String(dict.get('R'))} is not one ISO 32000 defines (2 to 6)`;
  if (v !== 1 && v !== 2 && v !== 4 && v !== 5)
    return `algorithm /V ${String(dict.get('V'))} is not 1, 2, 4 or 5`;
  if ((v === 5) !== revision >= 5) return `algorithm /V ${v} does not go with revision /R ${revision}`;
  if (p === undefined) return 'has no permissions (/P)';
  const aes256 = revision >= 5;
  const [o, u, ue, perms] = ['O', 'U', 'UE', 'Perms'].map((k) => bytes(dict.get(k)));
  const hashBytes = aes256 ? 48 : 32;
  if (o === undefined || o.length < hashBytes || u === undefined || u.length < hashBytes)
    return `has no ${hashBytes}-byte /O and /U`;
  if (aes256 && (ue?.length !== 32 || perms === undefined || perms.length < 16))
    return 'has no 32-byte /UE or 16-byte /Perms (AES-256)';
  const keyBits = aes256 ? 256 : lengthOf(dict, v);
  if (keyBits === undefined || keyBits % 8 !== 0 || keyBits < 40 || keyBits > (aes256 ? 256 : 128))
    return `key length /Length ${String(dict.get('Length'))} is not a multiple of 8 from 40 to 128`;
  const method = methodOf(dict, v);
  if (typeof method === 'object')
    return `crypt filter method /${method.unknown} is not None, V2, AESV2 or AESV3`;
  const encryptMetadata = dict.get('EncryptMetadata') !== false;
  const parameters = { revision, keyBytes: keyBits / 8, o, u, p, id, encryptMetadata, ue, perms };
  const cipher = {
    none: 'streams in the clear',
    rc4: `RC4 ${keyBits}-bit`,
    'aes-128': 'AES-128',
    'aes-256': 'AES-256',
  };
  return {
    parameters,
    method,
    description: `standard security handler, revision ${revision}, ${cipher[method]}`,
  };
}

/** Key length in bits: /Length, else (V4) the stream filter's /Length (some writers give bytes), else the default. */
function lengthOf(dict: PdfDict, v: number): number | undefined {
  if (v === 1) return 40;
  const length = integer(dict.get('Length'));
  if (length !== undefined) return length;
  if (v !== 4) return 40;
  const filterLength = integer(cryptFilter(dict)?.get('Length'));
  if (filterLength === undefined) return 128;
  return filterLength < 40 ? filterLength * 8 : filterLength;
}

/** The streams' method, or the name of a crypt filter method ISO 32000 does not define. */
function methodOf(dict: PdfDict, v: number): StreamMethod | { readonly unknown: string } {
  if (v < 4) return 'rc4';
  const stmF = dict.get('StmF');
  if (!isName(stmF) || stmF.name === 'Identity') return 'none';
  const cfm = cryptFilter(dict)?.get('CFM');
  if (cfm === undefined || isName(cfm, 'None')) return 'none';
  const known: Record<string, StreamMethod> = { V2: 'rc4', AESV2: 'aes-128', AESV3: 'aes-256' };
  const name = isName(cfm) ? cfm.name : String(cfm);
  return known[name] ?? { unknown: name };
}

/** The crypt filter /StmF names in /CF (7.6.5). */
function cryptFilter(dict: PdfDict): PdfDict | undefined {
  const cf = dict.get('CF');
  const stmF = dict.get('StmF');
  const filter = isDict(cf) && isName(stmF) ? cf.get(stmF.name) : undefined;
  return isDict(filter) ? filter : undefined;
}

const isRevision = (r: number | undefined): r is StandardParameters['revision'] =>
  r !== undefined && r >= 2 && r <= 6;
const integer = (value: PdfValue | undefined): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) ? value : undefined;
const bytes = (value: PdfValue | undefined): Buffer | undefined => (isBytes(value) ? value : undefined);
