// One job: its status live from GET /jobs/{id}/events, its actions, artifacts, data, log and webhook deliveries.
import { get, post, blob, follow, ApiError } from './api.js';
import { $, el, fill, when, duration, between, say, shortId } from './dom.js';
import { types, typeName } from './jobs.js';

const ACTIVE = new Set(['pending', 'processing']);
const OUTCOME_STYLE = { succeeded: 'completed', failed: 'failed', 'not run': 'cancelled' };
const DELIVERY_STYLE = { delivered: 'completed', retrying: 'pending', given_up: 'failed' };
let state = null;

function facts(job, byId) {
  const pairs = [
    ['Job id', job.jobId],
    ['Target', job.targetUrl],
    ['Browser type', typeName(byId, job.browserTypeId)],
    ['Priority', job.priority],
    ['Retries', `${job.retryCount ?? 0} of ${job.maxRetries ?? 0}`],
    ['Created', when(job.createdAt)],
    ['Started', when(job.startedAt)],
    ['Ended', when(job.completedAt)],
    ['Duration', duration(between(job.startedAt, job.completedAt))],
  ];
  $('#job-facts').replaceChildren(...pairs.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value ?? '' })]));
}

function showStatus(status, errorMessage) {
  const node = $('#job-status');
  node.className = `badge ${status}`;
  node.textContent = status;
  $('#job-cancel').hidden = !ACTIVE.has(status);
  $('#job-error').textContent = errorMessage ?? '';
}

// From result.actions once the worker reported them; until then from the progress log lines.
function timeline(job) {
  const fromResult = job.result && Array.isArray(job.result.actions) ? job.result.actions : null;
  const steps = fromResult ?? state.log
    .filter((line) => line.metadata && line.metadata.action)
    .map((line) => ({ index: line.metadata.index, action: line.metadata.action, success: line.metadata.success,
      durationMs: line.metadata.durationMs, error: line.metadata.success === false ? line.message : null }));
  const planned = Array.isArray(job.actions) ? job.actions : [];
  const rows = planned.map((action, index) => {
    const step = steps.findLast((s) => s.index === index);
    const outcome = !step ? 'not run' : step.success ? 'succeeded' : 'failed';
    return el('tr', { class: outcome === 'failed' ? 'failed' : undefined },
      el('td', { class: 'num', text: index + 1 }),
      el('td', { text: describe(action) }),
      el('td', {}, el('span', { class: `badge ${OUTCOME_STYLE[outcome]}`, text: outcome })),
      el('td', { class: 'num', text: step ? duration(step.durationMs) : '' }),
      el('td', { class: 'failure', text: step && step.error ? step.error : '' }));
  });
  fill($('#job-timeline tbody'), rows);
}

function describe(action) {
  const target = action.target ?? action.url ?? action.name ?? '';
  return target ? `${action.action} ${target}` : action.action;
}

function extracted(job) {
  const data = job.result && job.result.data;
  $('#job-data').textContent = data && Object.keys(data).length ? JSON.stringify(data, null, 2) : 'Nothing extracted.';
}

function logLine(line) {
  return el('li', { class: line.level === 'error' ? 'error' : line.level === 'warn' ? 'warn' : undefined },
    el('time', { datetime: line.createdAt, text: when(line.createdAt) }), ` ${line.level} ${line.message}`);
}

async function artifactItem(jobId, artifact, signal) {
  const path = `/jobs/${jobId}/artifacts/${artifact.id}`;
  const label = `${artifact.artifactType} ${shortId(artifact.id)} (${artifact.mimeType}, ${artifact.sizeBytes ?? '?'} bytes)`;
  const item = el('li', { 'data-artifact': artifact.id }, el('p', { text: label }));
  if (artifact.mimeType && artifact.mimeType.startsWith('image/')) {
    const url = URL.createObjectURL(await blob(path, signal));
    state.urls.push(url);
    const thumb = el('button', { type: 'button', class: 'thumb', 'aria-label': `Open ${artifact.artifactType} full size` },
      el('img', { src: url, alt: `${artifact.artifactType} of the page`, loading: 'lazy' }));
    thumb.addEventListener('click', () => {
      $('#image-dialog-img').src = url;
      $('#image-dialog-img').alt = label;
      $('#image-dialog').showModal();
    });
    item.prepend(thumb);
  }
  item.append(el('button', { type: 'button', class: 'quiet', text: 'Download',
    onclick: () => download(path, artifact).catch((e) => say(e.message)) }));
  return item;
}

