// Workers, lanes and the numbers: GET /workers, /workers/stats and /stats, asked for together,
// then again every few seconds while the page is open.
import { get } from './api.js';
import { $, el, fill, badge, shortId, duration } from './dom.js';

const REFRESH_MS = 5000;

function failureRate(byStatus) {
  const failed = byStatus.failed ?? 0;
  const ended = failed + (byStatus.completed ?? 0);
  return ended === 0 ? '–' : `${((100 * failed) / ended).toFixed(1)} %`;
}

function worker(w, now) {
  const engine = (w.metadata && w.metadata.engine) || '';
  const current = w.currentJobId
    ? el('a', { href: `#/jobs/${w.currentJobId}`, text: shortId(w.currentJobId) })
    : '';
  return el('tr', {},
    el('td', { text: shortId(w.id), title: w.id }),
    el('td', { text: engine }),
    el('td', {}, badge(w.status)),
    el('td', {}, current),
    el('td', { class: 'num', text: w.lastHeartbeat ? duration(Math.max(0, now - new Date(w.lastHeartbeat))) : '' }));
}

async function load(signal) {
  const [workers, slots, stats] = await Promise.all([
    get('/workers', { signal }), get('/workers/stats', { signal }), get('/stats', { signal })]);
  const now = Date.now();
  $('#fleet-per-minute').textContent = stats.throughput.lastMinute;
  $('#fleet-per-hour').textContent = stats.throughput.lastHour;
  $('#fleet-failure-rate').textContent = failureRate(stats.jobsByStatus);
  $('#fleet-slots').textContent = `${slots.byStatus.busy ?? 0} busy of ${slots.total - (slots.byStatus.offline ?? 0)}`;
  const lanes = Object.entries(stats.queueDepth);
  fill($('#fleet-lanes tbody'), lanes.length
    ? lanes.map(([lane, depth]) => el('tr', {}, el('td', { text: lane }), el('td', { class: 'num', text: depth })))
    : [el('tr', {}, el('td', { colspan: 2, class: 'help', text: 'No job is waiting.' }))]);
  fill($('#fleet-workers tbody'), workers.items.map((w) => worker(w, now)));
}

export async function show(signal) {
  await load(signal);
  const timer = setInterval(() => load(signal).catch(() => {}), REFRESH_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
