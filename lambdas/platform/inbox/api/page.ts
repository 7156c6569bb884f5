import type { PageResponse } from '../../human-step/approval-api/layout.ts';
import { page } from '../../human-step/approval-api/layout.ts';
import { escapeHtml as attr, escapeText as label, htmlText as text } from '../../shared/html.ts';
import type { InboxQuery, InboxTask } from '../view.ts';

/** Time left as people read it: `3 h 20 min`, `overdue by 2 d`. */
export function timeLeft(seconds: number): string {
  const s = Math.abs(seconds);
  const span =
    s >= 86_400
      ? `${Math.floor(s / 86_400)} d`
      : s >= 3600
        ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
        : `${Math.floor(s / 60)} min`;
  return seconds < 0 ? `overdue by ${span}` : span;
}

const option = (value: string, shown: string, selected: boolean) =>
  `<option value="${attr(value)}"${selected ? ' selected' : ''}>${label(shown)}</option>`;

function filters(query: InboxQuery, processes: readonly string[], groups: readonly string[]): string {
  const select = (name: string, values: readonly string[], current: string | undefined) =>
    `<label>${label(name)} <select name="${name}">${option('', 'all', current === undefined)}${values.map((v) => option(v, v, v === current)).join('')}</select></label>`;
  return `<form method="get" action="inbox" class="card" aria-label="Filter">
${select('process', processes, query.process)} ${select('group', groups, query.group)}
<label>sort <select name="sort">${(['due', 'priority', 'process'] as const).map((s) => option(s, s, (query.sort ?? 'due') === s)).join('')}</select></label>
<label><input type="checkbox" name="overdue" value="1"${query.overdue ? ' checked' : ''}> overdue only</label>
<div class="actions"><button class="neutral" type="submit">Show</button></div></form>`;
}

function taskCard(task: InboxTask): string {
  const id = attr(task.id);
  const who = task.claimedBy
    ? `held by ${text(task.claimedBy)} until ${text(task.claimedUntil ?? '')}`
    : task.groups.length > 0 && task.assignees.length === 0
      ? `group ${text(task.groups.join(', '))}`
      : text([...task.assignees, ...task.groups.map((g) => `group ${g}`)].join(', '));
  const facts = task.facts
    .slice(0, 4)
    .map((f) => `<dt>${text(f.label)}</dt><dd>${text(f.value)}</dd>`)
    .join('');
  const pick =
    task.standing === 'may-act'
      ? `<label><input type="checkbox" name="task" value="${id}"> select</label>`
      : '';
  const buttons = [
    task.standing === 'may-claim'
      ? `<button class="neutral" formaction="api/tasks/${id}/claim">Claim</button>`
      : '',
    task.standing === 'may-act' && task.claimedBy
      ? `<button class="neutral" formaction="api/tasks/${id}/release">Release</button>`
      : '',
    task.groups.length > 0
      ? `<input type="text" name="to-${id}" aria-label="Reassign to (email)" placeholder="reassign to (lead)"><button class="neutral" formaction="api/tasks/${id}/reassign">Reassign</button>`
      : '',
  ].join('');
  return `<section class="card"><b>${text(task.title)}</b>
<dl><dt>Process</dt><dd>${text(task.process)}</dd><dt>Priority</dt><dd>${text(task.priority)}</dd>
<dt>Due</dt><dd${task.overdue ? ' class="check"' : ''}>${text(task.dueAt)} (${text(timeLeft(task.secondsLeft))})</dd>
<dt>Assignee</dt><dd>${who}</dd>${task.onBehalfOf ? `<dt>For</dt><dd>${text(task.onBehalfOf)}</dd>` : ''}${facts}</dl>
${pick}<div class="actions">${buttons}</div></section>`;
}

/** The inbox page: filters, the tasks with their own actions, a batch decision and a delegation form. No scripts. */
export function inboxPage(
  email: string,
  tasks: readonly InboxTask[],
  query: InboxQuery,
  csrf: string,
  options: { readonly processes: readonly string[]; readonly groups: readonly string[] },
): PageResponse {
  const token = `<input type="hidden" name="csrf" value="${attr(csrf)}">`;
  const list =
    tasks.length > 0 ? tasks.map(taskCard).join('\n') : '<p class="note">Nothing waits for you.</p>';
  const body = `<p class="note">Signed in as ${text(email)} · ${tasks.length} task${tasks.length === 1 ? '' : 's'}</p>
${filters(query, options.processes, options.groups)}
<form method="post" action="api/decisions">${token}
${list}
<section class="card"><label>Comment <input type="text" name="comment" maxlength="1000"></label>
<div class="actions"><button class="approve" name="choice" value="approve">Approve selected</button><button class="reject" name="choice" value="reject">Reject selected</button></div>
<p class="note">Each task is decided on its own; tasks above the step-up amount or your own submissions are skipped.</p></section></form>
<form method="post" action="api/delegations" class="card" aria-label="Delegate while away">${token}
<b>Away? Let someone act for you</b>
<label>To (email) <input type="text" name="to" required></label>
<label>Until (YYYY-MM-DD) <input type="text" name="until" required pattern="\\d{4}-\\d{2}-\\d{2}"></label>
<div class="actions"><button class="neutral" type="submit">Delegate</button></div></form>`;
  return page(200, 'Your tasks', body);
}

/** What a POST from the page did, with the way back to the inbox. */
export function resultPage(
  status: number,
  title: string,
  lines: readonly string[],
  back: string,
): PageResponse {
  const items = lines.map((l) => `<li>${text(l)}</li>`).join('');
  return page(
    status,
    title,
    `<section class="card"><ul>${items}</ul></section><p><a href="${attr(back)}">Back to your tasks</a></p>`,
  );
}
