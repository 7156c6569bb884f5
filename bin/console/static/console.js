// The local console: plain DOM, no dependencies, refreshed every two seconds.
import { drawPath } from './path.js';
import { visibleText } from './visible-text.js';

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return node;
};
const get = async (path) => {
  const res = await fetch(path);
  return res.ok ? res.json() : undefined;
};
const pad = (n) => String(n).padStart(2, '0');
// Date and time, local, sortable: 2025-03-01 09:00:05.
const when = (value) => {
  if (value === undefined || value === null || value === '') return '';
  const d = new Date(value);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};
const time = when;
// Text from files and documents (names, reasons, mail): control and bidi marks written out, isolated.
const shown = (text) => el('bdi', {}, visibleText(String(text ?? '')));
const status = (s) => el('span', { class: `status ${s}` }, s);
let selected;

async function showDocuments() {
  const docs = (await get('/api/documents')) ?? [];
  const counts = {};
  for (const d of docs) counts[d.status] = (counts[d.status] ?? 0) + 1;
  $('#counts').replaceChildren(...Object.entries(counts).map(([s, n]) => el('span', {}, status(s), ` ${n}`)));
  $('#document-table tbody').replaceChildren(
    ...docs.map((d) => {
      const row = el(
        'tr',
        { 'data-id': d.documentId },
        el('td', { class: 'mono' }, d.documentId.slice(0, 12)),
        el('td', {}, d.process),
        el('td', {}, status(d.status)),
        el('td', {}, shown(d.key.split('/').pop())),
        el('td', {}, time(d.updatedAt)),
      );
      if (d.documentId === selected) row.classList.add('selected');
      row.addEventListener('click', () => {
        selected = d.documentId;
        void showDocument();
        void showDocuments();
      });
      return row;
    }),
  );
}

function showNext(next) {
  const box = $('#next');
  box.hidden = !next;
  if (!next) return box.replaceChildren();
  box.replaceChildren(
    el('b', {}, 'Next step: '),
    next.text,
    ...(next.command ? [el('pre', {}, el('code', {}, next.command))] : []),
    ...(next.links?.length
      ? [
          el(
            'ul',
            {},
            ...next.links.map((l) =>
              el(
                'li',
                {},
                el('a', { href: l.link, target: '_blank', rel: 'noreferrer' }, 'open the approval page'),
                ' (sent to ',
                shown(l.to),
                ')',
              ),
            ),
          ),
        ]
      : []),
    ...(next.links ? [el('a', { href: '#mail' }, 'Mailbox')] : []),
  );
}

function showRead(read) {
  $('#read-section').hidden = !read;
  if (!read) return;
  $('#read tbody').replaceChildren(
    ...read.fields.map((f) =>
      el(
        'tr',
        f.below ? { class: 'below' } : {},
        el('td', {}, f.label),
        el('td', {}, f.value === undefined || f.value === null ? '(not read)' : shown(f.value)),
        el('td', {}, f.confidence ?? '–', f.below ? el('span', { class: 'flag' }, ' below') : ''),
        el('td', {}, f.threshold ?? ''),
      ),
    ),
  );
  $('#read-warnings').replaceChildren(...read.warnings.map((w) => el('li', {}, shown(w))));
}

async function showDocument() {
  if (!selected) return;
  const data = await get(`/api/document/${selected}`);
  if (!data) return;
  $('#detail').hidden = false;
  $('#detail-title').replaceChildren(
    shown(data.document.key.split('/').pop()),
    ` · ${data.document.documentId.slice(0, 12)}`,
  );
  $('#detail-status').replaceChildren(status(data.document.status), ' ', shown(data.document.statusReason));
  showNext(data.next);
  showRead(data.read);
  const steps = data.execution?.steps ?? [];
  $('#graph').replaceChildren(data.path?.length ? drawPath(data.path) : '');
  $('#steps tbody').replaceChildren(
    ...steps.map((s) =>
      el(
        'tr',
        {},
        el('td', {}, s.name),
        el('td', {}, s.type),
        el('td', {}, s.durationMs === undefined ? '…' : `${s.durationMs} ms`),
      ),
    ),
  );
  $('#chain').replaceChildren(data.chain?.summary ?? '');
  $('#chain').classList.toggle('broken', data.chain?.broken === true);
  $('#audit').replaceChildren(
    ...data.audit.map((a) => {
      const versions = Object.entries(a.versions ?? {})
        .map(([k, v]) => `${k} ${v}`)
        .join(' · ');
      return el(
        'li',
        {},
        el('b', {}, a.type),
        ' ',
        shown(a.decision),
        el(
          'div',
          { class: 'meta' },
          `${time(a.at)} · ${a.step} · ${a.actor.kind}:`,
          shown(a.actor.id),
          versions ? ` · ${versions}` : '',
        ),
        ...(a.rationale ?? []).map((r) => el('div', { class: 'meta' }, shown(r))),
      );
    }),
  );
}

async function showMail() {
  const mail = (await get('/api/mail')) ?? [];
  $('#mail-table tbody').replaceChildren(
    ...mail.map((m) =>
      el(
        'tr',
        {},
        el('td', { class: 'nowrap' }, when(m.at * 1000)),
        el('td', {}, shown(m.to.join(', '))),
        el('td', {}, shown(m.subject)),
        el(
          'td',
          {},
          ...m.links.map((l) => el('a', { href: l, target: '_blank', rel: 'noreferrer' }, 'open')),
        ),
      ),
    ),
  );
}

async function showLatency() {
  const data = (await get('/api/latency')) ?? { steps: [], functions: [] };
  $('#step-latency tbody').replaceChildren(
    ...data.steps.map((r) =>
      el(
        'tr',
        {},
        el('td', {}, r.name),
        el('td', {}, r.count),
        el('td', {}, r.p50),
        el('td', {}, r.p95),
        el('td', {}, r.p99),
      ),
    ),
  );
  $('#function-latency tbody').replaceChildren(
    ...data.functions.map((r) =>
      el(
        'tr',
        {},
        el('td', {}, r.name),
        el('td', {}, r.count),
        el('td', {}, r.cold),
        el('td', {}, r.p50),
        el('td', {}, r.p95),
        el('td', {}, r.p99),
      ),
    ),
  );
}

// Functions whose environment cannot start: shown on every tab, since intake is paused until a restart.
async function showHealth() {
  const health = (await get('/api/health')) ?? { acceptingWork: true, environmentFailures: [] };
  const banner = $('#health');
  banner.hidden = health.acceptingWork;
  banner.replaceChildren(
    el(
      'b',
      {},
      'Intake paused: a function cannot start. New files wait in the intake queue until a restart.',
    ),
    ...health.environmentFailures.map((f) =>
      el(
        'div',
        { class: 'mono' },
        `${time(f.at)} ${f.functionName} (${f.phase}): ${f.errorType}: `,
        shown(f.errorMessage),
      ),
    ),
  );
}

const views = {
  documents: () => Promise.all([showDocuments(), showDocument()]),
  mail: showMail,
  latency: showLatency,
};
function current() {
  const tab = location.hash.slice(1);
  return tab in views ? tab : 'documents';
}
function render() {
  const tab = current();
  for (const section of document.querySelectorAll('.tab')) section.hidden = section.id !== tab;
  for (const link of document.querySelectorAll('nav a'))
    link.classList.toggle('active', link.dataset.tab === tab);
  void views[tab]();
  void showHealth();
}
window.addEventListener('hashchange', render);
render();
setInterval(() => {
  void views[current()]();
  void showHealth();
}, 2000);
