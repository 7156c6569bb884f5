import { PermanentError } from '../shared/errors.ts';
import { formProblems } from './form/schema.ts';
import type { HumanStepForm } from './form/types.ts';

/**
 * What a process asks a person to see and decide, in its own words: the platform renders the page and
 * the emails from this alone, never from a process's fields. Built by the process (its rules step) and
 * handed to the human step by the ASL.
 */
export interface HumanStepRequest {
  /** The page's heading and the emails' subject: `Invoice INV-7 from ACME GmbH (EUR 12,000.00)`. */
  readonly title: string;
  /** What is shown, in order: label and value as the process words them. */
  readonly facts: readonly HumanStepFact[];
  /** Why a person is asked: each reason says what to check. */
  readonly reasons: readonly string[];
  /** What the process noticed while reading, shown apart from the reasons. @default none */
  readonly notes?: readonly string[];
  /** The document decided on: the page links to it (a short-lived presigned URL) and shows it where the browser can. @default none */
  readonly document?: HumanStepDocument | null;
  /** An assessment shown beside the facts, with its rationale. @default none */
  readonly risk?: HumanStepRisk | null;
  /** The buttons, each approving or rejecting. @default Approve and Reject */
  readonly choices?: readonly HumanStepChoice[];
  readonly requirement: HumanStepRequirement;
  /** Fields the person fills in; their values reach `$.humanTasks.<Step>.outcome.values`. @default none */
  readonly form?: HumanStepForm;
  /** How urgent the task is in the inbox. @default 'normal' */
  readonly priority?: TaskPriority;
  /** Versions of what produced the request, recorded with every audit event of the step. */
  readonly versions?: { readonly model?: string; readonly rules?: string };
}

/** The inbox's priorities, least urgent first. */
export const taskPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof taskPriorities)[number];

export interface HumanStepFact {
  readonly label: string;
  readonly value: string;
  /** How sure the reader was of the value, 0–100. @default not shown */
  readonly confidence?: number | null;
  /** What to check about it, in the process's words. @default none */
  readonly note?: string;
  /** How the value was derived, when it was not read from the document: `invoice date + 45 days`. @default read */
  readonly derived?: string;
  /** The person should check this one (a reason names it); the page marks it. @default false */
  readonly check?: boolean;
}

/** An object in the data bucket a process's function reads; the approval function may read it too (intake). */
export interface HumanStepDocument {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  /** What the page may show inline: PDFs and PNG, JPEG, GIF or WebP images; anything else is only linked. */
  readonly contentType?: string;
  /** The file name shown and offered for download. @default the key's last segment */
  readonly name?: string;
}

export interface HumanStepRisk {
  /** A level the page styles: `low`, `medium` or `high`. */
  readonly level: 'low' | 'medium' | 'high';
  readonly score?: number;
  readonly rationale: readonly string[];
  /** A caveat, such as a fallback having decided. */
  readonly note?: string;
}

export interface HumanStepChoice {
  /** Stable id recorded with the vote. */
  readonly id: string;
  readonly label: string;
  /** How the vote counts towards the policy's quorum and veto. */
  readonly effect: 'approve' | 'reject';
}

/** Who decides and with which safeguards; the policy gives the rest (quorum, SLA, dwell, separation of duties). */
export interface HumanStepRequirement {
  /** The policy governing the step. @default the process id */
  readonly policy?: string;
  /** The people asked instead of the policy's approvers (routing to a team). @default the policy's */
  readonly approvers?: readonly string[];
  /** Approvals needed on top of the policy's quorum, capped by the number of people asked. @default 0 */
  readonly additionalApprovals?: number;
  /** A one-time code whatever the policy says. @default false */
  readonly stepUp?: boolean;
  /** The amount at stake, compared with the policy's `stepUpAbove`. */
  readonly amount?: { readonly value: string; readonly currency?: string | null } | null;
}

export const defaultChoices: readonly HumanStepChoice[] = [
  { id: 'approve', label: 'Approve', effect: 'approve' },
  { id: 'reject', label: 'Reject', effect: 'reject' },
];

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

const optional = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);

