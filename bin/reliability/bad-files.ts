import { deflateRawSync } from 'node:zlib';
import { sha256Hex } from '../../lambdas/platform/shared/hash.ts';
import { documentIdOf } from '../../lambdas/platform/shared/workflow.ts';
import { malformedSamples, seededRandom } from '../../lambdas/processes/invoice/samples/index.ts';
import type { DropFile } from './workload.ts';

/** A bad file and the key it is dropped under (keys may be odd on purpose). */
export interface BadFile extends DropFile {
  readonly kind: BadKind;
}

export const badKinds = [
  'empty',
  'random-bytes',
  'truncated',
  'encrypted',
  'huge-image',
  'zip-bomb',
  'odd-key',
] as const;
export type BadKind = (typeof badKinds)[number];

/** Keys S3 allows and people produce: non-ASCII, path-like, doubled slashes, spaces and plus signs. */
export const oddKeys = ['ü/ä…', '../x', 'a//b', 'with space', 'plus+sign', 'ü ä+ö/../é'] as const;

const crc32Table = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (crc32Table[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

let zeros: { deflated: Buffer; crc: number; size: number } | undefined;

/** A ZIP of one entry that inflates to 200 MB of zeros from about 200 KB; `salt` makes each one unique. */
export function zipBomb(salt: number): Uint8Array {
  const size = 200 * 1024 * 1024;
  if (!zeros) {
    const raw = Buffer.alloc(size);
    zeros = { deflated: deflateRawSync(raw, { level: 9 }), crc: crc32(raw), size };
  }
  const name = Buffer.from(`invoice-${salt}.pdf`);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(zeros.crc, 14);
  local.writeUInt32LE(zeros.deflated.length, 18);
  local.writeUInt32LE(zeros.size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(zeros.crc, 16);
  central.writeUInt32LE(zeros.deflated.length, 20);
  central.writeUInt32LE(zeros.size, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + zeros.deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, zeros.deflated, central, name, end]);
}

/** A PNG signature and header followed by 11 MB: over Textract's 10 MB limit for images. */
export function hugeImage(salt: number): Uint8Array {
  const bytes = new Uint8Array(11 * 1024 * 1024);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(bytes.length - 4, salt);
  return bytes;
}

function unique(bytes: Uint8Array, salt: number): Uint8Array {
  const out = new Uint8Array(bytes.length + 4);
  out.set(bytes);
  new DataView(out.buffer).setUint32(bytes.length, salt);
  return out;
}

/**
 * `count` bad files cycling through every kind, each distinct (a salt in its bytes) except the empty
 * file, of which there is only one content. Odd keys carry random bytes, so they are refused too.
 */
export async function badFiles(count: number): Promise<BadFile[]> {
  const samples = new Map((await malformedSamples(7)).map((s) => [s.name, s.bytes]));
  const random = seededRandom('reliability-bad');
  const files: BadFile[] = [];
  for (let i = 0; i < count; i++) {
    const drawn = badKinds[i % badKinds.length] ?? 'empty';
    // Huge files are heavy: a few show the limit as well as many would.
    const kind: BadKind = drawn === 'huge-image' && i >= badKinds.length * 3 ? 'random-bytes' : drawn;
    const salt = i + 1;
    const noise = () => {
      const b = Uint8Array.from({ length: 2048 }, () => random.int(0, 255));
      b[0] = 0;
      return b;
    };
    const body: Uint8Array =
      kind === 'empty'
        ? new Uint8Array(0)
        : kind === 'random-bytes' || kind === 'odd-key'
          ? noise()
          : kind === 'truncated'
            ? unique(samples.get('truncated') ?? noise(), salt)
            : kind === 'encrypted'
              ? unique(samples.get('encrypted') ?? noise(), salt)
              : kind === 'huge-image'
                ? hugeImage(salt)
                : zipBomb(salt);
    const fileName =
      kind === 'odd-key'
        ? `${oddKeys[Math.floor(i / badKinds.length) % oddKeys.length]}-${salt}.pdf`
        : `bad-${kind}-${salt}.pdf`;
    files.push({ fileName, body, documentId: documentIdOf('invoice', sha256Hex(body)), label: kind, kind });
  }
  return files;
}
