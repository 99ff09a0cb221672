// The router: #/network, #/search?q=…&ttl=…&fanout=…, #/files, #/transfers. Each view has show(params) and hide().
import { getJson } from './api.js';
import { networkView } from './views/network.js';
import { searchView } from './views/search.js';
import { filesView } from './views/files.js';
import { transfersView } from './views/transfers.js';

const views = { network: networkView, search: searchView, files: filesView, transfers: transfersView };
let current = null;

function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { name: views[path] ? path : 'network', params: new URLSearchParams(query) };
}

function route() {
  const { name, params } = parseHash();
  if (current && current !== name) views[current].hide();
  for (const [key, view] of Object.entries(views)) {
    document.getElementById(`view-${key}`).hidden = key !== name;
    view.link ??= document.querySelector(`nav a[data-view="${key}"]`);
    if (key === name) view.link.setAttribute('aria-current', 'page');
    else view.link.removeAttribute('aria-current');
  }
  current = name;
  document.title = `${name[0].toUpperCase()}${name.slice(1)} · OrleansP2P`;
  views[name].show(params);
}

async function showPeerName() {
  try {
    const health = await getJson('health');
    document.getElementById('peer-title').textContent = `${health.peer} · ${location.host}`;
  } catch {
    document.getElementById('peer-title').textContent = `unreachable · ${location.host}`;
  }
}

window.addEventListener('hashchange', route);
showPeerName();
route();
document.documentElement.dataset.ready = 'true';
