// The jobs table: newest first, filtered as GET /jobs allows, paged by its cursors.
import { get } from './api.js';
import { $, el, fill, badge, when, duration, between, instantOf, say } from './dom.js';

const PAGE = 25;
let browserTypes = null;
let cursors = [null];
let wired = false;

/** Browser types by id, read once per page load. */
export async function types() {
  if (!browserTypes) {
    const answer = await get('/browser-types');
    const list = Array.isArray(answer) ? answer : answer.items;
    browserTypes = new Map(list.map((type) => [type.id, type]));
  }
  return browserTypes;
}

export function typeName(byId, id) {
  const type = byId.get(id);
  return type ? type.name : `#${id}`;
}

function query(cursor) {
  const form = $('#job-filters');
  const params = new URLSearchParams({ limit: String(PAGE) });
  const set = (name, value) => { if (value) params.set(name, value); };
  set('status', form.elements.namedItem('status').value);
  set('browserTypeId', form.elements.namedItem('browserTypeId').value);
  set('createdAfter', instantOf(form.elements.namedItem('createdAfter').value));
  set('createdBefore', instantOf(form.elements.namedItem('createdBefore').value));
  set('cursor', cursor);
  return `/jobs?${params}`;
}

function row(job, byId) {
  const link = el('a', { href: `#/jobs/${job.jobId}`, text: job.targetUrl });
  return el('tr', { 'data-job': job.jobId },
    el('td', {}, badge(job.status)),
    el('td', { text: typeName(byId, job.browserTypeId) }),
    el('td', { class: 'target' }, link),
    el('td', { class: 'num', text: job.priority ?? '' }),
    el('td', { class: 'num', text: `${job.retryCount ?? 0}/${job.maxRetries ?? 0}` }),
    el('td', {}, el('time', { datetime: job.createdAt, text: when(job.createdAt) })),
    el('td', { class: 'num', text: duration(between(job.startedAt, job.completedAt)) }));
}

async function load(page, signal) {
  // The page of jobs and the browser types' names are asked for together.
  const [answer, byId] = await Promise.all([get(query(cursors[page]), { signal }), types()]);
  fill($('#jobs-table tbody'), answer.items.map((job) => row(job, byId)));
  $('#jobs-empty').hidden = answer.items.length > 0;
  if (answer.nextCursor) cursors[page + 1] = answer.nextCursor;
  else cursors.length = page + 1;
  $('#jobs-next').disabled = !answer.nextCursor;
  $('#jobs-first').disabled = page === 0;
  $('#jobs-next').onclick = () => load(page + 1, signal).catch((e) => say(e.message));
  $('#jobs-first').onclick = () => load(0, signal).catch((e) => say(e.message));
  const select = $('#filter-browser-type');
  if (select.options.length === 1) {
    for (const [id, type] of byId) select.append(el('option', { value: id, text: type.name }));
  }
}

export function show(signal) {
  if (!wired) {
    wired = true;
    $('#job-filters').addEventListener('submit', (event) => {
      event.preventDefault();
      cursors = [null];
      load(0, new AbortController().signal).catch((e) => say(e.message));
    });
  }
  cursors = [null];
  return load(0, signal);
}
