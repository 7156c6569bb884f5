/**
 * Active content in a PDF: what a reader may run or unpack when a person opens it. Found in the file's
 * own objects and in its compressed object streams (PDF 1.5+ hides dictionaries there, so a scan of the
 * raw bytes alone misses them), with names decoded (`/J#61vaScript` is `/JavaScript`).
 */

export type ActiveContentKind = 'javascript' | 'launch' | 'embedded-file' | 'rich-media' | 'xfa';

export interface ActiveContentFinding {
  readonly kind: ActiveContentKind;
  /** An /OpenAction or /AA (additional actions) entry is there: a reader may run it without a click. */
  readonly automatic: boolean;
}

/** What the platform does with a PDF that has active content: a person looks (default), or it is refused. */
export type ActiveContentPolicy = 'review' | 'reject';

export const activeContentPolicies: readonly ActiveContentPolicy[] = ['review', 'reject'];

/** The PDF names that reveal each kind (ISO 32000-1: 12.6.4 actions, 7.11.4 embedded files, 12.7.8 XFA). */
const markers: readonly (readonly [ActiveContentKind, RegExp])[] = [
  ['javascript', /\/(?:JS|JavaScript)(?![A-Za-z0-9])/],
  ['launch', /\/Launch(?![A-Za-z0-9])/],
  ['embedded-file', /\/(?:EmbeddedFiles?|FileAttachment)(?![A-Za-z0-9])/],
  ['rich-media', /\/RichMedia[A-Za-z]*(?![A-Za-z0-9])/],
  ['xfa', /\/XFA(?![A-Za-z0-9])/],
];

const automaticMarker = /\/(?:OpenAction|AA)(?![A-Za-z0-9])/;

/** `#xx` escapes in PDF names (7.3.5) decoded, so a hidden name reads as itself. */
export function decodeNames(text: string): string {
  return text.replace(/\/[^\s/<>[\]()%{}]*#[0-9A-Fa-f]{2}[^\s/<>[\]()%{}]*/g, (name) =>
    name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
  );
}

/** Each kind of active content found in the PDF's texts (the raw file and its inflated object streams). */
export function findActiveContent(texts: readonly string[]): ActiveContentFinding[] {
  const decoded = texts.map(decodeNames);
  const automatic = decoded.some((t) => automaticMarker.test(t));
  return markers
    .filter(([, marker]) => decoded.some((t) => marker.test(t)))
    .map(([kind]) => ({ kind, automatic: automatic && (kind === 'javascript' || kind === 'launch') }));
}

const described: Readonly<Record<ActiveContentKind, string>> = {
  javascript: 'JavaScript',
  launch: 'an action that launches a program or file (/Launch)',
  'embedded-file': 'embedded files',
  'rich-media': 'rich media (Flash or video, /RichMedia)',
  xfa: 'an XFA form (scriptable)',
};

/** One sentence for a person or a quarantine reason: `The PDF contains JavaScript, run when it is opened`. */
export function describeActiveContent(findings: readonly ActiveContentFinding[]): string {
  const parts = findings.map(
    (f) => `${described[f.kind]}${f.automatic ? ', run when it is opened (/OpenAction or /AA)' : ''}`,
  );
  return `The PDF contains ${parts.join('; ')}: do not open it in a PDF reader; check it was expected from this sender`;
}

/** The policy from its environment variable; unset is `review`, anything else unknown is a wiring error. */
export function activeContentPolicyOf(value: string | undefined): ActiveContentPolicy {
  if (value === undefined || value === '') return 'review';
  const policy = activeContentPolicies.find((p) => p === value);
  if (policy === undefined)
    throw new Error(`ACTIVE_CONTENT_POLICY must be ${activeContentPolicies.join(' or ')}, got ${value}`);
  return policy;
}
