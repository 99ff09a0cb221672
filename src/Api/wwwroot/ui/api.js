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
