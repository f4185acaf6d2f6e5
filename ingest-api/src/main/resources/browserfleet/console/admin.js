// Admin: API keys (create, revoke, rotate; a secret is shown once) and URL policies.
import { get, post, patch, remove } from './api.js';
import { $, el, fill, badge, when, instantOf, say } from './dom.js';

let wired = false;

function showSecret(created) {
  $('#key-secret-value').textContent = created.key;
  $('#key-secret').hidden = false;
  $('#key-secret-copy').focus();
}

function keyRow(key, reload) {
  const revoke = el('button', { type: 'button', class: 'quiet', text: 'Revoke', 'aria-label': `Revoke key ${key.name} of ${key.clientId}` });
  revoke.addEventListener('click', () => act(async () => {
    if (!confirm(`Revoke the key "${key.name}" of ${key.clientId}? It is refused from now on.`)) return;
    await remove(`/admin/api-keys/${key.id}`);
    say(`Revoked the key "${key.name}".`);
  }, reload));
  const rotate = el('button', { type: 'button', class: 'quiet', text: 'Rotate', 'aria-label': `Rotate key ${key.name} of ${key.clientId}` });
  rotate.addEventListener('click', () => act(async () => {
    if (!confirm(`Rotate the key "${key.name}"? The old secret stops working now.`)) return;
    showSecret(await post(`/admin/api-keys/${key.id}/rotate`));
  }, reload));
  const usable = key.status === 'active';
  return el('tr', {},
    el('td', { text: key.clientId }), el('td', { text: key.name }), el('td', {}, badge(key.status)),
    el('td', { class: 'num', text: key.rateLimit }), el('td', { text: (key.scopes ?? []).join(', ') }),
    el('td', { text: key.expiresAt ? when(key.expiresAt) : 'never' }),
    el('td', { class: 'actions' }, usable ? rotate : '', usable ? revoke : ''));
}

function policyRow(policy, reload) {
  const toggle = el('input', { type: 'checkbox', checked: policy.isActive, 'aria-label': `Policy ${policy.pattern} active` });
  toggle.addEventListener('change', () => act(() => patch(`/admin/url-policies/${policy.id}`, { isActive: toggle.checked }), reload));
  const drop = el('button', { type: 'button', class: 'quiet', text: 'Delete', 'aria-label': `Delete policy ${policy.pattern}` });
  drop.addEventListener('click', () => act(async () => {
    if (confirm(`Delete the policy ${policy.pattern}?`)) await remove(`/admin/url-policies/${policy.id}`);
  }, reload));
  return el('tr', {},
    el('td', { text: policy.pattern }), el('td', { text: policy.type }), el('td', { text: policy.description ?? '' }),
    el('td', {}, toggle), el('td', {}, drop));
}

async function act(action, reload) {
  try {
    await action();
    await reload();
  } catch (e) {
    say(e.message);
  }
}

async function load(signal) {
  const [keys, policies] = await Promise.all([get('/admin/api-keys', { signal }), get('/admin/url-policies', { signal })]);
  const reload = () => load(signal);
  fill($('#admin-keys tbody'), keys.items.map((key) => keyRow(key, reload)));
  fill($('#admin-policies tbody'), policies.items.map((policy) => policyRow(policy, reload)));
}

function wire() {
  const reload = () => load(new AbortController().signal);
  $('#key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    const body = {
      clientId: form.elements.namedItem('clientId').value.trim(),
      name: form.elements.namedItem('name').value.trim(),
      scopes: [...form.querySelectorAll('input[name=scope]:checked')].map((box) => box.value),
    };
    if (form.elements.namedItem('rateLimit').value) body.rateLimit = Number(form.elements.namedItem('rateLimit').value);
    const expires = instantOf(form.elements.namedItem('expiresAt').value);
    if (expires) body.expiresAt = expires;
    act(async () => {
      showSecret(await post('/admin/api-keys', body));
      form.reset();
    }, reload);
  });
  $('#key-secret-copy').addEventListener('click', () =>
    navigator.clipboard.writeText($('#key-secret-value').textContent).then(() => say('Copied.'), () => say('Copy it by hand.')));
  $('#key-secret-hide').addEventListener('click', () => {
    $('#key-secret-value').textContent = '';
    $('#key-secret').hidden = true;
  });
  $('#policy-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    const body = { pattern: form.elements.namedItem('pattern').value.trim(), type: form.elements.namedItem('type').value, isActive: true };
    if (form.elements.namedItem('description').value.trim()) body.description = form.elements.namedItem('description').value.trim();
    act(async () => {
      await post('/admin/url-policies', body);
      form.reset();
    }, reload);
  });
}

export function show(signal) {
  if (!wired) {
    wired = true;
    wire();
  }
  return load(signal);
}
