import { describe, expect, it } from 'vitest';
import { checkInput } from '../../../../lambdas/platform/inspection/input-checks.ts';
import { inspectPdf } from '../../../../lambdas/platform/inspection/pdf-inspect.ts';
import { InputRejectedError } from '../../../../lambdas/platform/shared/errors.ts';
import { encryptedFixtures, fixtureBytes } from './support/encrypted-fixtures.ts';
import { pdfjsOpen } from './support/pdfjs-open.ts';
import { thrownBy } from './support/thrown.ts';

// Every file qpdf 11.3.0 encrypted (support/generate-encrypted-pdfs.ts), once with an empty user password
// and an owner password restricting printing and copying ("open"), once with a user password ("user").
const fixtures = encryptedFixtures();
const open = fixtures.filter((f) => !f.userPassword);
const locked = fixtures.filter((f) => f.userPassword);

describe('encrypted PDFs written by qpdf', () => {
  it('cover each revision of the standard security handler, classic trailers and cross-reference streams', () => {
    // Assess
    expect(new Set(fixtures.map((f) => `R${f.revision} ${f.cipher}`))).toEqual(
      new Set(['R2 RC4 40-bit', 'R3 RC4 128-bit', 'R4 AES-128', 'R5 AES-256', 'R6 AES-256']),
    );
    expect(fixtures.filter((f) => f.xrefStream).map((f) => f.revision)).toEqual([3, 3, 4, 4, 6, 6]);
    expect(open).toHaveLength(locked.length);
  });

  it.each(open.map((f) => [f.file, f] as const))('%s opens without a password: read', (_file, fixture) => {
    // Act
    const facts = inspectPdf(fixtureBytes(fixture.file));

    // Assess
    expect(facts).toEqual({
      truncated: false,
      encryption: {
        kind: 'permissions-only',
        handler: `standard security handler, revision ${fixture.revision}, ${fixture.cipher}`,
      },
      pageCount: fixture.pages,
      // In a cross-reference-stream file the action sits in an encrypted object stream, decrypted to be seen.
      activeContent: fixture.javascript ? [{ kind: 'javascript', automatic: true }] : [],
    });
  });

  it.each(locked.map((f) => [f.file, f] as const))(
    '%s needs a password: refused, saying so',
    (_file, fixture) => {
      // Prepare
      const bytes = fixtureBytes(fixture.file);

      // Act
      const facts = inspectPdf(bytes);
      const refusal = thrownBy(() => checkInput({ size: bytes.length, bytes }));

      // Assess
      expect(facts.encryption).toEqual({
        kind: 'user-password',
        handler: `standard security handler, revision ${fixture.revision}, ${fixture.cipher}`,
      });
      expect(refusal).toBeInstanceOf(InputRejectedError);
      expect(refusal).toMatchObject({ reason: 'encrypted' });
      expect((refusal as Error).message).toBe(
        `[encrypted] The PDF needs a password to open (standard security handler, revision ${fixture.revision}, ${fixture.cipher}): ask the sender for a copy without an open password`,
      );
    },
  );

  it.each(fixtures.map((f) => [f.file, f] as const))('%s: pdf.js agrees', async (_file, fixture) => {
    // Prepare
    const bytes = fixtureBytes(fixture.file);

    // Act
    const withoutPassword = await pdfjsOpen(bytes);
    const withItsPassword = fixture.userPassword ? await pdfjsOpen(bytes, 'user-secret') : withoutPassword;
    const inspected = inspectPdf(bytes).encryption.kind;

    // Assess
    expect(withoutPassword.outcome).toBe(inspected === 'permissions-only' ? 'opens' : 'needs-password');
    // Encrypted for real (pdf.js names the handler), and the text readable once opened.
    expect(withItsPassword).toMatchObject({
      outcome: 'opens',
      encryptFilter: 'Standard',
      pages: fixture.pages,
    });
    if (withItsPassword.outcome === 'opens') expect(withItsPassword.text).toMatch(/Invoice|Statement page 1/);
  });

  it('passes a permission-only PDF with JavaScript in an encrypted object stream to the active-content policy', () => {
    // Prepare
    const fixture = open.find((f) => f.xrefStream && f.revision === 6);
    const bytes = fixtureBytes(fixture?.file ?? '');

    // Act
    const reviewed = checkInput({ size: bytes.length, bytes }, 'review');
    const refusal = thrownBy(() => checkInput({ size: bytes.length, bytes }, 'reject'));

    // Assess
    expect(reviewed).toMatchObject({ kind: 'pdf', pageCount: 3, path: 'async' });
    expect(reviewed.activeContent).toEqual([{ kind: 'javascript', automatic: true }]);
    expect(refusal).toMatchObject({ reason: 'active-content' });
  });
});
