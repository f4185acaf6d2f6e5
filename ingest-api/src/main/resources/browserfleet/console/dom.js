// Small helpers to build the page from data without innerHTML, so no value is ever parsed as markup.
export const $ = (selector) => document.querySelector(selector);

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child);
  }
  return node;
}

export function fill(tbody, rows) {
  tbody.replaceChildren(...rows);
}

export function say(message) {
  $('#status-line').textContent = message ?? '';
}

export function badge(status) {
  return el('span', { class: `badge ${status}`, text: status });
}

export function when(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  return date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
}

export function between(start, end) {
  return start && end ? new Date(end) - new Date(start) : null;
}

/** A datetime-local value (the browser's zone) as an ISO instant, or undefined when empty. */
export function instantOf(localValue) {
  return localValue ? new Date(localValue).toISOString() : undefined;
}

export function shortId(id) {
  return id ? String(id).slice(0, 8) : '';
}