async function download(path, artifact) {
  const url = URL.createObjectURL(await blob(path));
  const extension = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf', 'application/json': 'json', 'text/html': 'html' }[artifact.mimeType] ?? 'bin';
  const link = el('a', { href: url, download: `${artifact.artifactType}-${artifact.id}.${extension}` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function addArtifact(jobId, artifact, signal) {
  if (state.artifacts.has(artifact.id)) return;
  state.artifacts.add(artifact.id);
  const item = await artifactItem(jobId, artifact, signal);
  if (!signal.aborted) $('#job-artifacts').append(item);
}

// Each attempt of the job's webhook delivery, oldest first (GET /jobs/{id}/deliveries).
function deliveries(attempts) {
  $('#job-deliveries-none').hidden = attempts.length > 0;
  $('#job-deliveries').hidden = attempts.length === 0;
  fill($('#job-deliveries tbody'), attempts.map((a) => el('tr', { class: a.outcome === 'given_up' ? 'failed' : undefined },
    el('td', { class: 'num', text: a.attempt }),
    el('td', {}, el('time', { datetime: a.attemptedAt, text: when(a.attemptedAt) })),
    el('td', { class: a.error ? 'failure' : undefined, text: a.statusCode ? `HTTP ${a.statusCode}` : (a.error ?? '') }),
    el('td', { class: 'num', text: duration(a.durationMs) }),
    el('td', {}, el('span', { class: `badge ${DELIVERY_STYLE[a.outcome] ?? ''}`, text: a.outcome.replace('_', ' ') })),
    el('td', { text: a.nextAttemptAt ? when(a.nextAttemptAt) : '' }))));
}

// After the job's end its callback is made within moments (and retried later): the attempts are
// read again every 2 s until the last one ended the delivery, for at most a minute.
async function watchDeliveries(jobId, signal) {
  const until = Date.now() + 60000;
  while (!signal.aborted && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if (signal.aborted) return;
    const attempts = (await get(`/jobs/${jobId}/deliveries`, { signal })).items;
    deliveries(attempts);
    const last = attempts[attempts.length - 1];
    if (last && last.outcome !== 'retrying') return;
  }
}

async function refresh(jobId, signal) {
  const [job, byId, attempts] = await Promise.all([get(`/jobs/${jobId}`, { signal }), types(),
    get(`/jobs/${jobId}/deliveries`, { signal })]);
  state.job = job;
  facts(job, byId);
  showStatus(job.status, job.errorMessage);
  timeline(job);
  extracted(job);
  deliveries(attempts.items);
  for (const artifact of job.artifacts) addArtifact(jobId, artifact, signal).catch((e) => say(e.message));
}

export async function show(jobId, signal) {
  for (const url of state?.urls ?? []) URL.revokeObjectURL(url);
  state = { job: null, log: [], artifacts: new Set(), urls: [] };
  $('#job-title').textContent = `Job ${shortId(jobId)}`;
  $('#job-status').textContent = '';
  $('#job-live').textContent = '';
  for (const id of ['#job-facts', '#job-artifacts', '#job-log', '#job-timeline tbody', '#job-deliveries tbody']) {
    $(id).replaceChildren();
  }
  $('#job-data').textContent = '';
  $('#job-error').textContent = '';
  $('#job-cancel').hidden = true;
  $('#job-cancel').onclick = () => cancel(jobId);
  $('#job-again').onclick = () => runAgain();

  // The job and its event stream start together; the stream replays the history, then goes live.
  follow(`/jobs/${jobId}/events`, {
    signal,
    onState: (live) => {
      $('#job-live').textContent = { live: '(live)', reconnecting: '(reconnecting…)', ended: '', closed: '' }[live];
    },
    onEvent: (event) => {
      if (event.name === 'status') {
        showStatus(event.data.status, event.data.errorMessage);
        refresh(jobId, signal).catch(ignoreAbort);
      } else if (event.name === 'log') {
        state.log.push(event.data);
        $('#job-log').append(logLine(event.data));
        if (state.job && !state.job.result) timeline(state.job);
      } else if (event.name === 'artifact') {
        addArtifact(jobId, event.data, signal).catch(ignoreAbort);
      } else if (event.name === 'end') {
        showStatus(event.data.status, state.job?.errorMessage);
        refresh(jobId, signal).catch(ignoreAbort);
        watchDeliveries(jobId, signal).catch(ignoreAbort);
      }
    },
  });
  await refresh(jobId, signal);
}

function ignoreAbort(e) {
  if (!(e instanceof DOMException && e.name === 'AbortError')) say(e.message);
}

async function cancel(jobId) {
  $('#job-cancel').disabled = true;
  try {
    await post(`/jobs/${jobId}/cancel`);
    say('Cancellation requested.');
  } catch (e) {
    say(e instanceof ApiError && e.status === 409 ? 'The job had already ended.' : e.message);
  } finally {
    $('#job-cancel').disabled = false;
  }
}

// The same job again: what was submitted, as the API reads it back (browserStorage is never read back).
async function runAgain() {
  const job = state.job;
  if (!job) return;
  const body = { browserTypeId: job.browserTypeId, targetUrl: job.targetUrl, actions: job.actions };
  for (const field of ['waitUntil', 'priority', 'maxRetries', 'timeoutMs']) {
    if (job[field] !== null && job[field] !== undefined) body[field] = job[field];
  }
  try {
    const accepted = await post('/jobs', body);
    location.hash = `#/jobs/${accepted.jobId}`;
    say('Submitted again.');
  } catch (e) {
    say(e.message);
  }
}
