// dom.js builds elements. Every string becomes a text node or an attribute
// value: event data (command lines above all) is attacker-controlled and is
// never parsed as markup: no module of the dashboard hands a string to an
// HTML parser (web_test.go checks the scripts for such calls).

const SVG_NS = 'http://www.w3.org/2000/svg';

// h creates an HTML element: h('td', {class: 'cmd', title: t}, text, child).
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

// s creates an SVG element the same way.
export function s(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setProps(el, props);
  append(el, children);
  return el;
}

function setProps(el, props) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) {
      if (typeof v !== 'function') throw new TypeError(`${k} must be a function`);
      el.addEventListener(k.slice(2), v);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

// append adds children: nodes as they are, anything else as text.
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

// fill replaces an element's children.
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// truncate shortens text for a table cell (the full text goes in a title).
export function truncate(text, n) {
  const t = String(text ?? '');
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

// time formats an RFC 3339 timestamp in the analyst's time zone.
export function time(iso, withDate) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso ?? '');
  const opts = {hour: '2-digit', minute: '2-digit', second: '2-digit'};
  if (withDate || Date.now() - d.getTime() > 20 * 3600 * 1000) {
    Object.assign(opts, {month: 'short', day: 'numeric'});
  }
  return d.toLocaleString(undefined, opts);
}

export function percent(x) {
  return typeof x === 'number' ? (x * 100).toFixed(1) + ' %' : '—';
}
