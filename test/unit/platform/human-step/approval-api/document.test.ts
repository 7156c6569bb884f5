import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { servePage } from '../../../../../lambdas/platform/human-step/approval-api/decide.ts';
import {
  documentLinkSeconds,
  presignedDocumentLinks,
  servedType,
} from '../../../../../lambdas/platform/human-step/approval-api/document-link.ts';
import { documentPane } from '../../../../../lambdas/platform/human-step/approval-api/document-pane.ts';
import type { HumanStepDocument } from '../../../../../lambdas/platform/human-step/request.ts';
import { humanRequest, secrets } from '../../shared/support/builders.ts';
import { approvalApi, pageRequest } from './support.ts';

const pdf: HumanStepDocument = {
  bucket: 'tower-data',
  key: 'invoices/acme 07.pdf',
  versionId: 'v1',
  contentType: 'binary/octet-stream',
};
// Signing is computed locally: no request leaves the test.
const client = new S3Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' },
});

describe('the document link', () => {
  it.each([
    [{ contentType: 'application/pdf', key: 'x/scan' }, 'application/pdf'],
    [{ contentType: 'image/png; charset=binary', key: 'x/a.pdf' }, 'image/png'],
    [{ contentType: 'binary/octet-stream', key: 'x/a.PDF' }, 'application/pdf'],
    [{ key: 'x/a.jpeg' }, 'image/jpeg'],
    [{ contentType: 'text/html', key: 'x/a.html' }, undefined],
    [{ contentType: 'image/svg+xml', key: 'x/a.svg' }, undefined],
    [{ key: 'x/a.tiff' }, undefined],
  ])('serves %o as %s (never HTML or SVG, which could run script)', (given, type) => {
    expect(servedType({ bucket: 'b', ...given })).toBe(type);
  });

  it('is a presigned GetObject of the version, short-lived, fixing type and disposition', async () => {
    // Act
    const link = await presignedDocumentLinks(client)(pdf);
    // Assess
    const url = new URL(link.url);
    expect(url.origin).toBe('https://tower-data.s3.eu-west-1.amazonaws.com');
    expect(link.origin).toBe(url.origin);
    expect(url.pathname).toBe('/invoices/acme%2007.pdf');
    const q = url.searchParams;
    expect(q.get('X-Amz-Expires')).toBe(String(documentLinkSeconds));
    expect(documentLinkSeconds).toBeLessThanOrEqual(900);
    expect(q.get('versionId')).toBe('v1');
    expect(q.get('response-content-type')).toBe('application/pdf');
    expect(q.get('response-content-disposition')).toBe("inline; filename*=UTF-8''acme%2007.pdf");
    expect(q.get('X-Amz-Security-Token')).toBe('session');
    expect(link).toMatchObject({ name: 'acme 07.pdf', inline: 'pdf' });
  });

  it('offers a type no browser shows safely only as a download', async () => {
    const link = await presignedDocumentLinks(client)({
      bucket: 'b',
      key: 'in/notes.html',
      name: "a'b.html",
    });
    const q = new URL(link.url).searchParams;
    expect(q.get('response-content-type')).toBe('application/octet-stream');
    expect(q.get('response-content-disposition')).toBe("attachment; filename*=UTF-8''a%27b.html");
    expect(link.inline).toBe('link');
  });
});

describe('the document pane', () => {
  const link = (inline: 'pdf' | 'image' | 'link') => ({
    url: 'http://127.0.0.1:4569/b/k.pdf?X-Amz-Signature=a&x=1',
    origin: 'http://127.0.0.1:4569',
    name: 'k.pdf',
    inline,
    expiresInSeconds: 600,
  });

  it('frames a PDF and lets the page frame only the link’s origin', () => {
    const pane = documentPane(pdf, link('pdf'));
    expect(pane?.html).toContain(
      '<iframe src="http://127.0.0.1:4569/b/k.pdf?X-Amz-Signature=a&amp;x=1" title="The document: k.pdf">',
    );
    expect(pane?.html).toContain('rel="noopener noreferrer"');
    expect(pane?.html).toContain('works for 10 minutes');
    expect(pane?.embeds).toEqual({ frameFrom: 'http://127.0.0.1:4569' });
  });

  it('shows an image as one, and only links what the browser cannot show', () => {
    expect(documentPane(pdf, link('image'))?.embeds).toEqual({ imageFrom: 'http://127.0.0.1:4569' });
    expect(documentPane(pdf, link('image'))?.html).toContain('<img src=');
    const other = documentPane(pdf, link('link'));
    expect(other?.embeds).toEqual({});
    expect(other?.html).not.toMatch(/<iframe|<img/);
    expect(other?.html).toContain('Open <bdi>k.pdf</bdi>');
  });

  it('says so when the link could not be signed, and is absent when no document is named', () => {
    const missing = documentPane(pdf, undefined);
    expect(missing?.html).toContain('<bdi>acme 07.pdf</bdi> could not be linked just now');
    expect(missing?.embeds).toEqual({});
    expect(documentPane(undefined, link('pdf'))).toBeUndefined();
  });
});

describe('servePage with a document', () => {
  it('signs a fresh link for each page and admits its origin in the CSP, for that page only', async () => {
    // Prepare
    const f = approvalApi({ record: { request: humanRequest({ document: pdf }) } });
    const signed: HumanStepDocument[] = [];
    const deps = {
      ...f.deps,
      linkDocument: async (document: HumanStepDocument) => {
        signed.push(document);
        return presignedDocumentLinks(client)(document);
      },
    };
    // Act
    const response = await servePage(deps, pageRequest('GET', f.approvalId, secrets.a1));
    const plain = await servePage(approvalApi().deps, pageRequest('GET', f.approvalId, secrets.a1));
    // Assess
    expect(signed).toEqual([pdf]);
    const csp = response.headers['Content-Security-Policy'] ?? '';
    expect(csp).toContain('frame-src https://tower-data.s3.eu-west-1.amazonaws.com');
    expect(csp).not.toContain('img-src');
    expect(csp).toContain("default-src 'none'");
    expect(response.body).toContain('<main class="with-document">');
    expect(plain.headers['Content-Security-Policy']).not.toContain('frame-src');
  });

  it('still renders the decision when signing fails, saying the document could not be linked', async () => {
    const f = approvalApi({ record: { request: humanRequest({ document: pdf }) } });
    const deps = {
      ...f.deps,
      linkDocument: async () => {
        throw new Error('no credentials');
      },
    };
    const response = await servePage(deps, pageRequest('GET', f.approvalId, secrets.a1));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('could not be linked just now');
    expect(response.body).toContain('value="approve"');
  });
});
