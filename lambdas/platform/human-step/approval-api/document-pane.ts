import { escapeHtml as attr, escapeText, htmlText as text } from '../../shared/html.ts';
import { logger } from '../../shared/observability.ts';
import type { ApprovalRecord } from '../record.ts';
import type { HumanStepDocument } from '../request.ts';
import type { DecideDeps } from './caller.ts';
import { type DocumentLink, documentName } from './document-link.ts';
import type { PageAside } from './layout.ts';

/**
 * The document decided on, beside the facts: a link that opens it, and the document itself where the
 * browser can show it (a PDF framed, an image). The page's CSP admits the link's origin for that one use.
 */
export function documentPane(
  document: HumanStepDocument | null | undefined,
  link: DocumentLink | undefined,
): PageAside | undefined {
  if (!document) return undefined;
  if (!link)
    return {
      html: `<aside class="document card"><b>The document</b><p class="note">${text(documentName(document))} could not be linked just now; reload the page to try again.</p></aside>`,
      embeds: {},
    };
  const minutes = Math.round(link.expiresInSeconds / 60);
  const open = `<a href="${attr(link.url)}" target="_blank" rel="noopener noreferrer">Open ${text(link.name)}</a>`;
  const shown =
    link.inline === 'pdf'
      ? `<iframe src="${attr(link.url)}" title="The document: ${escapeText(link.name)}"></iframe>`
      : link.inline === 'image'
        ? `<img src="${attr(link.url)}" alt="The document: ${escapeText(link.name)}">`
        : '<p class="note">This browser cannot show this type of file here; open it to read it.</p>';
  return {
    html: `<aside class="document card"><p><b>The document</b> · ${open}<span class="fact-meta">The link works for ${minutes} minutes; reloading the page makes a new one.</span></p>${shown}</aside>`,
    embeds:
      link.inline === 'pdf'
        ? { frameFrom: link.origin }
        : link.inline === 'image'
          ? { imageFrom: link.origin }
          : {},
  };
}

/** The document pane of a page: a fresh short-lived link, or a note when none could be signed. */
export async function documentOf(deps: DecideDeps, record: ApprovalRecord): Promise<PageAside | undefined> {
  const document = record.request.document;
  if (!document) return undefined;
  let link: DocumentLink | undefined;
  try {
    link = await deps.linkDocument?.(document);
  } catch (error) {
    // The person still sees the facts and may decide; the page says the link is missing.
    logger.warn('Document link could not be signed', {
      approvalId: record.approvalId,
      errorName: (error as Error).name,
    });
  }
  return documentPane(document, link);
}
