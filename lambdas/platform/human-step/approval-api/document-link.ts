import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '../../data/client.ts';
import type { HumanStepDocument } from '../request.ts';

/** How the page shows a linked document: in a frame (PDF), as an image, or only as a link. */
export type InlineKind = 'pdf' | 'image' | 'link';

/** A link to the document decided on, valid for a few minutes, signed with the approval function's role. */
export interface DocumentLink {
  readonly url: string;
  /** The URL's origin, the one place the page's CSP lets frames and images come from. */
  readonly origin: string;
  readonly name: string;
  readonly inline: InlineKind;
  readonly expiresInSeconds: number;
}

/** Signs a link to a document; undefined when it cannot (the page then says so and still decides). */
export type LinkDocument = (document: HumanStepDocument) => Promise<DocumentLink | undefined>;

/** Short-lived: reloading the page (no-store) signs a new one. */
export const documentLinkSeconds = 600;

// Types a browser shows inline without running anything; SVG and HTML are deliberately absent.
const inlineTypes: Readonly<Record<string, InlineKind>> = {
  'application/pdf': 'pdf',
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
};
const byExtension: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** The file name shown: the request's, or the key's last segment. */
export const documentName = (document: HumanStepDocument): string =>
  document.name ?? document.key.split('/').pop() ?? document.key;

/**
 * The type the link serves the object as: a declared type a browser shows safely, else the one its name's
 * extension says, else none (the object is then only offered for download).
 */
export function servedType(document: HumanStepDocument): string | undefined {
  const declared = document.contentType?.split(';')[0]?.trim().toLowerCase();
  if (declared && declared in inlineTypes) return declared;
  const extension = /\.([a-z0-9]+)$/i.exec(documentName(document))?.[1]?.toLowerCase() ?? '';
  return byExtension[extension];
}

/** `inline; filename*=UTF-8''…` (RFC 6266), so any name survives and none breaks the header. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `${kind}; filename*=UTF-8''${encoded}`;
}

/**
 * Presigned S3 GetObject links. The link carries the signer's permissions (the approval function's
 * s3:GetObject on the intake prefixes and kms:Decrypt) and ends at the earlier of its expiry and the
 * role session's; the response type and disposition are fixed by the signature, whatever the object says.
 */
export function presignedDocumentLinks(
  client: S3Client = s3,
  expiresInSeconds = documentLinkSeconds,
): (document: HumanStepDocument) => Promise<DocumentLink> {
  return async (document) => {
    const type = servedType(document);
    const name = documentName(document);
    const command = new GetObjectCommand({
      Bucket: document.bucket,
      Key: document.key,
      ...(document.versionId ? { VersionId: document.versionId } : {}),
      ResponseContentType: type ?? 'application/octet-stream',
      ResponseContentDisposition: disposition(type ? 'inline' : 'attachment', name),
    });
    const url = await getSignedUrl(client, command, { expiresIn: expiresInSeconds });
    return {
      url,
      origin: new URL(url).origin,
      name,
      inline: type ? (inlineTypes[type] ?? 'link') : 'link',
      expiresInSeconds,
    };
  };
}
