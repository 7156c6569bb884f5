import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What pdf.js (an implementation independent of the inspector) makes of a PDF, given a password or none. */
export type PdfjsOutcome =
  | {
      readonly outcome: 'opens';
      readonly encryptFilter: string | null;
      readonly pages: number;
      readonly text: string;
    }
  | { readonly outcome: 'needs-password' }
  | { readonly outcome: 'refuses'; readonly error: string };

export async function pdfjsOpen(bytes: Uint8Array, password?: string): Promise<PdfjsOutcome> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, password });
  try {
    const pdf = await task.promise;
    const { info } = await pdf.getMetadata();
    const filter = (info as { EncryptFilterName?: unknown }).EncryptFilterName;
    const content = await (await pdf.getPage(1)).getTextContent();
    const text = content.items.flatMap((item) => ('str' in item ? [item.str] : [])).join(' ');
    return {
      outcome: 'opens',
      encryptFilter: typeof filter === 'string' ? filter : null,
      pages: pdf.numPages,
      text,
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') return { outcome: 'needs-password' };
    return {
      outcome: 'refuses',
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  } finally {
    await task.destroy();
  }
}
