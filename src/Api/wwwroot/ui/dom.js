// Building DOM nodes safely: every string becomes a text node (never HTML), attributes are set one by one.

/** el('td', { class: 'num' }, 'text', childNode, ...) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  setAll(node, attributes);
  append(node, children);
  return node;
}

/** The same for SVG elements. */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAll(node, attributes);
  append(node, children);
  return node;
}

/** Replaces every child of `node`. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** A table row spanning all columns with a message (loading, empty, error). */
export function emptyRow(columns, message) {
  return el('tr', {}, el('td', { class: 'empty', colspan: String(columns) }, message));
}

/** Only http(s) URLs become links: a peer could send `javascript:` as a rest_url. */
export function safeHttpUrl(value) {
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function setAll(node, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}
