// Transfers: the downloads this peer runs for its owner (GET/POST/DELETE /downloads), and what it is sending and
// receiving now and did recently (GET /transfers); both polled.
import { ApiError, deleteDownload, getJson, startDownload } from '../api.js';
import { el, fill, emptyRow } from '../dom.js';
import { bytes, date, speed } from '../format.js';
import { Poller } from '../poller.js';

const poller = new Poller(refresh, 2000);
const form = document.getElementById('download-form');
const linkInput = document.getElementById('download-link');
const button = document.getElementById('download-button');
const message = document.getElementById('download-link-message');
const jobsBody = document.getElementById('downloads');
let shownJobs = null; // the jobs as last drawn: an unchanged list is not redrawn, so focus and open details stay
let refocus = null; // the key of a job's button that was pressed (and disabled, which takes the focus away)

form.addEventListener('submit', async event => {
  event.preventDefault();
  const link = linkInput.value.trim();
  if (!link) {
    say('Paste a magnet link first.', true);
    return;
  }
  button.disabled = true;
  say('Sending…', false);
  try {
    const { job, created } = await startDownload(link);
    say(created ? `Queued: ${job.name}.` : `Already known: ${job.name} (${job.state}).`, false);
    linkInput.value = '';
  } catch (error) {
    say(error instanceof ApiError ? error.message : `Could not reach this peer: ${error.message}`, true);
  } finally {
    button.disabled = false;
  }
  await poller.refreshNow();
});

export const transfersView = {
  show: () => poller.start(),
  hide: () => poller.stop(),
};

async function refresh() {
  await Promise.all([refreshDownloads(), refreshTransfers()]);
}

async function refreshDownloads() {
  const { downloads } = await getJson('downloads');
  const drawn = JSON.stringify(downloads);
  if (drawn === shownJobs) return;
  shownJobs = drawn;
  const focused = jobsBody.contains(document.activeElement) ? document.activeElement.dataset.key : refocus;
  refocus = null;
  const open = new Set([...jobsBody.querySelectorAll('details[open]')].map(d => d.dataset.key));
  fill(jobsBody, downloads.length
    ? downloads.map(job => jobRow(job, open))
    : emptyRow(7, 'No downloads yet: paste a magnet link above, or use "Download to this peer" on a search hit.'));
  if (focused) jobsBody.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}

function jobRow(job, open) {
  const unfinished = job.state === 'queued' || job.state === 'active';
  const badPieces = job.sources.reduce((n, s) => n + s.bad_pieces, 0);
  return el('tr', { 'data-id': job.id, 'data-state': job.state },
    el('td', { class: 'name', title: `SHA-256 ${job.sha256}` }, job.name),
    el('td', {},
      el('span', { class: `badge ${job.state}` }, job.state),
      job.error ? el('small', { class: job.state === 'failed' ? 'job-error bad' : 'job-error' }, job.error) : null),
    el('td', { class: 'num' },
      el('progress', { ...progressRange(job), 'aria-label': `Progress of ${job.name}` }),
      el('small', { class: 'job-bytes' }, progress({ bytes: job.bytes_verified, size: job.size }))),
    el('td', { class: 'num' }, job.state === 'active' ? speed(job.bytes_per_second) : ''),
    el('td', {}, holders(job, open)),
    el('td', { class: 'num' }, job.state === 'active' ? String(badPieces) : notRunning()),
    el('td', {}, el('button', {
      type: 'button', class: 'button small job-action', 'data-key': `action:${job.id}`,
      'aria-label': unfinished ? `Cancel the download of ${job.name}` : `Remove ${job.name} from the list`,
      onclick: event => remove(job, event.currentTarget),
    }, unfinished ? 'Cancel' : 'Remove')));
}

/** max and value of a job's progress bar: none (indeterminate) while its size is unknown. */
function progressRange(job) {
  if (job.size === null || job.size === undefined) return {};
  if (job.size === 0) return { max: 1, value: job.state === 'done' ? 1 : 0 };
  return { max: job.size, value: job.bytes_verified };
}

/** The number of holders; each one's URL, bytes and bad pieces in a disclosure. Holders are known only while a job runs. */
function holders(job, open) {
  const count = job.sources.length;
  if (job.state !== 'active') return notRunning();
  if (count === 0) return el('span', { class: 'muted' }, '0');
  const key = `holders:${job.id}`;
  return el('details', { class: 'holders', 'data-key': key, open: open.has(key) },
    el('summary', { 'data-key': `summary:${job.id}`, 'aria-label': `${count} ${count === 1 ? 'holder' : 'holders'} of ${job.name}` },
      `${count} ${count === 1 ? 'holder' : 'holders'}`),
    el('ul', {}, job.sources.map(s => el('li', {},
      el('span', { class: 'holder-url' }, s.url), ` · ${bytes(s.bytes)} · ${s.bad_pieces} bad ${s.bad_pieces === 1 ? 'piece' : 'pieces'}`))));
}

function notRunning() {
  return el('span', { class: 'muted', title: 'known only while the download runs' }, '—');
}

async function remove(job, control) {
  refocus = control.dataset.key;
  control.disabled = true;
  try {
    await deleteDownload(job.id);
  } catch (error) {
    say(`Could not ${control.textContent.toLowerCase()} ${job.name}: ${error.message}`, true, false);
    control.disabled = false;
    control.focus();
  }
  await poller.refreshNow();
}

/** A line under the link field; invalid marks the field itself as the cause. */
function say(text, bad, invalid = bad) {
  message.textContent = text;
  message.classList.toggle('bad', bad);
  if (invalid) linkInput.setAttribute('aria-invalid', 'true');
  else linkInput.removeAttribute('aria-invalid');
}

async function refreshTransfers() {
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
