import { logger } from '../../shared/observability.ts';
import { voteEvent } from '../decision.ts';
import { isSubmitter, tally } from '../outcome.ts';
import type { ApprovalRecord, StoredVote } from '../record.ts';
import type { HumanStepChoice } from '../request.ts';
import { hashSecret, secretMatches, signNonce, verifyNonce } from '../secrets.ts';
import { auditBase, type Caller, type DecideDeps } from './caller.ts';
import type { DocumentLink } from './document-link.ts';
import { documentPane } from './document-pane.ts';
import type { PageAside, PageResponse } from './layout.ts';
import { choosePage, confirmPage, endedPage, pages } from './pages.ts';
import type { PageRequest } from './request.ts';
import { handOnUndelivered, settle } from './settle.ts';
import { formExtras, proveDecision, signInGate } from './sign-in.ts';
import { checkCode, sendCode } from './step-up.ts';
import { withIdentity } from './vote-identity.ts';

/** How long a rendered page may be submitted. */
const pageLifetimeSeconds = 3600;
// Compared against for unknown approval ids, so they cost what a wrong secret costs.
const decoyHashes = [hashSecret('decoy-a'), hashSecret('decoy-b')];

/** Serves one approval page request: GET/HEAD only ever render; POST decides at most once. */
export async function servePage(deps: DecideDeps, linkRequest: PageRequest): Promise<PageResponse> {
  const linkCaller = await authenticate(deps, linkRequest);
  if (!linkCaller) return pages.invalidLink();
  if (linkCaller.record.status !== 'PENDING') return decideAs(deps, linkCaller, linkRequest);
  // The link found the task; the identity gate finds the person (under `link`, the link's approver).
  const gate = await signInGate(deps, linkCaller, linkRequest);
  const response = 'page' in gate ? gate.page : await decideAs(deps, gate.caller, gate.request);
  return gate.setCookie
    ? { ...response, headers: { ...response.headers, 'Set-Cookie': gate.setCookie } }
    : response;
}

async function decideAs(deps: DecideDeps, caller: Caller, request: PageRequest): Promise<PageResponse> {
  const { record } = caller;
  if (record.status !== 'PENDING') {
    if (request.method !== 'HEAD') await handOnUndelivered(deps, record);
    return endedPage(record);
  }
  const vote = record.approvers[caller.approverId]?.vote;
  // Sent again after an answer that never came (the run stopped after storing the vote): votes that decide are counted.
  if (vote && request.method === 'POST' && tally(record).result !== 'pending')
    return settle(deps, caller, record, vote.decision);
  if (vote) return pages.alreadyVoted(vote.decision, vote.at, record.request.title);
  if (request.method !== 'POST') return renderChoose(deps, caller, request);
  return request.form.step === 'confirm' ? confirm(deps, caller, request) : choose(deps, caller, request);
}

/** The approver whose secret this is; undefined for an unknown approval or a wrong secret (both audited alike). */
async function authenticate(deps: DecideDeps, request: PageRequest): Promise<Caller | undefined> {
  const record = await deps.approvals.get(request.approvalId);
  const entries = record ? Object.entries(record.approvers) : [];
  let found: [string, string] | undefined;
  for (const [id, approver] of entries) {
    if (secretMatches(request.secret, approver.secretHashes)) found = [id, approver.email];
  }
  if (!record) secretMatches(request.secret, decoyHashes);
  if (record && found) return { record, approverId: found[0], email: found[1] };
  await deps.audit.append({
    documentId: record?.documentId ?? 'approvals/unknown',
    step: record?.step ?? 'approval',
    type: 'LINK_REFUSED',
    actor: { kind: 'person', id: 'unknown' },
    decision: 'refused',
    rationale: [
      record ? 'the link secret does not match any approver of this approval' : 'unknown approval id',
    ],
    versions: { workflow: record?.workflowVersion },
    details: { approvalId: request.approvalId, method: request.method, ...request.client },
  });
  return undefined;
}

async function renderChoose(
  deps: DecideDeps,
  caller: Caller,
  request: PageRequest,
  note?: string,
): Promise<PageResponse> {
  const nonce = signNonce(
    caller.record.pageKey,
    caller.record.approvalId,
    caller.approverId,
    deps.now().getTime(),
    'choose',
  );
  const submitter = isSubmitter(caller.record, caller.email);
  return choosePage(caller.record, nonce, {
    extras: await formExtras(deps, caller, request),
    approveAllowed: !submitter,
    note: note ?? (submitter ? 'You submitted this document, so you may only reject it.' : undefined),
    document: await documentOf(deps, caller.record),
  });
}

async function renderConfirm(
  deps: DecideDeps,
  caller: Caller,
  request: PageRequest,
  choice: HumanStepChoice,
  comment: string,
  renderedAt: number,
  note?: string,
) {
  const nonce = signNonce(
    caller.record.pageKey,
    caller.record.approvalId,
    caller.approverId,
    renderedAt,
    'confirm',
    choice.id,
  );
  return confirmPage(caller.record, choice, nonce, comment, {
    extras: await formExtras(deps, caller, request, { choice, nonce }),
    stepUp: caller.record.stepUp,
    note,
    document: await documentOf(deps, caller.record),
  });
}

function freshNonce(
  deps: DecideDeps,
  caller: Caller,
  request: PageRequest,
  step: string,
  choice?: string,
): number | undefined {
  const renderedAt = verifyNonce(
    caller.record.pageKey,
    caller.record.approvalId,
    caller.approverId,
    request.form.nonce ?? '',
    step,
    choice,
  );
  if (renderedAt === undefined || deps.now().getTime() - renderedAt > pageLifetimeSeconds * 1000)
    return undefined;
  return renderedAt;
}

