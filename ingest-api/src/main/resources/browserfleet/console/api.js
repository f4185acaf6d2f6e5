// The API as the console uses it. The key lives in this tab's sessionStorage and travels only
// in the X-API-Key header: never in a URL (which logs and histories keep) nor in a cookie.
const KEY = 'browserfleet.apiKey';
const BASE = '/api/v1';

export const apiKey = () => sessionStorage.getItem(KEY);
export const keepKey = (key) => sessionStorage.setItem(KEY, key);
export const forgetKey = () => sessionStorage.removeItem(KEY);

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `The API answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

// Called on a 401 so that the app can ask for a key again.
let onRefused = () => {};
export const whenRefused = (callback) => { onRefused = callback; };

function headers(extra, key) {
  return { 'X-API-Key': key ?? apiKey() ?? '', ...extra };
}

async function send(path, { method = 'GET', body, accept = 'application/json', signal, key } = {}) {
  const extra = { Accept: accept };
  if (body !== undefined) extra['Content-Type'] = 'application/json';
  const response = await fetch(BASE + path, {
    method, signal, cache: 'no-store', credentials: 'omit',
    headers: headers(extra, key),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not a problem document */ }
    if (response.status === 401 && key === undefined) onRefused();
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function get(path, options) {
  return (await send(path, options)).json();
}

export async function post(path, body, options = {}) {
  const response = await send(path, { ...options, method: 'POST', body });
  return response.status === 204 ? null : response.json();
}

export async function patch(path, body) {
  return (await send(path, { method: 'PATCH', body })).json();
}

export async function remove(path) {
  const response = await send(path, { method: 'DELETE' });
  return response.status === 204 ? null : response.json();
}

/** The bytes of an artifact: a fetch with the header, since an <img src> could not carry it. */
export async function blob(path, signal) {
  return (await send(path, { accept: '*/*', signal })).blob();
}

/** Whether a key is accepted, and whether it is the admin's (which alone may read admin endpoints). */
export async function probe(key) {
  await get('/jobs?limit=1', { key });
  try {
    await get('/admin/url-policies', { key });
    return { admin: true };
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return { admin: false };
    throw e;
  }
}

/**
 * Follows a job's Server-Sent Events with fetch and a streaming reader, because EventSource cannot
 * send a header. After a dropped connection it reconnects with Last-Event-ID, which the endpoint
 * reads as a cursor, so nothing is shown twice or missed. Ends after the "end" event, on a
 * refusal, or when {@code signal} aborts.
 */
export function follow(path, { onEvent, onState, signal }) {
  let lastId = null;
  let backoff = 500;
  (async () => {
    while (!signal.aborted) {
      let ended = false;
      try {
        const extra = { Accept: 'text/event-stream' };
        if (lastId !== null) extra['Last-Event-ID'] = lastId;
        const response = await fetch(BASE + path, { headers: headers(extra), signal, cache: 'no-store', credentials: 'omit' });
        if (!response.ok) {
          if (response.status === 401) onRefused();
          onState('closed', response.status);
          return;
        }
        onState('live');
        backoff = 500;
        ended = await readEvents(response.body, (event) => {
          if (event.id !== null) lastId = event.id;
          onEvent(event);
        });
      } catch (e) {
        if (signal.aborted) return;
      }
      if (ended) { onState('ended'); return; }
      onState('reconnecting');
      await pause(backoff, signal);
      backoff = Math.min(backoff * 2, 8000);
    }
  })();
}

// The text/event-stream format: fields until a blank line, then one event. Returns true after "end".
async function readEvents(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { id: null, name: 'message', data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return false;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (event.data.length > 0) {
          const complete = { id: event.id, name: event.name, data: JSON.parse(event.data.join('\n')) };
          dispatch(complete);
          if (complete.name === 'end') { reader.cancel().catch(() => {}); return true; }
        }
        event = { id: event.id, name: 'message', data: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let text = colon < 0 ? '' : line.slice(colon + 1);
      if (text.startsWith(' ')) text = text.slice(1);
      if (field === 'id') event.id = text;
      else if (field === 'event') event.name = text;
      else if (field === 'data') event.data.push(text);
    }
  }
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
