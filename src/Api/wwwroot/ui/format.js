// Numbers and times for people.

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function bytes(n) {
  if (n === null || n === undefined) return '?';
  let value = Number(n);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

export function speed(bytesPerSecond) {
  return `${bytes(Math.round(bytesPerSecond || 0))}/s`;
}

/** "12 s ago" from Unix seconds; "never" for null. */
export function ago(unixSeconds) {
  if (unixSeconds === null || unixSeconds === undefined) return 'never';
  const seconds = Math.max(0, Math.round(Date.now() / 1000 - unixSeconds));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

export function date(unixSeconds) {
  return new Date(unixSeconds * 1000).toLocaleString();
}

export function duration(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function shortHash(sha256) {
  return sha256 ? `${sha256.slice(0, 12)}…` : '';
}

const sha256Hex = /^[0-9a-f]{64}$/;

/**
 * A hit's magnet link (ARCHITECTURE.md, "Content addressing"): xt, x.tree, xl and the name percent-encoded as the
 * peer encodes it (RFC 3986: also ! ' ( ) *). Null when the hit has no usable tree (a peer older than content addressing).
 */
export function magnetLink(file) {
  if (!sha256Hex.test(file.checksum ?? '') || !sha256Hex.test(file.tree ?? '') || !Number.isSafeInteger(file.size)) return null;
  const name = encodeURIComponent(file.name).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `magnet:?xt=urn:sha256:${file.checksum}&x.tree=${file.tree}&xl=${file.size}&dn=${name}`;
}
