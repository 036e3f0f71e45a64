// app.js wires the dashboard together: the key, the live stream, the feed
// and its filters, the event view with its actions, and the charts.

import {ApiError, Client, query, alertPath} from './api.js';
import {AlertStream} from './stream.js';
import {Feed, normalizeTechnique} from './feed.js';
import {render} from './detail.js';
import {timeChart, techniqueChart} from './charts.js';
import {h, fill, truncate} from './dom.js';

const KEY = 'vigil.apiKey';
const PAGE = 100;
const STATS_EVERY_MS = 30000;
const BUCKETS = {'1h': '2m', '6h': '15m', '24h': '1h', '168h': '6h'};

const $ = (id) => document.getElementById(id);

const state = {client: null, stream: null, feed: null, cursor: '', statsTimer: 0, statsSoon: 0, unseen: 0, seq: 0};

// --- the key ---------------------------------------------------------------

function savedKey() {
  return sessionStorage.getItem(KEY) || localStorage.getItem(KEY) || '';
}

function saveKey(key, remember) {
  sessionStorage.setItem(KEY, key);
  if (remember) localStorage.setItem(KEY, key);
}

function forgetKey() {
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(KEY);
}

function showLogin(message) {
  disconnect();
  $('app').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('key').value = '';
  $('key').focus();
}

async function onLogin(e) {
  e.preventDefault();
  const key = $('key').value.trim();
  $('login-error').textContent = '';
  try {
    await new Client(key).get('/v1/stats?window=1h&bucket=1h');
  } catch (err) {
    $('login-error').textContent = keyProblem(err);
    return;
  }
  saveKey(key, $('remember').checked);
  connect(key);
}

function keyProblem(err) {
  if (err instanceof ApiError && err.status === 401) return `This key was refused: ${err.message}.`;
  if (err instanceof ApiError && err.status === 403) return 'This key lacks the admin scope the dashboard needs.';
  return `Cannot reach vigil: ${err.message}`;
}

// --- connecting ----------------------------------------------------------

function connect(key) {
  state.client = new Client(key);
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  state.feed = new Feed($('feed-body'), $('feed-empty'), select);
  readFilters();
  state.feed.reset(currentFilter());
  state.stream = new AlertStream(state.client, {onEvent, onState});
  state.stream.start();
  loadStats();
  state.statsTimer = setInterval(loadStats, STATS_EVERY_MS);
}

function disconnect() {
  state.stream?.stop();
  clearInterval(state.statsTimer);
  state.stream = null;
  state.client = null;
}

