import { createHash } from 'node:crypto';
import { escapeText, htmlText, wrapAnywhereCss } from '../../shared/html.ts';

export interface PageResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const css = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;background:#f4f5f7}
main{max-width:560px;margin:0 auto;padding:20px}h1{font-size:1.4rem;margin:.2rem 0 1rem}
.card{background:#fff;border-radius:8px;padding:16px 18px;margin-bottom:14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;margin:0}dt{color:#57606a}dd{margin:0;font-weight:600;word-break:break-word}
ul{margin:.3rem 0 0;padding-left:1.2rem}.band-high{color:#b42318}.band-medium{color:#b54708}.band-low{color:#067647}
.note{color:#57606a;font-size:.9rem}.msg{background:#fff4e5;border-left:4px solid #f79009;padding:10px 12px;margin-bottom:14px}
textarea,input[type=text]{width:100%;font:inherit;padding:8px;border:1px solid #d0d7de;border-radius:6px}
.actions{display:flex;gap:10px;flex-wrap:wrap;margin-top:12px}button{font:inherit;font-weight:600;padding:12px 18px;border-radius:6px;border:0;cursor:pointer;flex:1 1 180px}
.approve{background:#067647;color:#fff}.reject{background:#b42318;color:#fff}.neutral{background:#d0d7de;color:#1b1f24}
.item{font-weight:600}.fact-meta{display:block;font-weight:400;font-size:.85rem;color:#57606a}dd.check{color:#b42318}dd.check .fact-meta{color:#b42318}
main.with-document{max-width:1240px;display:grid;grid-template-columns:minmax(0,560px) minmax(0,1fr);gap:0 20px;align-items:start}
main.with-document>h1{grid-column:1/-1}.document{position:sticky;top:12px}.document iframe{display:block;width:100%;height:78vh;border:1px solid #d0d7de;border-radius:6px}
.document img{display:block;max-width:100%;height:auto;border:1px solid #d0d7de;border-radius:6px}
@media (max-width:900px){main.with-document{display:block}.document{position:static}.document iframe{height:70vh}}
body{${wrapAnywhereCss}}bdi{unicode-bidi:isolate}dl{grid-template-columns:fit-content(40%) minmax(0,1fr)}
.field{margin-bottom:14px}.field label{display:block;font-weight:600}.hint{margin:2px 0 4px;color:#57606a;font-size:.9rem}
.field-error{margin:2px 0 4px;color:#b42318;font-weight:600}.invalid input,.invalid select,.invalid textarea{border:2px solid #b42318}
input[type=date],select{font:inherit;padding:8px;border:1px solid #d0d7de;border-radius:6px;background:#fff;max-width:100%}
.amount{display:flex;gap:8px}.amount input{flex:1 1 auto}.amount select{flex:0 0 auto}
fieldset.row{border:1px solid #d0d7de;border-radius:6px;margin:0 0 12px;padding:10px 12px}legend{font-weight:600;padding:0 4px}
.rows h2{font-size:1.05rem;margin:.6rem 0}.rows dl{margin-bottom:8px}`;

const cspHash = createHash('sha256').update(css).digest('base64');

/** What a page may load besides its style: the linked document, framed (a PDF) or as an image, from one origin. */
export interface PageEmbeds {
  readonly frameFrom?: string;
  readonly imageFrom?: string;
  /** The base64 SHA-256 of the page's one inline script (the passkey script), allowed by hash alone. */
  readonly scriptHash?: string;
}

/** No scripts at all; styles only by hash; forms post back to this origin; never framed; a document only from its origin. */
function policy(embeds: PageEmbeds = {}): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${cspHash}'`,
    ...(embeds.scriptHash ? [`script-src 'sha256-${embeds.scriptHash}'`] : []),
    ...(embeds.frameFrom ? [`frame-src ${embeds.frameFrom}`] : []),
    ...(embeds.imageFrom ? [`img-src ${embeds.imageFrom}`] : []),
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export const contentSecurityPolicy = policy();

export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'X-Robots-Tag': 'noindex, nofollow',
};

/** Beside the page's content: the document, in its own column on a wide screen, below on a narrow one. */
export interface PageAside {
  readonly html: string;
  readonly embeds: PageEmbeds;
}

/** A complete page with Tower's security headers. */
export function page(
  statusCode: number,
  title: string,
  bodyHtml: string,
  aside?: PageAside,
  scriptHash?: string,
): PageResponse {
  const main = aside
    ? `<main class="with-document"><h1>${htmlText(title)}</h1><div>${bodyHtml}</div>${aside.html}</main>`
    : `<main><h1>${htmlText(title)}</h1>${bodyHtml}</main>`;
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeText(title)} · Tower</title><style>${css}</style></head>
<body>${main}</body></html>`;
  const headers =
    aside || scriptHash
      ? { ...securityHeaders, 'Content-Security-Policy': policy({ ...aside?.embeds, scriptHash }) }
      : securityHeaders;
  return { statusCode, headers, body };
}
