import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicePdf, randomInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import type { Decision } from '../../local/iam/decisions.ts';
import { iamFiles } from '../../local/iam/parity.ts';
import type { SynthesizedTemplate } from '../../local/iam/template.ts';
import { startTestRuntime } from './support/runtime.ts';

/** The template with one action taken out of every statement of a function's role policies. */
function withoutAction(
  template: SynthesizedTemplate,
  functionId: string,
  action: string,
): SynthesizedTemplate {
  const role = template.logicalIds.functions[functionId]?.role;
  if (!role) throw new Error(`no role for ${functionId} in the template`);
  const resources = Object.fromEntries(
    Object.entries(template.resources).map(([id, resource]) => {
      const roles = JSON.stringify(resource.Properties?.Roles ?? []);
      if (resource.Type !== 'AWS::IAM::Policy' || !roles.includes(`"${role}"`)) return [id, resource];
      const document = resource.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] };
      const Statement = document.Statement.map((s) => ({
        ...s,
        Action: (Array.isArray(s.Action) ? s.Action : [s.Action]).filter((a) => a !== action),
      })).filter((s) => s.Action.length > 0);
      return [
        id,
        { ...resource, Properties: { ...resource.Properties, PolicyDocument: { ...document, Statement } } },
      ];
    }),
  );
  return { ...template, resources };
}

// The rules step's RULES_APPLIED audit write is a PutItem on a table encrypted with the customer
// managed key: DynamoDB calls kms:Decrypt with the caller's credentials on every data-plane call, writes
// included (AWS KMS Developer Guide, "How Amazon DynamoDB uses AWS KMS",
// https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html). Without Decrypt on
// `append`, AWS denies the write with AccessDeniedException; the local runtime must too.
describe('IAM parity: append access without kms:Decrypt', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  beforeAll(async () => {
    t = await startTestRuntime({
      iamTemplate: (template) => withoutAction(template, 'rules', 'kms:Decrypt'),
    });
  });
  afterAll(async () => {
    await t?.runtime.stop();
  });

  it('fails the invoice in the rules step with AccessDeniedException, as AWS would', async () => {
    // Prepare
    const pdf = await invoicePdf(
      randomInvoiceSpec('iam-no-decrypt', {
        language: 'en',
        currency: 'EUR',
        lineItems: [{ description: 'Consulting', quantity: 2, unitPriceCents: 45_000 }],
      }),
    );
    // Act
    const id = await t.tools.drop('invoice', 'no-decrypt.pdf', pdf);
    const doc = await t.tools.waitForStatus(id, ['COMPLETED', 'FAILED', 'AWAITING_APPROVAL']);
    // Assess
    expect(doc).toMatchObject({ status: 'FAILED', failureClass: 'permanent', failedStep: 'rules' });
    expect(doc.statusReason).toMatch(/AccessDeniedException|KMS key access denied/);
    const decisions = readFileSync(iamFiles(t.runtime.dataDir).decisions, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Decision);
    const denied = decisions.filter((d) => !d.allowed);
    expect(denied.map((d) => [d.principal.split('/').pop(), d.action])).toEqual([
      ['tower-local-rules', 'kms:Decrypt'],
    ]);
    expect(denied[0]?.via).toBe("dynamodb on the caller's behalf");
  });
});
