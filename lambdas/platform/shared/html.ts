import { visibleText } from './visible-text.ts';

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/**
 * Text where no element may stand (`<title>`) or where the wording is the process's own (a button's
 * label): escaped, control and bidi marks written out, not isolated.
 */
export function escapeText(value: string): string {
  return escapeHtml(visibleText(value));
}

/**
 * Untrusted text as element content: control and bidi marks shown as escapes, HTML escaped, and the
 * whole isolated in `<bdi>`, so right-to-left text in it cannot reorder what stands around it.
 * Not for attribute values or `<title>`/`<textarea>` content, which hold no elements: use escapeHtml.
 *
 * @example htmlText('INV\u202E42') === '<bdi>INV\\u202E42</bdi>'
 */
export function htmlText(value: string): string {
  return `<bdi>${escapeText(value)}</bdi>`;
}

/** The CSS that lets any long value wrap rather than widen its page (a 256-character vendor, a URL). */
export const wrapAnywhereCss = 'overflow-wrap:anywhere';
