// The path an execution took through its state machine, drawn in SVG (server side: bin/console/path.ts).
const svgEl = (tag, attrs = {}) => {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};

// The path drawn as one column of boxes joined top to bottom, so no edge crosses another; the exits
// not taken are named beside each box.
const box = { x: 10, width: 220, height: 34, tall: 50, gap: 26 };
const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const exitWords = { catch: 'on error', choice: 'if', default: 'otherwise', next: 'then' };

export function drawPath(path) {
  const heights = path.map((n) => (n.type === 'HumanStep' ? box.tall : box.height));
  const tops = heights.map((_, i) => 10 + heights.slice(0, i).reduce((a, h) => a + h + box.gap, 0));
  const height = (tops.at(-1) ?? 0) + (heights.at(-1) ?? 0) + 10;
  const width = 560;
  const svg = svgEl('svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `path through the state machine: ${path.map((n) => n.name).join(', ')}`,
  });
  const marker = svgEl('marker', {
    id: 'arrow',
    viewBox: '0 0 10 10',
    refX: '9',
    refY: '5',
    markerWidth: '6',
    markerHeight: '6',
    orient: 'auto-start-reverse',
  });
  marker.append(svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#3538cd' }));
  const defs = svgEl('defs');
  defs.append(marker);
  svg.append(defs);
  const middle = box.x + box.width / 2;
  for (const [i, node] of path.entries()) {
    const top = tops[i];
    if (i > 0) {
      const from = tops[i - 1] + heights[i - 1];
      svg.append(
        svgEl('path', {
          class: 'edge taken',
          d: `M ${middle} ${from} L ${middle} ${top - 1}`,
          'marker-end': 'url(#arrow)',
        }),
      );
    }
    const g = svgEl('g', {
      class: `node visited${node.failed ? ' failed' : ''}${node.current ? ' current' : ''}${node.type === 'HumanStep' ? ' human' : ''}`,
      'data-state': node.name,
    });
    const title = svgEl('title');
    title.textContent = [node.name, node.comment, node.states.length > 1 ? node.states.join(' → ') : '']
      .filter(Boolean)
      .join('\n');
    g.append(title, svgEl('rect', { x: box.x, y: top, width: box.width, height: heights[i], rx: 6 }));
    const label = svgEl('text', { x: middle, y: top + 21, 'text-anchor': 'middle' });
    label.textContent = clip(node.name, 30);
    g.append(label);
    if (node.type === 'HumanStep') {
      const phases = svgEl('text', { x: middle, y: top + 38, 'text-anchor': 'middle', class: 'sub' });
      phases.textContent = clip(
        `human step · ${node.states.map((s) => s.replace(node.name, '') || 'prepare').join(' → ')}`,
        38,
      );
      g.append(phases);
    }
    svg.append(g);
    const took = node.durationMs === undefined ? (node.current ? 'here now' : '') : `${node.durationMs} ms`;
    const exits = node.otherExits.map((e) => `${exitWords[e.kind] ?? e.kind} ${e.to}`).join(', ');
    const side = svgEl('text', { x: box.x + box.width + 12, y: top + 15, class: 'side' });
    side.textContent = took;
    const others = svgEl('text', { x: box.x + box.width + 12, y: top + 29, class: 'side exits' });
    others.textContent = exits ? clip(`or: ${exits}`, 50) : '';
    const full = svgEl('title');
    full.textContent = exits ? `Not taken here: ${exits}` : '';
    others.append(full);
    svg.append(side, others);
  }
  return svg;
}
