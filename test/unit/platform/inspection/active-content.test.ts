import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  type ActiveContentKind,
  activeContentPolicyOf,
  decodeNames,
  describeActiveContent,
  findActiveContent,
} from '../../../../lambdas/platform/inspection/active-content.ts';
import { checkInput } from '../../../../lambdas/platform/inspection/input-checks.ts';
import { inspectPdf } from '../../../../lambdas/platform/inspection/pdf-inspect.ts';
import { InputRejectedError } from '../../../../lambdas/platform/shared/errors.ts';

/** A one-page invoice PDF, with `decorate` adding what a hostile one would carry. */
async function pdf(decorate: (doc: PDFDocument) => void | Promise<void>, useObjectStreams = true) {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Invoice INV-1 total 100.00 EUR');
  await decorate(doc);
  return Buffer.from(await doc.save({ useObjectStreams }));
}

const javascriptOnOpen = (doc: PDFDocument) => {
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
};
const launchOnPageOpen = (doc: PDFDocument) => {
  const launch = doc.context.obj({ S: 'Launch', F: PDFString.of('calc.exe') });
  const page = doc.getPage(0).node;
  page.set(PDFName.of('AA'), doc.context.obj({ O: doc.context.register(launch) }));
};
const embeddedFile = async (doc: PDFDocument) => {
  await doc.attach(Buffer.from('MZ payload'), 'invoice.exe', { mimeType: 'application/octet-stream' });
};
const richMedia = (doc: PDFDocument) => {
  const annotation = doc.context.obj({ Type: 'Annot', Subtype: 'RichMedia', Rect: [0, 0, 10, 10] });
  doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annotation)]));
};
const xfaForm = (doc: PDFDocument) => {
  const xfa = doc.context.flateStream('<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"/>');
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [], XFA: doc.context.register(xfa) }));
};

describe('active content in a PDF', () => {
  it.each([
    ['javascript', javascriptOnOpen, true],
    ['launch', launchOnPageOpen, true],
    ['embedded-file', embeddedFile, false],
    ['rich-media', richMedia, false],
    ['xfa', xfaForm, false],
  ] as const)('finds %s, inside compressed object streams too', async (kind, decorate, automatic) => {
    // Prepare: pdf-lib keeps dictionaries in FlateDecode object streams by default.
    const bytes = await pdf(decorate);

    // Act
    const facts = inspectPdf(bytes);

    // Assess
    expect(facts.activeContent).toContainEqual({ kind, automatic });
    expect(facts.truncated).toBe(false);
  });

  it('finds what a scan of the raw bytes alone would miss', async () => {
    // Prepare
    const bytes = await pdf(javascriptOnOpen, true);
    const raw = bytes.toString('latin1');

    // Act
    const fromRawOnly = findActiveContent([raw]);

    // Assess: the action dictionary is compressed, so only inflating the object streams finds it.
    expect(fromRawOnly.map((f) => f.kind)).not.toContain('javascript');
    expect(inspectPdf(bytes).activeContent.map((f) => f.kind)).toContain('javascript');
  });

  it('finds it in a PDF without object streams', async () => {
    const facts = inspectPdf(await pdf(javascriptOnOpen, false));
    expect(facts.activeContent).toEqual([{ kind: 'javascript', automatic: true }]);
  });

  it('reads names hidden with #xx escapes', () => {
    expect(decodeNames('<< /S /J#61vaScript /J#53 (x) >>')).toBe('<< /S /JavaScript /JS (x) >>');
    expect(findActiveContent(['<< /Type /Action /S /L#61unch /F (x.exe) >>'])).toEqual([
      { kind: 'launch', automatic: false },
    ]);
  });

  it('finds nothing in a plain invoice, and is not fooled by look-alike names or the words in text', async () => {
    expect(inspectPdf(await pdf(() => undefined)).activeContent).toEqual([]);
    expect(findActiveContent(['<< /JSFont 1 0 R /Launcher 2 >> BT (JavaScript /JS) Tj ET'])).toEqual([
      // `(JavaScript /JS)` is a string shown on the page; only the name /JS inside it is a PDF name.
      { kind: 'javascript', automatic: false },
    ]);
    expect(findActiveContent(['<< /JSFont 1 0 R /Launcher 2 /XFAx 3 >>'])).toEqual([]);
  });

  it('describes each kind for the person who decides', () => {
    expect(describeActiveContent([{ kind: 'javascript', automatic: true }])).toMatch(
      /^The PDF contains JavaScript, run when it is opened/,
    );
    const kinds: ActiveContentKind[] = ['launch', 'embedded-file', 'rich-media', 'xfa'];
    for (const kind of kinds)
      expect(describeActiveContent([{ kind, automatic: false }])).toMatch(/^The PDF contains \w/);
  });
});

describe('admission of a PDF with active content', () => {
  it('hands the findings on under the default policy (a person looks)', async () => {
    const bytes = await pdf(javascriptOnOpen);
    const checked = checkInput({ size: bytes.length, bytes });
    expect(checked.activeContent).toEqual([{ kind: 'javascript', automatic: true }]);
    expect(checked.path).toBe('sync');
  });

  it('refuses it as active-content when the process says reject', async () => {
    const bytes = await pdf(embeddedFile);
    let thrown: unknown;
    try {
      checkInput({ size: bytes.length, bytes }, 'reject');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputRejectedError);
    expect((thrown as InputRejectedError).reason).toBe('active-content');
    expect((thrown as Error).message).toContain('embedded files');
  });

  it('admits a clean PDF under either policy', async () => {
    const bytes = await pdf(() => undefined);
    expect(checkInput({ size: bytes.length, bytes }, 'reject').activeContent).toEqual([]);
  });

  it('reads the policy from the environment, refusing an unknown one', () => {
    expect(activeContentPolicyOf(undefined)).toBe('review');
    expect(activeContentPolicyOf('reject')).toBe('reject');
    expect(() => activeContentPolicyOf('ignore')).toThrow(/review or reject, got ignore/);
  });
});
