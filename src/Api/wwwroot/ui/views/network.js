// Network: this peer, its neighbours (live) and a graph of who knows whom.
import { getJson } from '../api.js';
import { el, fill, emptyRow, safeHttpUrl } from '../dom.js';
import { ago, bytes, duration } from '../format.js';
import { Poller } from '../poller.js';
import { drawGraph } from './graph.js';

const poller = new Poller(refresh, 3000);

export const networkView = {
  show: () => poller.start(),
  hide: () => poller.stop(),
};

async function refresh() {
  const status = await getJson('status');
  showSelf(status);
  showNeighbours(status.all_peers);
  drawGraph(document.getElementById('graph'), status, await neighbourTables(status.all_peers));
}

function showSelf(status) {
  const facts = [
    ['Name', status.peer],
    ['URL', status.url],
    ['Sharing', `${status.stats.files} files, ${bytes(status.stats.bytes)}`],
    ['Neighbours', `${status.healthy_peers.length} healthy of ${status.all_peers.length}`],
    ['Searches run', String(status.stats.searches)],
    ['Up for', duration(status.uptime)],
  ];
  fill(document.getElementById('self-facts'), facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function showNeighbours(peers) {
  const rows = peers.map(p => el('tr', {},
    el('td', { class: 'name' }, p.name || '—'),
    el('td', {}, safeHttpUrl(p.url) ? el('a', { href: p.url }, p.url) : p.url),
    el('td', {}, el('span', { class: `badge ${p.healthy ? 'healthy' : 'unhealthy'}` }, p.healthy ? 'healthy' : 'unhealthy')),
    el('td', { class: 'num' }, ago(p.last_seen)),
    el('td', { class: 'num' }, String(p.failures))));
  fill(document.getElementById('neighbours'), rows.length ? rows : emptyRow(5, 'No neighbours yet.'));
}

/** Each healthy neighbour's own neighbour list (GET /peers allows any origin); unreachable ones are left out. */
async function neighbourTables(peers) {
  const healthy = peers.filter(p => p.healthy && safeHttpUrl(p.url));
  const answers = await Promise.allSettled(healthy.map(p => getJson(`${p.url}/peers`, { timeoutMs: 2000 })));
  const tables = new Map();
  answers.forEach((answer, i) => {
    if (answer.status === 'fulfilled') tables.set(healthy[i].url, answer.value.all_peers ?? []);
  });
  return tables;
}
