// stream.js reads GET /v1/alerts/stream. EventSource cannot send an
// Authorization header, so the stream is read with fetch() and a
// ReadableStream, parsed as server-sent events, and reconnected with
// backoff when it ends.

import {problemOf} from './api.js';

const MAX_DELAY_MS = 30000;

// sseParser returns a function that takes decoded text as it arrives and
// calls onEvent({type, id, data}) for each complete event, and onRetry(ms)
// for a retry field. It follows the SSE rules: lines end in LF, CR or CRLF;
// a line starting with ':' is a comment; data lines join with LF; an empty
// line dispatches.
export function sseParser(onEvent, onRetry) {
  let buf = '';
  let ev = {type: '', id: '', data: []};
  const line = (l) => {
    if (l === '') {
      if (ev.data.length > 0) onEvent({type: ev.type || 'message', id: ev.id, data: ev.data.join('\n')});
      ev = {type: '', id: '', data: []};
      return;
    }
    if (l.startsWith(':')) return;
    const i = l.indexOf(':');
    const field = i < 0 ? l : l.slice(0, i);
    let value = i < 0 ? '' : l.slice(i + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') ev.type = value;
    else if (field === 'data') ev.data.push(value);
    else if (field === 'id') ev.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry?.(Number(value));
  };
  return (text) => {
    buf += text;
    for (;;) {
      const m = /\r\n|\r|\n/.exec(buf);
      // A lone CR at the end may be half of a CRLF: wait for more.
      if (!m || (m[0] === '\r' && m.index === buf.length - 1)) return;
      line(buf.slice(0, m.index));
      buf = buf.slice(m.index + m[0].length);
    }
  };
}

// AlertStream keeps one stream open. onState(state, detail) hears
// 'connecting', 'live', 'reconnecting' (detail: delay in ms) and 'denied'
// (detail: the ApiError; the stream stops); onEvent hears each event.
export class AlertStream {
  constructor(client, {onEvent, onState}) {
    this.client = client;
    this.onEvent = onEvent;
    this.onState = onState;
    this.retry = 3000;
    this.failures = 0;
    this.abort = null;
    this.stopped = true;
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop();
  }

  stop() {
    this.stopped = true;
    this.abort?.abort();
  }

  async loop() {
    while (!this.stopped) {
      const err = await this.once();
      if (this.stopped) return;
      if (err && (err.status === 401 || err.status === 403)) {
        this.stopped = true;
        this.onState('denied', err);
        return;
      }
      const delay = this.nextDelay();
      this.onState('reconnecting', delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  // nextDelay backs off exponentially from the server's retry, with jitter
  // so that many dashboards do not reconnect in step after a restart.
  nextDelay() {
    const base = Math.min(MAX_DELAY_MS, this.retry * 2 ** Math.min(this.failures, 4));
    this.failures++;
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }

  // once reads the stream until it ends; it returns the error that ended
  // it, if any.
  async once() {
    this.abort = new AbortController();
    this.onState('connecting');
    try {
      const res = await fetch('/v1/alerts/stream', {
        headers: this.client.headers(), signal: this.abort.signal, cache: 'no-store', credentials: 'omit',
      });
      if (!res.ok) return await problemOf(res);
      this.failures = 0;
      this.onState('live');
      const push = sseParser((ev) => this.onEvent(ev), (ms) => { this.retry = ms; });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const {value, done} = await reader.read();
        if (done) return null;
        push(value);
      }
    } catch (e) {
      return e;
    }
  }
}
