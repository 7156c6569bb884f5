// The local console: plain DOM, no dependencies, refreshed every two seconds.
import { visibleText } from './visible-text.js';

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return node;
};
const svgEl = (tag, attrs = {}) => {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};
const get = async (path) => {
  const res = await fetch(path);
  return res.ok ? res.json() : undefined;
};
// Text from files and documents (names, reasons, mail): control and bidi marks written out, isolated.
const shown = (text) => el('bdi', {}, visibleText(String(text ?? '')));
const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');
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

function layout(graph) {
  const rank = new Map([[graph.startAt, 0]]);
  const queue = [graph.startAt];
  const byName = new Map(graph.states.map((s) => [s.name, s]));
  while (queue.length) {
    const name = queue.shift();
    for (const e of byName.get(name)?.edges ?? []) {
      if (!rank.has(e.to)) {
        rank.set(e.to, rank.get(name) + 1);
        queue.push(e.to);
      }
    }
  }
  const rows = new Map();
  for (const s of graph.states) {
    const r = rank.get(s.name) ?? 0;
    rows.set(r, [...(rows.get(r) ?? []), s.name]);
  }
  const pos = new Map();
  for (const [r, names] of rows) {
    for (const [i, n] of names.entries()) pos.set(n, { x: 20 + i * 170, y: 20 + r * 64 });
  }
  return {
    pos,
    height: 40 + rows.size * 64,
    width: 40 + Math.max(...[...rows.values()].map((r) => r.length)) * 170,
  };
}

function drawGraph(graph, steps) {
  const { pos, width, height } = layout(graph);
  const visited = new Set(steps.map((s) => s.name));
  const failed = new Set(steps.filter((s) => s.failed).map((s) => s.name));
  const taken = new Set(steps.slice(1).map((s, i) => `${steps[i].name}>${s.name}`));
  const svg = svgEl('svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': 'state machine path',
  });
  const defs = svgEl('defs');
  const marker = svgEl('marker', {
    id: 'arrow',
    viewBox: '0 0 10 10',
    refX: '9',
    refY: '5',
    markerWidth: '6',
    markerHeight: '6',
    orient: 'auto-start-reverse',
  });
  marker.append(svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#98a2b3' }));
  defs.append(marker);
  svg.append(defs);
  for (const s of graph.states) {
    for (const e of s.edges) {
      const a = pos.get(s.name);
      const b = pos.get(e.to);
      if (!a || !b) continue;
      const cls = `edge ${e.kind === 'catch' ? 'catch' : ''} ${taken.has(`${s.name}>${e.to}`) ? 'taken' : ''}`;
      svg.append(
        svgEl('path', {
          class: cls,
          d: `M ${a.x + 70} ${a.y + 30} C ${a.x + 70} ${a.y + 50}, ${b.x + 70} ${b.y - 20}, ${b.x + 70} ${b.y}`,
          'marker-end': 'url(#arrow)',
        }),
      );
    }
  }
  for (const s of graph.states) {
    const p = pos.get(s.name);
    const g = svgEl('g', {
      class: `node ${visited.has(s.name) ? 'visited' : ''} ${failed.has(s.name) ? 'failed' : ''}`,
      'data-state': s.name,
    });
    const title = svgEl('title');
    title.textContent = s.comment;
    g.append(title, svgEl('rect', { x: p.x, y: p.y, width: 140, height: 30, rx: 6 }));
    const label = svgEl('text', { x: p.x + 70, y: p.y + 19, 'text-anchor': 'middle' });
    label.textContent = s.name;
    g.append(label);
    svg.append(g);
  }
  return svg;
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
  const steps = data.execution?.steps ?? [];
  $('#graph').replaceChildren(data.graph ? drawGraph(data.graph, steps) : '');
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
        el('td', {}, new Date(m.at * 1000).toLocaleTimeString()),
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
