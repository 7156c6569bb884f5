import type { FormValues } from '../form/types.ts';
import { castVote, handOnReopened, settleVotes, stateOf } from '../lifecycle/index.ts';
import { isSubmitter } from '../outcome.ts';
import type { ApprovalRecord, StoredVote } from '../record.ts';
import type { HumanStepChoice } from '../request.ts';
import { hashSecret, secretMatches, signNonce, verifyNonce } from '../secrets.ts';
import { auditBase, type Caller, type DecideDeps } from './caller.ts';
import { documentOf } from './document-pane.ts';
import {
  boundChoice,
  chooseFields,
  claimedBinding,
  confirmFields,
  type Kept,
  submitForm,
} from './form-step.ts';
import type { PageResponse } from './layout.ts';
import { choosePage, confirmPage, endedPage, pages } from './pages.ts';
import type { PageRequest } from './request.ts';
import { apiActor, settlementPage } from './settle.ts';
import { formExtras, proveDecision, signInGate } from './sign-in.ts';
import { checkCode, sendCode } from './step-up.ts';

/** How long a rendered page may be submitted. */
const pageLifetimeSeconds = 3600;
// Compared against for unknown approval ids, so they cost what a wrong secret costs.
const decoyHashes = [hashSecret('decoy-a'), hashSecret('decoy-b')];

/** Serves one approval page request: GET/HEAD only ever render; POST decides at most once. */
export async function servePage(deps: DecideDeps, linkRequest: PageRequest): Promise<PageResponse> {
  const linkCaller = await authenticate(deps, linkRequest);
  if (!linkCaller) return pages.invalidLink();
  if (stateOf(linkCaller.record) !== 'pending') return decideAs(deps, linkCaller, linkRequest);
  // The link found the task; the identity gate finds the person (under `link`, the link's approver).
  const gate = await signInGate(deps, linkCaller, linkRequest);
  const response = 'page' in gate ? gate.page : await decideAs(deps, gate.caller, gate.request);
  return gate.setCookie
    ? { ...response, headers: { ...response.headers, 'Set-Cookie': gate.setCookie } }
    : response;
}

async function decideAs(deps: DecideDeps, caller: Caller, request: PageRequest): Promise<PageResponse> {
  const { record } = caller;
  if (stateOf(record) !== 'pending') {
    if (request.method !== 'HEAD') await handOnReopened(deps, record, apiActor);
    return endedPage(record);
  }
  const vote = record.approvers[caller.approverId]?.vote;
  // Sent again after an answer that never came (the run stopped after storing the vote): votes that decide are counted.
  if (vote && request.method === 'POST') {
    const settled = await settleVotes(deps, record, { kind: 'person', id: caller.email }, apiActor);
    if (settled.kind !== 'pending') return settlementPage(settled, vote.decision, record.request.title);
  }
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
  kept?: Kept,
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
    form: chooseFields(caller.record, kept),
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
  values?: FormValues,
) {
  const nonce = signNonce(
    caller.record.pageKey,
    caller.record.approvalId,
    caller.approverId,
    renderedAt,
    'confirm',
    boundChoice(choice.id, values),
  );
  return confirmPage(caller.record, choice, nonce, comment, {
    extras: await formExtras(deps, caller, request, { choice, nonce }),
    stepUp: caller.record.stepUp,
    form: confirmFields(caller.record, values),
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
  const submitted = submitForm(caller.record, choice, request.form);
  if (!submitted.ok) return renderChoose(deps, caller, request, undefined, submitted.kept);
  if (caller.record.stepUp) await sendCode(deps, caller, request);
  const comment = (request.form.comment ?? '').slice(0, 1000);
  return renderConfirm(deps, caller, request, choice, comment, renderedAt, undefined, submitted.values);
}

/** Second POST: the decision, if the page was seen long enough and the code (when required) is right. */
async function confirm(deps: DecideDeps, caller: Caller, request: PageRequest): Promise<PageResponse> {
  const { record } = caller;
  const choice = choiceOf(record, request.form.decision);
  const comment = (request.form.comment ?? '').slice(0, 1000);
  if (!choice) return renderChoose(deps, caller, request, 'Choose one of the buttons.');
  // The values come back in hidden fields: checked again, and against what the nonce confirmed.
  const submitted = submitForm(record, choice, request.form);
  if (!submitted.ok) return renderChoose(deps, caller, request, undefined, submitted.kept);
  const { values } = submitted;
  const bound = boundChoice(choice.id, values);
  const renderedAt = freshNonce(deps, caller, request, 'confirm', bound);
  if (renderedAt === undefined) {
    if (confirmsAnotherChoice(caller, request, bound))
      return refuseSwappedChoice(deps, caller, request, choice);
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
    const again = 'Please review it and confirm again.';
    return renderConfirm(deps, caller, request, choice, comment, now.getTime(), again, values);
  }
  if (record.stepUp) {
    const problem = await checkCode(deps, caller, request);
    if (problem === 'locked') return pages.locked(record.request.title);
    if (problem) return renderConfirm(deps, caller, request, choice, comment, renderedAt, problem, values);
  }
  const proof = await proveDecision(deps, caller, request, choice);
  if ('refused' in proof)
    return renderConfirm(deps, caller, request, choice, comment, renderedAt, proof.refused, values);
  const vote: StoredVote = {
    approver: caller.email,
    decision,
    choice: choice.id,
    at: now.toISOString(),
    comment: comment || undefined,
    clientIp: request.client.ip,
    userAgent: request.client.userAgent,
    summaryHash: record.summaryHash,
    ...(values === undefined ? {} : { values }),
  };
  const result = await castVote(deps, record, caller.approverId, vote, apiActor, {
    identity: proof.identity,
  });
  return settlementPage(result, decision, record.request.title);
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

/** Whether the posted confirmation nonce is authentic, but for another choice, or for other values of a form. */
function confirmsAnotherChoice(caller: Caller, request: PageRequest, bound: string): boolean {
  const { record } = caller;
  return record.choices.some(
    (c) =>
      claimedBinding(record, c.id, request.form) !== bound &&
      verifyNonce(
        record.pageKey,
        record.approvalId,
        caller.approverId,
        request.form.nonce ?? '',
        'confirm',
        claimedBinding(record, c.id, request.form),
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
  const other = caller.record.request.form ? 'another choice or other values' : 'another choice';
  const why = `a confirmation of ${other} was posted with "${posted.id}"`;
  await auditRefusal(deps, caller, request, 'CONFIRMATION_MISMATCH', why);
  const note = `That confirmation was for ${other}, so nothing was decided. Please choose again.`;
  return renderChoose(deps, caller, request, note);
}
