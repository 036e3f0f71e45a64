// api.js calls vigil's REST API with the analyst's key. Errors come back
// as RFC 9457 problems; ApiError keeps their stable code and safe detail.

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

// problemOf turns a failed response into an ApiError.
export async function problemOf(res) {
  let p = {};
  try {
    p = await res.json();
  } catch {
    // not a problem document (a proxy's page, say): keep the status
  }
  return new ApiError(res.status, p.code || `http_${res.status}`, p.detail || res.statusText);
}

export class Client {
  constructor(key) {
    this.key = key;
  }

  headers() {
    return {Authorization: `Bearer ${this.key}`};
  }

  get(path, signal) {
    return this.request('GET', path, undefined, signal);
  }

  post(path, body) {
    return this.request('POST', path, body ?? {});
  }

  async request(method, path, body, signal) {
    const headers = this.headers();
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, {
      method, headers, signal, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw await problemOf(res);
    return res.json();
  }
}

// query builds a query string from the non-empty values of params.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// alertPath is the path of an alert or one of its actions.
export function alertPath(id, action) {
  const base = `/v1/alerts/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}
