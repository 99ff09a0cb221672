// One upload: SHA-256 computed in slices while reading the file (js-sha256, MIT: browsers have no streaming hash and
// no crypto.subtle on plain-http pages), then the file streamed by XMLHttpRequest with upload progress. The peer keeps
// the file only if the bytes it received have that hash (X-Content-SHA256), so a damaged upload never appears.
import { sha256 } from './vendor/sha256.js';
import { filePath } from './api.js';

const sliceSize = 4 * 1024 * 1024;

/** Resolves with {name, size, sha256} as the peer stored it; rejects with the peer's problem detail. */
export async function upload(file, overwrite, onProgress) {
  const hash = await hashFile(file, done => onProgress('hashing', done));
  return send(file, hash, overwrite, done => onProgress('uploading', done));
}

async function hashFile(file, onProgress) {
  const hasher = sha256.create();
  for (let offset = 0; offset < file.size; offset += sliceSize) {
    hasher.update(await file.slice(offset, offset + sliceSize).arrayBuffer());
    onProgress(Math.min(1, (offset + sliceSize) / file.size));
  }
  onProgress(1);
  return hasher.hex();
}

function send(file, hash, overwrite, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', filePath(file.name) + (overwrite ? '?overwrite=true' : ''));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Content-SHA256', hash);
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', e => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) resolve(xhr.response);
      else reject(new Error(xhr.response?.detail || xhr.response?.title || `HTTP ${xhr.status}`));
    });
    xhr.addEventListener('error', () => reject(new Error('the connection to this peer failed')));
    xhr.send(file);
  });
}
