// Search: query, ttl and fanout; results grouped by peer; a download link per hit (the browser's own download) and,
// for a hit with a piece tree, a button that copies its magnet link and one that has this peer download it (POST /downloads).
import { getJson, startDownload } from '../api.js';
import { el, fill, safeHttpUrl } from '../dom.js';
import { bytes, magnetLink, shortHash } from '../format.js';

const form = document.getElementById('search-form');
const query = document.getElementById('search-query');
const ttl = document.getElementById('search-ttl');
const fanout = document.getElementById('search-fanout');
const summary = document.getElementById('search-summary');
const results = document.getElementById('search-results');
let generation = 0;

form.addEventListener('submit', event => {
  event.preventDefault();
  const params = new URLSearchParams({ q: query.value.trim(), ttl: ttl.value, fanout: fanout.value });
  const hash = `#/search?${params}`;
  if (location.hash === hash) run(params);
  else location.hash = hash; // the router calls show(), which runs it: the address is bookmarkable
});

export const searchView = {
  show(params) {
    if (params.has('ttl')) ttl.value = params.get('ttl');
    if (params.has('fanout')) fanout.value = params.get('fanout');
    if (params.get('q')) {
      query.value = params.get('q');
      run(params);
    } else {
      query.focus();
    }
  },
  hide() {},
};

async function run(params) {
  const mine = ++generation;
  const search = new URLSearchParams({ query: params.get('q') ?? '', ttl: params.get('ttl') ?? ttl.value, fanout: params.get('fanout') ?? fanout.value });
  summary.textContent = 'Searching…';
  fill(results);
  try {
    const answer = await getJson(`search?${search}`, { timeoutMs: 30000 });
    if (mine === generation) render(answer);
  } catch (error) {
    if (mine === generation) summary.textContent = `Search failed: ${error.message}`;
  }
}

function render(answer) {
  const hits = answer.results.reduce((n, r) => n + r.files.length, 0);
  fill(summary,
    el('strong', {}, `${hits} ${hits === 1 ? 'file' : 'files'}`), ` on ${answer.results.length} ${answer.results.length === 1 ? 'peer' : 'peers'} · `,
    `${answer.peers_reached} peers reached · ${answer.elapsed_ms} ms · `,
    el('span', { class: `badge ${answer.complete ? 'ok' : 'partial'}` }, answer.complete ? 'complete' : 'partial: some peers did not answer in time'));
  fill(results, answer.results.map(peerCard));
}

function peerCard(result) {
  const heading = `results-${result.peer}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return el('article', { class: 'card peer-results', 'data-peer': result.peer, 'aria-labelledby': heading },
    el('h2', { id: heading }, result.peer, el('span', { class: 'peer-url' }, result.url)),
    el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ['Name', 'Size', 'Type', 'SHA-256'].map(h => el('th', { scope: 'col' }, h)),
        el('th', { scope: 'col' }, el('span', { class: 'sr-only' }, 'Download')),
        el('th', { scope: 'col' }, el('span', { class: 'sr-only' }, 'Magnet link')))),
      el('tbody', {}, result.files.map(file => hitRow(result, file))))));
}

function hitRow(result, file) {
  const url = safeHttpUrl(file.rest_url);
  return el('tr', {},
    el('td', { class: 'name' }, file.name),
    el('td', { class: 'num' }, bytes(file.size)),
    el('td', {}, file.type),
    el('td', { class: 'hash', title: file.checksum }, shortHash(file.checksum)),
    el('td', {}, url
      ? el('a', { class: 'button small download', href: url, download: file.name, 'aria-label': `Download ${file.name} from ${result.peer}` }, 'Download')
      : 'no link'),
    el('td', {}, linkActions(result, file)));
}

/** Copy link and Download to this peer, for a hit with a magnet link; the second's outcome shown beneath them. */
function linkActions(result, file) {
  const link = magnetLink(file);
  if (!link) return '';
  const outcome = el('span', { class: 'hit-download-state', role: 'status' });
  return el('div', { class: 'hit-actions' },
    copyLinkButton(result, file),
    el('button', {
      type: 'button', class: 'button small download-here', 'data-link': link,
      'aria-label': `Download to this peer: ${file.name} (found on ${result.peer})`,
      onclick: () => downloadHere(link, outcome),
    }, 'Download to this peer'),
    outcome);
}

// The button stays enabled (and focused): a second press answers "already known".
async function downloadHere(link, outcome) {
  outcome.classList.remove('bad');
  fill(outcome, 'sending…');
  try {
    const { job, created } = await startDownload(link);
    fill(outcome, created ? 'queued' : `already known (${job.state})`, ' · ', el('a', { href: '#/transfers' }, 'see Transfers'));
  } catch (error) {
    outcome.classList.add('bad');
    fill(outcome, error.message, ' · ', el('a', { href: '#/transfers' }, 'Transfers'));
  }
}

function copyLinkButton(result, file) {
  const link = magnetLink(file);
  if (!link) return '';
  return el('button', {
    type: 'button', class: 'button small copy-link', 'data-link': link, title: link,
    'aria-label': `Copy the magnet link of ${file.name} from ${result.peer}`,
    onclick: event => copy(event.currentTarget, link),
  }, 'Copy link');
}

// The clipboard API needs a secure context (https, or a loopback address); elsewhere a selected text area does it.
async function copy(button, link) {
  try {
    await navigator.clipboard.writeText(link);
  } catch {
    const area = el('textarea', { readonly: true, class: 'sr-only' }, link);
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  button.textContent = 'Copied';
  setTimeout(() => { button.textContent = 'Copy link'; }, 1500);
}
