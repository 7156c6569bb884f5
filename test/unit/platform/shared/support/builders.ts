import type { Context } from 'aws-lambda';
import type { ApprovalRecord, ApproverEntry } from '../../../../../lambdas/platform/human-step/record.ts';
import { defaultChoices, type HumanStepRequest } from '../../../../../lambdas/platform/human-step/request.ts';
import { approvalIdFor, hashSecret } from '../../../../../lambdas/platform/human-step/secrets.ts';
import { type DocumentRef, documentIdOf } from '../../../../../lambdas/platform/shared/workflow.ts';
import type { DocumentRecord } from '../../../../../lambdas/platform/stores/documents.ts';
import type {
  Field,
  InvoiceHeader,
  NormalizedInvoice,
} from '../../../../../lambdas/processes/invoice/domain/invoice.ts';
import type {
  ApprovalDecisionNeeded,
  ExtractionResult,
  RulesResult,
  ScoreResult,
} from '../../../../../lambdas/processes/invoice/domain/workflow.ts';

/** Builders for step inputs and human tasks: a routine invoice that needs one approval unless told otherwise. */

/** The content's hash, and the document's id within the invoice process (both 64 hex). */
export const contentSha256 = 'd'.repeat(64);
export const documentId = documentIdOf('invoice', contentSha256);
export const stateMachineArn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:tower-invoice';
export const executionArn = `arn:aws:states:eu-west-1:123456789012:execution:tower-invoice:invoice-${documentId}`;
export const otherExecutionArn = `${executionArn}-other`;

export const field = (value: string, confidence = 97): Field => ({ value, confidence });

export function documentRef(overrides: Partial<DocumentRef> = {}): DocumentRef {
  return {
    documentId,
    process: 'invoice',
    contentSha256,
    bucket: 'tower-data',
    key: 'invoices/acme-0107.pdf',
    size: 2048,
    contentType: 'application/pdf',
    submittedBy: 'clerk@example.com',
    receivedAt: '2025-03-01T08:00:00.000Z',
    ...overrides,
  };
}

export function documentRecord(overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    ...documentRef(),
    status: 'EXECUTING',
    ownerExecution: executionArn,
    updatedAt: '2025-03-01T08:00:01.000Z',
    revision: 3,
    ...overrides,
  };
}

export function invoiceHeader(overrides: Partial<InvoiceHeader> = {}): InvoiceHeader {
  return {
    vendor: field('Acme Supplies Ltd'),
    invoiceNumber: field('INV-0107'),
    invoiceDate: field('2025-02-20'),
    dueDate: field('2025-03-22'),
    currency: field('EUR'),
    subtotal: field('10200.00'),
    tax: field('1938.00'),
    total: field('12138.00'),
    bankAccountHash: 'bank-hash-a',
    pageCount: 1,
    warnings: [],
    lineItemCount: 3,
    ...overrides,
  };
}

export function normalizedInvoice(overrides: Partial<NormalizedInvoice> = {}): NormalizedInvoice {
  const { lineItemCount: _, ...header } = invoiceHeader();
  return { ...header, lineItems: [], ...overrides };
}

export function score(overrides: Partial<ScoreResult> = {}): ScoreResult {
  return {
    score: 0.8123,
    band: 'high',
    rationale: [
      { feature: 'newBankAccount', value: 1, contribution: 2.1, explanation: 'the bank account is new' },
      { feature: 'amountZ', value: 3.2, contribution: 1.4, explanation: 'the amount is unusually high' },
    ],
    features: { newBankAccount: 1, amountZ: 3.2 },
    modelVersion: 'vendor-risk@2+abc',
    method: 'model',
    degraded: false,
    inputHash: 'a'.repeat(64),
    ...overrides,
  };
}

/** What the invoice's rules ask a person: the human step's request, in the process's words. */
export function humanRequest(overrides: Partial<HumanStepRequest> = {}): HumanStepRequest {
  return {
    title: 'Invoice INV-0107 from Acme Supplies Ltd (EUR 12,138.00)',
    facts: [
      { label: 'Vendor', value: 'Acme Supplies Ltd' },
      { label: 'Invoice', value: 'INV-0107' },
      { label: 'Amount', value: 'EUR 12,138.00' },
      { label: 'Invoice date', value: '2025-02-20' },
      { label: 'Due', value: '2025-03-22' },
    ],
    reasons: ['total above 10,000.00'],
    risk: { level: 'high', score: 0.81, rationale: ['the bank account is new'] },
    requirement: { additionalApprovals: 0, stepUp: false, amount: { value: '12138.00', currency: 'EUR' } },
    versions: { model: 'vendor-risk@2+abc', rules: 'invoice-rules@4' },
    ...overrides,
  };
}

export function approvalDecision(overrides: Partial<ApprovalDecisionNeeded> = {}): ApprovalDecisionNeeded {
  return {
    required: true,
    reasons: [{ rule: 'amount-threshold', message: 'total above 10,000.00' }],
    request: humanRequest(),
    ...overrides,
  };
}

export function rules(overrides: Partial<RulesResult> = {}): RulesResult {
  return {
    ruleSetVersion: 'invoice-rules@4',
    terms: { code: 'NET30', days: 30 },
    dueDate: '2025-03-22',
    discount: null,
    approval: approvalDecision(),
    fired: ['amount-threshold'],
    inputHash: 'b'.repeat(64),
    ...overrides,
  };
}

export function extraction(overrides: Partial<ExtractionResult> = {}): ExtractionResult {
  return {
    invoice: invoiceHeader(),
    artifactKey: `extractions/invoice/${documentId}.json`,
    inputHash: 'c'.repeat(64),
    activeContent: [],
    ...overrides,
  };
}

/** The link secrets of the approvers `approvalRecord` builds, by approver id. */
export const secrets = { a1: 'secret-of-approver-one-0001', a2: 'secret-of-approver-two-0002' } as const;

export function approver(
  email: string,
  secret: string,
  overrides: Partial<ApproverEntry> = {},
): ApproverEntry {
  return {
    email,
    role: 'approver',
    secretHashes: [hashSecret(secret)],
    notifiedAt: '2025-03-01T08:00:02.000Z',
    ...overrides,
  };
}

/** A pending approval for `executionArn` with two approvers, one approval needed, veto on. */
export function approvalRecord(overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return {
    approvalId: approvalIdFor(executionArn, 'approval'),
    documentId,
    process: 'invoice',
    executionArn,
    step: 'approval',
    policyId: 'invoice',
    workflowVersion: 'invoice@1+0123abcd',
    status: 'PENDING',
    phase: 'request',
    taskToken: 'token-request',
    approvers: {
      a1: approver('ann@example.com', secrets.a1),
      a2: approver('bob@example.com', secrets.a2),
    },
    escalationApprovers: ['esc@example.com'],
    requiredApprovals: 1,
    veto: true,
    separationOfDuties: true,
    submittedBy: 'clerk@example.com',
    stepUp: false,
    minDwellSeconds: 3,
    request: humanRequest(),
    choices: defaultChoices,
    summaryHash: 'e'.repeat(64),
    pageKey: 'page-key-for-tests',
    createdAt: '2025-03-01T08:00:02.000Z',
    deadlineAt: '2025-03-04T08:00:02.000Z',
    purgeAt: 1_800_000_000,
    ...overrides,
  };
}

/** The context Lambda hands a handler, for a function of this name. */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: 'request-1',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
