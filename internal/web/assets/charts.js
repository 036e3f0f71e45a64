// charts.js draws GET /v1/stats as inline SVG: alerts over time stacked by
// label, and the most cited techniques. Colours come from style.css
// classes; tooltips are SVG <title> text.

import {s, h, fill, truncate} from './dom.js';

const LABELS = ['Benign', 'Suspicious', 'Malicious'];
const W = 640;
const H = 170;
const PAD = {left: 34, right: 8, top: 10, bottom: 22};

// timeChart draws one stacked bar per bucket.
export function timeChart(el, st) {
  const buckets = st.buckets || [];
  const top = niceMax(Math.max(1, ...buckets.map((b) => b.total)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const bw = plotW / Math.max(1, buckets.length);
  const y = (v) => PAD.top + plotH - (v / top) * plotH;
  const svg = s('svg', {viewBox: `0 0 ${W} ${H}`, class: 'svg-chart', role: 'img',
    'aria-label': `Alerts over time: ${st.total} in the window`});
  svg.append(
    s('line', {x1: PAD.left, x2: W - PAD.right, y1: y(0), y2: y(0), class: 'axis'}),
    s('line', {x1: PAD.left, x2: W - PAD.right, y1: y(top), y2: y(top), class: 'grid'}),
    s('text', {x: PAD.left - 4, y: y(top) + 4, class: 'tick', 'text-anchor': 'end'}, String(top)),
    s('text', {x: PAD.left - 4, y: y(0), class: 'tick', 'text-anchor': 'end'}, '0'));
  buckets.forEach((b, i) => svg.append(bar(b, PAD.left + i * bw, bw, y, st.bucket_seconds)));
  ticks(buckets, bw, st.bucket_seconds).forEach((t) => svg.append(t));
  fill(el, svg, legend(st.total));
}

function bar(b, x, bw, y, secs) {
  const g = s('g', {class: 'bucket'});
  let acc = 0;
  for (const l of LABELS) {
    const n = (b.labels || {})[l] || 0;
    if (n === 0) continue;
    g.append(s('rect', {x: x + 1, width: Math.max(1, bw - 2), y: y(acc + n), height: y(acc) - y(acc + n), class: `bar ${l}`}));
    acc += n;
  }
  const parts = LABELS.filter((l) => (b.labels || {})[l]).map((l) => `${b.labels[l]} ${l}`);
  g.append(s('rect', {x, width: bw, y: PAD.top, height: H - PAD.top - PAD.bottom, class: 'hit'}),
    s('title', null, `${span(b.start, secs)}: ${b.total} alert${b.total === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''}`));
  return g;
}

// ticks labels about five buckets along the x axis.
function ticks(buckets, bw, secs) {
  const every = Math.max(1, Math.ceil(buckets.length / 5));
  const out = [];
  buckets.forEach((b, i) => {
    if (i % every !== 0) return;
    out.push(s('text', {x: PAD.left + i * bw + bw / 2, y: H - 6, class: 'tick', 'text-anchor': 'middle'}, stamp(b.start, secs)));
  });
  return out;
}

function stamp(iso, secs) {
  const d = new Date(iso);
  if (secs >= 6 * 3600) return d.toLocaleDateString(undefined, {month: 'short', day: 'numeric'}) + ' ' + d.toLocaleTimeString(undefined, {hour: '2-digit'});
  return d.toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit'});
}

function span(iso, secs) {
  const from = new Date(iso);
  const to = new Date(from.getTime() + secs * 1000);
  const o = {month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'};
  return `${from.toLocaleString(undefined, o)} – ${to.toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit'})}`;
}

function legend(total) {
  return h('div', {class: 'legend'},
    LABELS.map((l) => h('span', {class: 'key'}, s('svg', {viewBox: '0 0 10 10', width: 10, height: 10},
      s('rect', {width: 10, height: 10, class: `bar ${l}`})), ` ${l}`)),
    h('span', {class: 'muted'}, ` · ${total} in window`));
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten.
export function niceMax(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

// techniqueChart draws one horizontal bar per technique; pick(id) filters.
export function techniqueChart(el, st, pick) {
  const ts = st.techniques || [];
  if (ts.length === 0) {
    fill(el, h('p', {class: 'muted empty'}, 'No techniques cited in this window.'));
    return;
  }
  const row = 24;
  const labelW = 300;
  const max = Math.max(...ts.map((t) => t.count));
  const svg = s('svg', {viewBox: `0 0 ${W} ${ts.length * row + 4}`, class: 'svg-chart', role: 'img',
    'aria-label': 'Most cited ATT&CK techniques'});
  ts.forEach((t, i) => {
    const y = i * row + 2;
    const w = Math.max(2, ((W - labelW - 50) * t.count) / max);
    const g = s('g', {class: 'technique', tabindex: 0, dataset: {id: t.id},
      onclick: () => pick(t.id), onkeydown: (e) => { if (e.key === 'Enter') pick(t.id); }},
    s('title', null, `${t.id} ${t.name || ''}\nTactics: ${(t.tactics || []).join(', ') || '—'}\n${t.count} alerts — click to filter`),
    s('rect', {x: 0, y, width: W, height: row - 2, class: 'hit'}),
    s('text', {x: 0, y: y + 15, class: 'tlabel'}, s('tspan', {class: 'tid'}, t.id), ' ', truncate(t.name || '', 34)),
    s('rect', {x: labelW, y: y + 4, width: w, height: row - 10, class: 'bar technique-bar'}),
    s('text', {x: labelW + w + 6, y: y + 15, class: 'tick'}, String(t.count)));
    svg.append(g);
  });
  fill(el, svg);
}
