import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  type MalformedSample,
  malformedSamples,
} from '../../../../../lambdas/processes/invoice/samples/malformed.ts';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

async function sample(name: MalformedSample['name']): Promise<MalformedSample> {
  const found = (await malformedSamples()).find((s) => s.name === name);
  if (found === undefined) throw new Error(`no sample ${name}`);
  return found;
}

describe('malformedSamples', () => {
  it('names every sample once, each as a .pdf', async () => {
    // Act
    const samples = await malformedSamples();

    // Assess
    expect(samples.map((s) => s.name)).toEqual([
      'empty',
      'random-bytes',
      'truncated',
      'two-page',
      'encrypted',
    ]);
    for (const s of samples) expect(s.fileName).toMatch(/\.pdf$/);
  });

  it('is deterministic for a seed', async () => {
    // Act
    const [a, b] = await Promise.all([malformedSamples(5), malformedSamples(5)]);

    // Assess
    expect(a.map((s) => Buffer.from(s.bytes).toString('hex'))).toEqual(
      b.map((s) => Buffer.from(s.bytes).toString('hex')),
    );
  });

  it('has an empty file and random bytes that are no PDF', async () => {
    // Act
    const [empty, noise] = [await sample('empty'), await sample('random-bytes')];

    // Assess
    expect(empty.bytes).toHaveLength(0);
    expect(noise.bytes.length).toBeGreaterThan(1000);
    expect(latin1(noise.bytes)).not.toContain('%PDF-');
  });

  it('has a truncated PDF: a PDF header, no end of file', async () => {
    // Act
    const { bytes } = await sample('truncated');

    // Assess
    expect(latin1(bytes).startsWith('%PDF-')).toBe(true);
    expect(latin1(bytes)).not.toContain('%%EOF');
  });

  it('has a readable two-page PDF', async () => {
    // Act
    const { bytes } = await sample('two-page');

    // Assess
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);
  });

  it('has a PDF under the standard security handler', async () => {
    // Act
    const { bytes } = await sample('encrypted');

    // Assess
    expect(latin1(bytes)).toMatch(/\/Encrypt \d+ 0 R/);
    expect(latin1(bytes)).toContain('/Filter /Standard');
  });
});
