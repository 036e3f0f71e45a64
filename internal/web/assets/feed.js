// feed.js keeps the alerts in view, newest first, and renders them as
// table rows. Alerts come from GET /v1/alerts pages and from the stream;
// both go through upsert, so an alert seen twice is one row and a status
// change updates its row in place.

import {h, truncate, time} from './dom.js';

const MAX_ROWS = 1000;
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;

// normalizeTechnique returns a canonical ATT&CK id, or null when the text
// is not one.
export function normalizeTechnique(text) {
  const t = String(text ?? '').trim().toUpperCase();
  return TECHNIQUE.test(t) ? t : null;
}

// matches reports whether an alert passes the filters (the same rules as
// GET /v1/alerts: a parent technique matches its sub-techniques).
export function matches(f, a) {
  if (f.label && a.label !== f.label) return false;
  if (f.status && a.status !== f.status) return false;
  if (f.technique) {
    const ts = a.techniques || [];
    if (!ts.some((t) => t === f.technique || t.startsWith(`${f.technique}.`))) return false;
  }
  return true;
}

// newer orders alerts newest first (ties by id, as the API pages them).
function newer(a, b) {
  if (a.created_at !== b.created_at) return a.created_at > b.created_at;
  return a.id > b.id;
}

export class Feed {
  constructor(tbody, empty, onSelect) {
    this.tbody = tbody;
    this.empty = empty;
    this.onSelect = onSelect;
    this.filter = {};
    this.items = new Map(); // id -> {alert, row}
    this.selected = null;
  }

  // reset empties the feed for new filters.
  reset(filter) {
    this.filter = filter;
    this.items.clear();
    this.tbody.replaceChildren();
    this.update();
  }

  get(id) {
    return this.items.get(id)?.alert;
  }

  // upsert adds or updates an alert; fresh marks a live arrival. It
  // returns whether the alert is in view afterwards.
  upsert(a, fresh) {
    const cur = this.items.get(a.id);
    if (cur && cur.alert.updated_at > a.updated_at) return true; // stale copy
    if (!matches(this.filter, a)) {
      if (cur) this.remove(a.id);
      return false;
    }
    const row = this.row(a, fresh);
    if (cur) {
      cur.row.replaceWith(row);
    } else {
      this.insert(a, row);
    }
    this.items.set(a.id, {alert: a, row});
    this.trim();
    this.update();
    return true;
  }

  insert(a, row) {
    for (const tr of this.tbody.children) {
      if (newer(a, this.items.get(tr.dataset.id).alert)) {
        tr.before(row);
        return;
      }
    }
    this.tbody.append(row);
  }

  remove(id) {
    this.items.get(id)?.row.remove();
    this.items.delete(id);
    this.update();
  }

  // trim drops the oldest rows beyond MAX_ROWS (they remain in the API).
  trim() {
    while (this.items.size > MAX_ROWS) {
      const last = this.tbody.lastElementChild;
      if (last.dataset.id === this.selected) break;
      this.remove(last.dataset.id);
    }
  }

  select(id) {
    this.selected = id;
    for (const tr of this.tbody.children) tr.classList.toggle('selected', tr.dataset.id === id);
  }

  row(a, fresh) {
    const cls = [fresh ? 'fresh' : '', a.id === this.selected ? 'selected' : ''].join(' ').trim();
    const pick = () => this.onSelect(a.id);
    const techniques = a.techniques || [];
    return h('tr', {
      class: cls || null, tabindex: 0, dataset: {id: a.id, label: a.label, status: a.status},
      onclick: pick, onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } },
    },
    h('td', {class: 'time', title: a.created_at}, time(a.created_at)),
    h('td', null, badge('label', a.label)),
    h('td', null, badge('status', a.status)),
    h('td', {class: 'cmd', title: truncate(a.subject, 2000)}, truncate(a.subject, 160)),
    h('td', {class: 'techs'}, truncate(techniques.join(', '), 60)));
  }

  update() {
    this.empty.hidden = this.items.size > 0;
  }

  // counts returns how many alerts in view have each status.
  counts() {
    const c = {new: 0, total: this.items.size};
    for (const {alert} of this.items.values()) if (alert.status === 'new') c.new++;
    return c;
  }
}

// badge is a label or status pill.
export function badge(kind, value) {
  const text = kind === 'status' ? String(value ?? '').replace('_', ' ') : value;
  return h('span', {class: `badge ${kind}`, dataset: {value: value ?? ''}}, text);
}

