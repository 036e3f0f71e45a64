// detail.js renders one alert: what was run, what vigil decoded, and why it
// was flagged (the verdict stored as the alert's evidence): the
// deobfuscation trace, the rules that fired, the ATT&CK techniques with
// their names and tactics, and the model scores. All of it as text.

import {h, fill, time, percent} from './dom.js';
import {badge} from './feed.js';

// render fills el with the alert; actions has ack(id) and falsePositive(id).
export function render(el, a, actions) {
  const v = a.evidence && typeof a.evidence === 'object' ? a.evidence : {};
  fill(el,
    header(a, v),
    toolbar(a, actions),
    section('Command', h('pre', {class: 'code', id: 'd-command'}, a.subject)),
    decoded(v),
    section('Deobfuscation trace', trace(v)),
    section('Rules fired', rules(v)),
    section('ATT&CK techniques', techniques(v.techniques, a.techniques)),
    v.payload_techniques?.length ? section('Techniques of the decoded payload', techniques(v.payload_techniques, [])) : null,
    section('Model scores', scores(v.scores)),
    facts(a, v),
    h('details', {class: 'raw'}, h('summary', null, 'Raw alert JSON'),
      h('pre', {class: 'code'}, JSON.stringify(a, null, 2))));
}

function header(a, v) {
  return h('div', {class: 'd-head'},
    h('div', {class: 'badges'}, badge('label', a.label), badge('status', a.status)),
    h('dl', {class: 'kv'},
      kv('Confidence', percent(a.confidence)),
      kv('Action', a.action),
      kv('Decided by', v.reason || '—'),
      kv('Raised', time(a.created_at, true)),
      a.updated_at !== a.created_at ? kv('Updated', time(a.updated_at, true)) : null));
}

function toolbar(a, actions) {
  const bar = h('div', {class: 'actions'});
  const ack = h('button', {type: 'button', id: 'act-ack', disabled: a.status !== 'new',
    onclick: () => actions.ack(a.id)}, 'Acknowledge');
  const fp = h('button', {type: 'button', id: 'act-fp', class: 'warn', disabled: a.status === 'false_positive',
    onclick: () => confirmFalsePositive(bar, a, actions)}, 'Mark false positive');
  return fill(bar, ack, fp);
}

// confirmFalsePositive asks once more: the action allows the command from
// now on, which an analyst should not do by a stray click.
function confirmFalsePositive(bar, a, actions) {
  fill(bar,
    h('span', {class: 'confirm'}, 'This also allows this exact command from now on (an allow rule). Continue?'),
    h('button', {type: 'button', id: 'act-fp-confirm', class: 'warn', onclick: () => actions.falsePositive(a.id)},
      'Yes, false positive'),
    h('button', {type: 'button', class: 'ghost', onclick: () => fill(bar, ...toolbar(a, actions).childNodes)}, 'Cancel'));
}

function section(title, ...body) {
  return h('section', {class: 'd-sec'}, h('h3', null, title), ...body);
}

function decoded(v) {
  const out = [];
  if (v.deobfuscated) out.push(section('Deobfuscated', h('pre', {class: 'code', id: 'd-deobfuscated'}, v.deobfuscated)));
  if (v.decoded_payload && v.decoded_payload !== v.deobfuscated) {
    out.push(section('Decoded payload', h('pre', {class: 'code'}, v.decoded_payload)));
  }
  return out;
}

function trace(v) {
  const steps = (v.evidence || []).filter((e) => e.kind === 'deobfuscation');
  if (steps.length === 0) {
    return h('p', {class: 'muted', id: 'd-trace'}, v.obfuscated ? 'Obfuscation indicators, but no layer could be undone.' : 'Nothing to undo: the command was not obfuscated.');
  }
  return h('ol', {class: 'trace', id: 'd-trace'},
    steps.map((e) => h('li', null, h('code', null, e.transform), e.pass ? h('span', {class: 'muted'}, ` pass ${e.pass}`) : null)));
}

function rules(v) {
  const fired = (v.evidence || []).filter((e) => e.kind !== 'deobfuscation');
  if (fired.length === 0) return h('p', {class: 'muted', id: 'd-rules'}, 'No rule fired: the models alone decided.');
  return table('d-rules', ['Rule', 'Level', 'Effect'], fired.map((e) => [
    [h('code', null, e.id || e.kind), e.title ? h('div', null, e.title) : null,
      e.tags?.length ? h('div', {class: 'muted small'}, e.tags.join(' · ')) : null],
    e.level ? h('span', {class: 'level', dataset: {level: e.level}}, e.level) : '—',
    e.action || '—',
  ]));
}

// techniques lists the verdict's ranked techniques, or the bare ids stored
// on the alert when the evidence has none.
function techniques(list, ids) {
  const rows = (list && list.length ? list : (ids || []).map((id) => ({id})));
  if (rows.length === 0) return h('p', {class: 'muted', id: 'd-techniques'}, 'None mapped.');
  return table('d-techniques', ['Technique', 'Name', 'Tactics', 'Confidence'], rows.map((t) => [
    h('code', null, t.id), t.name || '—', (t.tactics || []).join(', ') || '—', meter(t.confidence),
  ]));
}

function scores(sc) {
  if (!sc) return h('p', {class: 'muted'}, 'No model scores in this alert.');
  return h('div', {class: 'scores'}, ['Benign', 'Suspicious', 'Malicious'].map((l) =>
    h('div', {class: 'score'}, h('span', null, l), meter(sc[l], l))));
}

function facts(a, v) {
  return section('Details', h('dl', {class: 'kv'},
    kv('Alert', a.id),
    kv('Detector', a.detector),
    kv('API key', a.key_id || '— (internal route)'),
    v.executables?.length ? kv('Runs', v.executables.join(' → ')) : null,
    v.warnings?.length ? kv('Warnings', v.warnings.join('; ')) : null,
    typeof v.elapsed_us === 'number' ? kv('Scan time', `${v.elapsed_us} µs`) : null));
}

// meter is a small bar with the percentage as text.
function meter(x, kind) {
  if (typeof x !== 'number') return '—';
  const m = h('meter', {min: 0, max: 1, value: x, dataset: {kind: kind || ''}});
  return h('span', {class: 'meter'}, m, h('span', null, percent(x)));
}

function table(id, heads, rows) {
  return h('table', {class: 'grid', id},
    h('thead', null, h('tr', null, heads.map((t) => h('th', null, t)))),
    h('tbody', null, rows.map((cells) => h('tr', null, cells.map((c) => h('td', null, c))))));
}

function kv(k, v) {
  return [h('dt', null, k), h('dd', null, v ?? '—')];
}
