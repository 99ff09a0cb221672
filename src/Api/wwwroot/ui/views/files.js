// Files: what this peer shares, and uploads by drag and drop or file picker.
import { getJson, filePath } from '../api.js';
import { el, fill, emptyRow } from '../dom.js';
import { bytes, date, shortHash } from '../format.js';
import { upload } from '../upload.js';

const dropzone = document.getElementById('dropzone');
const input = document.getElementById('file-input');
const overwrite = document.getElementById('overwrite');
const list = document.getElementById('uploads');

input.addEventListener('change', () => {
  uploadAll([...input.files]);
  input.value = '';
});
dropzone.addEventListener('dragover', event => {
  event.preventDefault();
  dropzone.classList.add('over');
});
dropzone.addEventListener('dragleave', () => dropzone.classList.remove('over'));
dropzone.addEventListener('drop', event => {
  event.preventDefault();
  dropzone.classList.remove('over');
  uploadAll([...event.dataTransfer.files]);
});

export const filesView = {
  show: () => refresh(),
  hide() {},
};

async function refresh() {
  const body = document.getElementById('files');
  try {
    const { files } = await getJson('files');
    document.getElementById('files-count').textContent = `(${files.length})`;
    const rows = files.map(f => el('tr', {},
      el('td', { class: 'name' }, f.name),
      el('td', { class: 'num' }, bytes(f.size)),
      el('td', {}, f.type),
      el('td', { class: 'num' }, date(f.mtime)),
      el('td', { class: 'hash', title: f.checksum }, shortHash(f.checksum)),
      el('td', {}, el('a', { class: 'button small download', href: filePath(f.name), download: f.name, 'aria-label': `Download ${f.name}` }, 'Download'))));
    fill(body, rows.length ? rows : emptyRow(6, 'Nothing shared yet: drop a file above.'));
  } catch (error) {
    fill(body, emptyRow(6, `Could not list files: ${error.message}`));
  }
}

async function uploadAll(files) {
  for (const file of files) {
    const bar = el('progress', { max: '1', value: '0', 'aria-label': `Upload of ${file.name}` });
    const state = el('span', { class: 'up-state' }, 'waiting');
    const item = el('li', {}, el('span', { class: 'up-name' }, file.name), state, bar);
    list.prepend(item);
    try {
      const stored = await upload(file, overwrite.checked, (phase, done) => {
        state.textContent = `${phase} ${Math.round(done * 100)} %`;
        bar.value = phase === 'hashing' ? done * 0.3 : 0.3 + done * 0.7;
      });
      bar.value = 1;
      state.textContent = `shared · ${bytes(stored.size)} · SHA-256 ${shortHash(stored.sha256)}`;
      state.classList.add('good');
    } catch (error) {
      state.textContent = error.message;
      state.classList.add('bad');
    }
  }
  await refresh();
}
