// Transfers: what this peer is sending and receiving now, and what it did recently (GET /transfers, polled).
import { getJson } from '../api.js';
import { el, fill, emptyRow } from '../dom.js';
import { bytes, date, speed } from '../format.js';
import { Poller } from '../poller.js';

const poller = new Poller(refresh, 2000);

export const transfersView = {
  show: () => poller.start(),
  hide: () => poller.stop(),
};

async function refresh() {
  const { transfers } = await getJson('transfers');
  const rows = transfers.map(t => el('tr', {},
    el('td', { class: 'name' }, t.name || '(not announced yet)'),
    el('td', {}, t.direction === 'download' ? '↑ sending' : '↓ receiving'),
    el('td', {}, t.transport === 'grpc' ? 'gRPC' : 'HTTP'),
    el('td', {}, t.remote),
    el('td', { class: 'num' }, progress(t)),
    el('td', { class: 'num' }, speed(t.bytes_per_second)),
    el('td', { class: 'num' }, date(t.started)),
    el('td', { title: t.detail ?? '' }, el('span', { class: `badge ${t.outcome}` }, t.outcome))));
  fill(document.getElementById('transfers'), rows.length ? rows : emptyRow(8, 'No transfers yet.'));
}

function progress(t) {
  if (t.size === null || t.size === undefined) return bytes(t.bytes);
  const percent = t.size > 0 ? Math.min(100, Math.round((100 * t.bytes) / t.size)) : 100;
  return `${bytes(t.bytes)} of ${bytes(t.size)} (${percent} %)`;
}
