// A small SVG graph: this peer in the middle, neighbours around it, their other neighbours on an outer ring.
import { svg, fill } from '../dom.js';

const size = 360;
const centre = size / 2;

export function drawGraph(container, status, tables) {
  const nodes = new Map([[status.url, { label: status.peer, ring: 0, healthy: true }]]);
  const edges = new Set();
  const edge = (a, b) => edges.add([a, b].sort().join(' '));
  for (const p of status.all_peers) {
    nodes.set(p.url, { label: p.name || hostOf(p.url), ring: 1, healthy: p.healthy });
    edge(status.url, p.url);
  }
  for (const [from, peers] of tables) {
    for (const p of peers) {
      if (!nodes.has(p.url)) nodes.set(p.url, { label: p.name || hostOf(p.url), ring: 2, healthy: p.healthy });
      edge(from, p.url);
    }
  }
  place(nodes);

  const lines = [...edges].map(key => {
    const [a, b] = key.split(' ').map(url => nodes.get(url));
    return a && b ? svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y }) : null;
  });
  const dots = [...nodes.values()].map(n => svg('g', {},
    svg('circle', { cx: n.x, cy: n.y, r: n.ring === 0 ? 16 : 12, class: n.ring === 0 ? 'self' : n.healthy ? '' : 'down' }),
    svg('text', { x: n.x, y: n.y + (n.ring === 0 ? 32 : 27) }, n.label)));
  const description = `${nodes.size} peers and ${edges.size} links known to this peer and its neighbours`;
  fill(container, svg('svg', { viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': description },
    svg('title', {}, description), lines, dots));
}

function place(nodes) {
  for (const ring of [0, 1, 2]) {
    const members = [...nodes.values()].filter(n => n.ring === ring);
    const radius = [0, 95, 155][ring];
    members.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(members.length, 1) - Math.PI / 2 + ring * 0.4;
      n.x = Math.round(centre + radius * Math.cos(angle));
      n.y = Math.round(centre + radius * Math.sin(angle));
    });
  }
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
