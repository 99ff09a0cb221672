// Talking to this peer (and, for the graph, to other peers' public GET /peers).

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GETs JSON; a problem-details answer becomes an ApiError carrying its detail. */
export async function getJson(url, { signal, timeoutMs = 8000 } = {}) {
  const timeout = AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiError(response.status, await problemText(response));
  return response.json();
}

/** Sends a change (POST, DELETE) with an optional JSON body; resolves with {status, body}; a problem answer becomes an ApiError. */
export async function sendJson(method, url, body, { timeoutMs = 8000 } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method, headers, signal: AbortSignal.timeout(timeoutMs), body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new ApiError(response.status, await problemText(response));
  return { status: response.status, body: await response.json() };
}

/**
 * Has this peer download a magnet link into its shared folder (POST /downloads): resolves with {job, created}, created
 * false when the peer already knew the link (200 instead of 202); a malformed link rejects with the peer's detail.
 */
export async function startDownload(link) {
  const { status, body } = await sendJson('POST', 'downloads', { link });
  return { job: body, created: status === 202 };
}

/** Cancels a peer-run download, or removes a finished one from the list (DELETE /downloads/{id}). */
export function deleteDownload(id) {
  return sendJson('DELETE', `downloads/${encodeURIComponent(id)}`);
}

/** What went wrong, from an RFC 7807 body when there is one. */
export async function problemText(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** The path of one file's bytes on this peer. */
export function filePath(name) {
  return `files/${encodeURIComponent(name)}`;
}