/** The document pane of a page: a fresh short-lived link, or a note when none could be signed. */
async function documentOf(deps: DecideDeps, record: ApprovalRecord): Promise<PageAside | undefined> {
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

/** The choice a form names, among those the process offered; an unknown id is no choice. */
const choiceOf = (record: ApprovalRecord, value: string | undefined): HumanStepChoice | undefined =>
  record.choices.find((c) => c.id === value);

/** First POST: the choice. It decides nothing; it leads to the confirmation (and sends the code if step-up applies). */
async function choose(deps: DecideDeps, caller: Caller, request: PageRequest): Promise<PageResponse> {
  const renderedAt = freshNonce(deps, caller, request, 'choose');
  if (renderedAt === undefined)
    return renderChoose(deps, caller, request, 'This page had expired. Please choose again.');
  const choice = choiceOf(caller.record, request.form.decision);
  if (!choice) return renderChoose(deps, caller, request, 'Choose one of the buttons.');
  if (choice.effect === 'approve' && isSubmitter(caller.record, caller.email))
    return refuseSubmitter(deps, caller, request);
  if (caller.record.stepUp) await sendCode(deps, caller, request);
  return renderConfirm(
    deps,
    caller,
    request,
    choice,
    (request.form.comment ?? '').slice(0, 1000),
    renderedAt,
  );
}

/** Second POST: the decision, if the page was seen long enough and the code (when required) is right. */
async function confirm(deps: DecideDeps, caller: Caller, request: PageRequest): Promise<PageResponse> {
  const { record } = caller;
  const choice = choiceOf(record, request.form.decision);
  const comment = (request.form.comment ?? '').slice(0, 1000);
  if (!choice) return renderChoose(deps, caller, request, 'Choose one of the buttons.');
  const renderedAt = freshNonce(deps, caller, request, 'confirm', choice.id);
  if (renderedAt === undefined) {
    if (confirmsAnotherChoice(caller, request)) return refuseSwappedChoice(deps, caller, request, choice);
    return renderChoose(deps, caller, request, 'This page had expired. Please choose again.');
  }
  const decision = choice.effect;
  if (decision === 'approve' && isSubmitter(record, caller.email))
    return refuseSubmitter(deps, caller, request);
  const now = deps.now();
  if (now.getTime() - renderedAt < record.minDwellSeconds * 1000) {
    await auditRefusal(
      deps,
      caller,
      request,
      'DECISION_TOO_FAST',
      'confirmed faster than a person reads the page',
    );
    return renderConfirm(
      deps,
      caller,
      request,
      choice,
      comment,
      now.getTime(),
      'Please review it and confirm again.',
    );
  }
  if (record.stepUp) {
    const problem = await checkCode(deps, caller, request);
    if (problem === 'locked') return pages.locked(record.request.title);
    if (problem) return renderConfirm(deps, caller, request, choice, comment, renderedAt, problem);
  }
  const proof = await proveDecision(deps, caller, request, choice);
  if ('refused' in proof)
    return renderConfirm(deps, caller, request, choice, comment, renderedAt, proof.refused);
  const vote: StoredVote = {
    approver: caller.email,
    decision,
    choice: choice.id,
    at: now.toISOString(),
    comment: comment || undefined,
    clientIp: request.client.ip,
    userAgent: request.client.userAgent,
    summaryHash: record.summaryHash,
  };
  const recorded = await deps.approvals.recordVote(
    record.approvalId,
    caller.approverId,
    vote,
    withIdentity(voteEvent(record, vote), proof.identity),
  );
  if (!recorded.recorded) {
    const current = recorded.record;
    const own = current?.approvers[caller.approverId]?.vote;
    if (current && current.status === 'PENDING' && own)
      return pages.alreadyVoted(own.decision, own.at, current.request.title);
    return current ? endedPage(current) : pages.invalidLink();
  }
  return settle(deps, caller, recorded.record, decision);
}

/** Audits a request that was refused, with why; it decides nothing. */
async function auditRefusal(
  deps: DecideDeps,
  caller: Caller,
  request: PageRequest,
  type: string,
  why: string,
): Promise<void> {
  await deps.audit.append({ ...auditBase(caller, request), type, decision: 'refused', rationale: [why] });
}

async function refuseSubmitter(
  deps: DecideDeps,
  caller: Caller,
  request: PageRequest,
): Promise<PageResponse> {
  const why = 'the submitter cannot approve their own document';
  await auditRefusal(deps, caller, request, 'SEPARATION_OF_DUTIES_REFUSED', why);
  return pages.submitter(caller.record.request.title);
}

/** Whether the posted confirmation nonce is authentic, but for another of the offered choices. */
function confirmsAnotherChoice(caller: Caller, request: PageRequest): boolean {
  const { record } = caller;
  return record.choices.some(
    (c) =>
      c.id !== request.form.decision &&
      verifyNonce(
        record.pageKey,
        record.approvalId,
        caller.approverId,
        request.form.nonce ?? '',
        'confirm',
        c.id,
      ) !== undefined,
  );
}

/** A confirmation posted with another choice than the one it confirmed: decides nothing, audited. */
async function refuseSwappedChoice(
  deps: DecideDeps,
  caller: Caller,
  request: PageRequest,
  posted: HumanStepChoice,
): Promise<PageResponse> {
  const why = `a confirmation of another choice was posted with "${posted.id}"`;
  await auditRefusal(deps, caller, request, 'CONFIRMATION_MISMATCH', why);
  const note = 'That confirmation was for another choice, so nothing was decided. Please choose again.';
  return renderChoose(deps, caller, request, note);
}