function factProblems(fact: unknown, at: string): string[] {
  const f = (fact ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (!text(f.label, 80) || typeof f.value !== 'string' || f.value.length > 2000)
    problems.push(`${at} must have a label (at most 80) and a text value (at most 2000)`);
  const confidence = (v: unknown) => v === null || (typeof v === 'number' && v >= 0 && v <= 100);
  if (!optional(f.confidence, confidence)) problems.push(`${at}.confidence must be a number from 0 to 100`);
  if (!optional(f.note, (v) => text(v, 300)))
    problems.push(`${at}.note must be text of at most 300 characters`);
  if (!optional(f.derived, (v) => text(v, 300)))
    problems.push(`${at}.derived must be text of at most 300 characters`);
  if (!optional(f.check, (v) => typeof v === 'boolean')) problems.push(`${at}.check must be true or false`);
  return problems;
}

function documentProblems(document: unknown): string[] {
  const d = document as Record<string, unknown>;
  if (typeof document !== 'object') return ['document must be an object'];
  const problems: string[] = [];
  if (!text(d.bucket, 63) || !text(d.key, 1024)) problems.push('document must name a bucket and a key');
  if (!optional(d.versionId, (v) => text(v, 1024))) problems.push('document.versionId must be text');
  if (!optional(d.contentType, (v) => text(v, 255))) problems.push('document.contentType must be text');
  if (!optional(d.name, (v) => text(v, 255))) problems.push('document.name must be text of at most 255');
  return problems;
}

/** Checks a process's request; a PermanentError names every problem (never a value: they hold personal data). */
export function parseHumanStepRequest(raw: unknown): HumanStepRequest {
  const problems: string[] = [];
  const r = (raw ?? {}) as Record<string, unknown>;
  if (raw === null || typeof raw !== 'object') problems.push('the request must be an object');
  if (!text(r.title, 300)) problems.push('title must be text of at most 300 characters');
  const facts = Array.isArray(r.facts) ? (r.facts as unknown[]) : undefined;
  if (!facts || facts.length > 50) problems.push('facts must be a list of at most 50');
  for (const [i, fact] of (facts ?? []).entries()) problems.push(...factProblems(fact, `facts.${i}`));
  if (!Array.isArray(r.reasons) || !r.reasons.every((x) => typeof x === 'string'))
    problems.push('reasons must be a list of text');
  if (r.notes !== undefined && !(Array.isArray(r.notes) && r.notes.every((x) => text(x, 1000))))
    problems.push('notes must be a list of text (each at most 1000)');
  if (r.document !== undefined && r.document !== null) problems.push(...documentProblems(r.document));
  if (r.risk !== undefined && r.risk !== null) {
    const risk = r.risk as Record<string, unknown>;
    if (!['low', 'medium', 'high'].includes(risk.level as string))
      problems.push('risk.level must be low, medium or high');
    if (!Array.isArray(risk.rationale)) problems.push('risk.rationale must be a list of text');
  }
  if (r.priority !== undefined && !(taskPriorities as readonly unknown[]).includes(r.priority))
    problems.push(`priority must be one of ${taskPriorities.join(', ')}`);
  const choices = r.choices === undefined ? defaultChoices : (r.choices as unknown);
  if (!Array.isArray(choices) || choices.length < 1 || choices.length > 6)
    problems.push('choices must list 1 to 6');
  else {
    const ids = new Set<string>();
    for (const [i, choice] of choices.entries()) {
      const c = (choice ?? {}) as Record<string, unknown>;
      if (!(typeof c.id === 'string' && /^[a-z0-9-]{1,40}$/.test(c.id)) || ids.has(String(c.id)))
        problems.push(`choices.${i}.id must be a unique lowercase id`);
      ids.add(String(c.id));
      if (!text(c.label, 40)) problems.push(`choices.${i}.label must be text of at most 40 characters`);
      if (c.effect !== 'approve' && c.effect !== 'reject')
        problems.push(`choices.${i}.effect must be approve or reject`);
    }
    if (!choices.some((c) => (c as { effect?: unknown }).effect === 'reject'))
      problems.push('choices must let a person reject');
  }
  if (r.form !== undefined) {
    const ids = Array.isArray(choices) ? choices.map((c) => String((c as { id?: unknown })?.id)) : [];
    problems.push(...formProblems(r.form, ids));
  }
  const req = (r.requirement ?? {}) as Record<string, unknown>;
  if (r.requirement === null || typeof r.requirement !== 'object')
    problems.push('requirement must be an object');
  if (req.policy !== undefined && !text(req.policy, 64))
    problems.push('requirement.policy must be a policy id');
  if (req.approvers !== undefined) {
    const list = req.approvers;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      !list.every((a) => typeof a === 'string' && emailPattern.test(a))
    )
      problems.push('requirement.approvers must list email addresses');
  }
  if (
    req.additionalApprovals !== undefined &&
    !(Number.isInteger(req.additionalApprovals) && (req.additionalApprovals as number) >= 0)
  )
    problems.push('requirement.additionalApprovals must be a whole number from 0');
  if (req.stepUp !== undefined && typeof req.stepUp !== 'boolean')
    problems.push('requirement.stepUp must be true or false');
  if (req.amount !== undefined && req.amount !== null) {
    const amount = req.amount as Record<string, unknown>;
    if (typeof amount.value !== 'string' || !/^-?\d+(\.\d+)?$/.test(amount.value))
      problems.push('requirement.amount.value must be a decimal string');
  }
  if (problems.length > 0)
    throw new PermanentError(`The human step's request is invalid: ${problems.join('; ')}`);
  return raw as HumanStepRequest;
}
