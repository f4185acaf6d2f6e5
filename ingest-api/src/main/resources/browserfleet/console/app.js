// The console's shell: sign-in, navigation between views (#/jobs, #/jobs/<id>, #/fleet, #/admin).
import { apiKey, keepKey, forgetKey, probe, whenRefused, ApiError } from './api.js';
import { $, say } from './dom.js';
import * as jobs from './jobs.js';
import * as job from './job.js';
import * as fleet from './fleet.js';
import * as admin from './admin.js';

const ROLE = 'browserfleet.admin';
let current = new AbortController();

function views() {
  return document.querySelectorAll('main > section');
}

function showView(id) {
  for (const view of views()) view.hidden = view.id !== id;
}

function signedIn(isAdmin) {
  $('#nav').hidden = false;
  $('#sign-out').hidden = false;
  $('#nav-admin').hidden = !isAdmin;
}

function signInView(message) {
  $('#nav').hidden = true;
  $('#sign-out').hidden = true;
  showView('view-sign-in');
  $('#sign-in-error').textContent = message ?? '';
  $('#api-key').focus();
}

function route() {
  current.abort();
  current = new AbortController();
  say('');
  if (!apiKey()) {
    signInView();
    return;
  }
  const isAdmin = sessionStorage.getItem(ROLE) === 'true';
  signedIn(isAdmin);
  const path = location.hash.replace(/^#/, '') || '/jobs';
  const [, section, id] = path.split('/');
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.route === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const signal = current.signal;
  const failed = (e) => {
    if (signal.aborted || (e instanceof DOMException && e.name === 'AbortError')) return;
    say(e instanceof ApiError ? e.message : `Something went wrong: ${e.message}`);
  };
  if (section === 'jobs' && id) {
    showView('view-job');
    job.show(decodeURIComponent(id), signal).catch(failed);
  } else if (section === 'fleet') {
    showView('view-fleet');
    fleet.show(signal).catch(failed);
  } else if (section === 'admin' && isAdmin) {
    showView('view-admin');
    admin.show(signal).catch(failed);
  } else {
    showView('view-jobs');
    jobs.show(signal).catch(failed);
  }
}

$('#sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = $('#api-key').value.trim();
  const button = event.submitter;
  button.disabled = true;
  try {
    const { admin: isAdmin } = await probe(key);
    keepKey(key);
    sessionStorage.setItem(ROLE, String(isAdmin));
    $('#api-key').value = '';
    $('#main').focus();
    if (!location.hash) location.hash = '#/jobs';
    route();
  } catch (e) {
    $('#sign-in-error').textContent =
      e instanceof ApiError && e.status === 401 ? 'That key was refused: unknown, revoked or expired.' : e.message;
  } finally {
    button.disabled = false;
  }
});

$('#sign-out').addEventListener('click', () => {
  forgetKey();
  sessionStorage.removeItem(ROLE);
  route();
});

whenRefused(() => {
  forgetKey();
  sessionStorage.removeItem(ROLE);
  current.abort();
  signInView('The key was refused; sign in again.');
});

window.addEventListener('hashchange', route);
route();