const STATES = {connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting', denied: 'key refused', off: 'offline'};

function onState(s, detail) {
  const el = $('conn');
  el.dataset.state = s;
  el.textContent = s === 'reconnecting' ? `reconnecting in ${Math.round(detail / 1000)} s` : STATES[s];
  if (s === 'live') reload(); // fills any gap left while disconnected
  if (s === 'denied') authFailed(detail);
}

function authFailed(err) {
  forgetKey();
  showLogin(keyProblem(err));
}

function onEvent(ev) {
  if (ev.type === 'end') return; // the server closes next; the stream reconnects
  if (ev.type !== 'alert' && ev.type !== 'status') return;
  let a;
  try {
    a = JSON.parse(ev.data);
  } catch {
    return;
  }
  const shown = state.feed.upsert(a, ev.type === 'alert');
  if (ev.type === 'alert') {
    if (document.hidden && shown) state.unseen++;
    statsSoon();
  }
  if (state.feed.selected === a.id) showDetail(a);
  counts();
}

// --- the feed ------------------------------------------------------------

function currentFilter() {
  return {label: $('f-label').value, status: $('f-status').value, technique: normalizeTechnique($('f-technique').value) || ''};
}

// readFilters restores the filters from the URL fragment (#label=...), so a
// filtered view can be bookmarked or shared.
function readFilters() {
  const p = new URLSearchParams(location.hash.slice(1));
  $('f-label').value = p.get('label') || '';
  $('f-status').value = p.get('status') || '';
  $('f-technique').value = p.get('technique') || '';
}

function applyFilters(e) {
  e?.preventDefault();
  const raw = $('f-technique').value.trim();
  const technique = normalizeTechnique(raw);
  if (raw && !technique) {
    $('f-error').textContent = 'A technique looks like T1059 or T1059.001.';
    return;
  }
  $('f-error').textContent = '';
  $('f-technique').value = technique || '';
  const f = currentFilter();
  history.replaceState(null, '', `${location.pathname}${query(f).replace('?', '#')}`);
  state.feed.reset(f);
  reload();
}

function clearFilters() {
  $('f-label').value = '';
  $('f-status').value = '';
  $('f-technique').value = '';
  applyFilters();
}

// reload fetches the newest page for the current filters.
async function reload() {
  const seq = ++state.seq;
  try {
    const page = await state.client.get(`/v1/alerts${query({...state.feed.filter, limit: PAGE})}`);
    if (seq !== state.seq) return; // the filters changed meanwhile
    page.alerts.forEach((a) => state.feed.upsert(a, false));
    setCursor(page.next_cursor);
    counts();
  } catch (err) {
    problem(err);
  }
}

async function loadMore() {
  const seq = state.seq;
  try {
    const page = await state.client.get(`/v1/alerts${query({...state.feed.filter, limit: PAGE, cursor: state.cursor})}`);
    if (seq !== state.seq) return;
    page.alerts.forEach((a) => state.feed.upsert(a, false));
    setCursor(page.next_cursor);
    counts();
  } catch (err) {
    problem(err);
  }
}

function setCursor(c) {
  state.cursor = c || '';
  $('more').hidden = !state.cursor;
}

function counts() {
  const c = state.feed.counts();
  $('counts').textContent = `${c.total} in view · ${c.new} new`;
  document.title = state.unseen > 0 ? `(${state.unseen}) vigil — alerts` : 'vigil — alerts';
}

// --- the event view --------------------------------------------------------

async function select(id) {
  state.feed.select(id);
  const cached = state.feed.get(id);
  if (cached) showDetail(cached);
  try {
    const a = await state.client.get(alertPath(id));
    if (state.feed.selected === id) showDetail(a);
  } catch (err) {
    problem(err);
  }
}

function showDetail(a) {
  render($('detail'), a, {ack, falsePositive});
}

async function ack(id) {
  try {
    const a = await state.client.post(alertPath(id, 'ack'));
    afterAction(a);
    toast('Acknowledged.');
  } catch (err) {
    problem(err);
  }
}

async function falsePositive(id) {
  try {
    const r = await state.client.post(alertPath(id, 'false-positive'));
    afterAction(r.alert);
    const rule = r.allow_rule;
    toast(`Marked false positive. ${r.created ? 'New' : 'Existing'} allow rule ${rule.id}: ${truncate(rule.pattern, 120)}`);
  } catch (err) {
    problem(err);
  }
}

function afterAction(a) {
  state.feed.upsert(a, false);
  if (state.feed.selected === a.id) showDetail(a);
  counts();
  statsSoon();
}

// --- charts ------------------------------------------------------------------

async function loadStats() {
  const win = $('window').value;
  try {
    const st = await state.client.get(`/v1/stats${query({window: win, bucket: BUCKETS[win]})}`);
    timeChart($('chart-time'), st);
    techniqueChart($('chart-techniques'), st, pickTechnique);
  } catch (err) {
    problem(err);
  }
}

// statsSoon refreshes the charts shortly after activity, at most once a
// couple of seconds however many alerts arrive.
function statsSoon() {
  if (state.statsSoon) return;
  state.statsSoon = setTimeout(() => { state.statsSoon = 0; loadStats(); }, 2000);
}

function pickTechnique(id) {
  $('f-technique').value = id;
  applyFilters();
}

// --- messages ------------------------------------------------------------

function problem(err) {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
    authFailed(err);
    return;
  }
  if (err?.name === 'AbortError') return;
  toast(err instanceof ApiError ? `${err.message} (${err.code})` : `Request failed: ${err.message}`, true);
}

let toastTimer = 0;
function toast(text, bad) {
  const t = $('toast');
  fill(t, h('span', null, text));
  t.classList.toggle('bad', Boolean(bad));
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 6000);
}

// --- start -------------------------------------------------------------------

function start() {
  $('login-form').addEventListener('submit', onLogin);
  $('logout').addEventListener('click', () => { forgetKey(); showLogin('Key forgotten.'); });
  $('filters').addEventListener('submit', applyFilters);
  $('f-label').addEventListener('change', applyFilters);
  $('f-status').addEventListener('change', applyFilters);
  $('f-clear').addEventListener('click', clearFilters);
  $('more').addEventListener('click', loadMore);
  $('window').addEventListener('change', loadStats);
  $('toast').addEventListener('click', () => { $('toast').hidden = true; });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) { state.unseen = 0; if (state.feed) counts(); }
  });
  const key = savedKey();
  if (key) connect(key);
  else showLogin();
}

start();
