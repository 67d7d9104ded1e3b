// The TaskOverflow page: plain DOM, no framework, no network beyond this server.
'use strict';

const API = '/api/v1';
const POLL_MS = 1000;
const FINISHED = new Set(['SUCCESS', 'FAILURE', 'REVOKED']);
const STATE_TEXT = {
  PENDING: 'Waiting for a generator to start…',
  STARTED: 'Generating the calendar…',
  RETRY: 'A generator failed; trying again…',
  SUCCESS: 'Your calendar is ready.',
  FAILURE: 'The export failed.',
  REVOKED: 'The export was cancelled.',
};

const $ = (id) => document.getElementById(id);

/* ---------- API token (only when the server requires one) ---------- */

// sessionStorage: the token lives as long as this tab, is never sent by the browser on its own
// (so no cross-site request can use it) and is not shared with other tabs or kept on disk.
const TOKEN_KEY = 'taskoverflow.apiToken';

function apiToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function authHeaders() {
  const token = apiToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function askForToken(reason) {
  $('auth-section').hidden = false;
  if (reason) $('auth-reason').textContent = reason;
}

function useToken(event) {
  event.preventDefault();
  const token = $('auth-token').value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  $('auth-token').value = '';
  $('auth-section').hidden = true;
  showError('');
  loadTodos();
  loadExports();
}

function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
  askForToken('The token is forgotten. Enter one to use the API again.');
}

async function api(method, path, body) {
  const headers = authHeaders();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(API + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401) {
    askForToken(apiToken()
      ? 'The server did not accept this token. Enter another one.'
      : 'This server asks for an API token. It is kept in this tab only (session storage) and sent with every request.');
  }
  if (!response.ok) {
    throw new Error(data.error || `The server answered ${response.status}`);
  }
  return data;
}

// A link cannot carry the Authorization header: with a token, downloads are fetched and saved.
async function downloadWithToken(event) {
  const link = event.target.closest('a[download]');
  if (!link || !apiToken() || link.href.startsWith('blob:')) return;
  event.preventDefault();
  try {
    const response = await fetch(link.href, { headers: authHeaders() });
    if (!response.ok) throw new Error(`The server answered ${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const save = element('a', { href: url, download: link.getAttribute('download') });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (error) {
    $('export-message').textContent = `Could not download the calendar: ${error.message}`;
  }
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'className') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  // textContent only: todo text is shown, never interpreted.
  for (const child of children) node.append(child);
  return node;
}

// Naive server timestamps are local wall-clock times: parse them as such.
function parseNaive(text) {
  return text ? new Date(text.replace(' ', 'T')) : null;
}

function formatWhen(date) {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function showError(message) {
  const box = $('todo-error');
  box.textContent = message;
  box.hidden = !message;
}

/* ---------- todos ---------- */

async function loadTodos() {
  try {
    renderTodos(await api('GET', '/todos'));
  } catch (error) {
    showError(`Could not load the todos: ${error.message}`);
  }
}

function renderTodos(todos) {
  const list = $('todo-list');
  list.replaceChildren(...todos.map(todoItem));
  $('todo-empty').hidden = todos.length > 0;
  const open = todos.filter((todo) => !todo.completed).length;
  $('todo-count').textContent = todos.length === 0 ? '' : `${open} open of ${todos.length}`;
}

function todoItem(todo) {
  const checkboxId = `todo-done-${todo.id}`;
  const deadline = parseNaive(todo.deadline_at);
  const overdue = deadline && !todo.completed && deadline < new Date();
  const meta = element('div', { className: 'todo-meta' });
  if (todo.description) meta.append(element('div', { 'data-testid': 'todo-item-description' }, todo.description));
  if (deadline) {
    meta.append(
      element('div', { className: overdue ? 'overdue' : '', 'data-testid': 'todo-item-deadline' },
        `${overdue ? 'Overdue since' : 'Due'} ${formatWhen(deadline)}`));
  }
  return element('li', {
      className: `todo-item${todo.completed ? ' done' : ''}`,
      'data-testid': 'todo-item',
      'data-todo-id': todo.id,
      'data-completed': String(todo.completed),
    },
    element('input', {
      type: 'checkbox',
      id: checkboxId,
      'data-testid': 'todo-toggle',
      checked: todo.completed,
      onchange: (event) => toggleTodo(todo, event.target),
    }),
    element('div', {},
      element('label', { for: checkboxId, 'data-testid': 'todo-item-title' }, todo.title),
      meta),
    element('button', {
      type: 'button',
      className: 'danger',
      'data-testid': 'todo-delete',
      'aria-label': `Delete “${todo.title}”`,
      onclick: () => deleteTodo(todo),
    }, 'Delete'));
}

async function addTodo(event) {
  event.preventDefault();
  const title = $('todo-title').value;
  if (!title.trim()) {
    showError('Please give the todo a title.');
    $('todo-title').focus();
    return;
  }
  const body = {
    title,
    description: $('todo-description').value || null,
    deadline_at: $('todo-deadline').value || null,
  };
  const button = $('todo-add');
  button.disabled = true;
  try {
    await api('POST', '/todos', body);
    event.target.reset();
    showError('');
    await loadTodos();
    $('todo-title').focus();
  } catch (error) {
    showError(error.message);
  } finally {
    button.disabled = false;
  }
}

async function toggleTodo(todo, checkbox) {
  checkbox.disabled = true;
  try {
    await api('PUT', `/todos/${todo.id}`, { completed: checkbox.checked });
    showError('');
  } catch (error) {
    checkbox.checked = !checkbox.checked;
    showError(`Could not update “${todo.title}”: ${error.message}`);
  }
  await loadTodos();
  document.getElementById(`todo-done-${todo.id}`)?.focus();
}

async function deleteTodo(todo) {
  try {
    await api('DELETE', `/todos/${todo.id}`);
    showError('');
  } catch (error) {
    showError(`Could not delete “${todo.title}”: ${error.message}`);
  }
  await loadTodos();
  $('todo-section').focus();
}

/* ---------- exports ---------- */

let currentTaskId = null;
let pollTimer = null;

async function startExport() {
  const button = $('export-button');
  button.disabled = true;
  try {
    const { task_id: taskId } = await api('POST', '/todos/ical', {});
    currentTaskId = taskId;
    renderProgress({ task_id: taskId, task_status: 'PENDING' });
    pollExport();
  } catch (error) {
    renderProgress({ task_status: 'FAILURE', error: error.message });
    button.disabled = false;
  }
}

async function pollExport() {
  clearTimeout(pollTimer);
  if (!currentTaskId) return;
  try {
    const status = await api('GET', `/todos/ical/${currentTaskId}/status`);
    renderProgress(status);
    if (FINISHED.has(status.task_status)) {
      finishExport();
      return;
    }
  } catch (error) {
    $('export-message').textContent = `Could not read the progress: ${error.message}`;
  }
  pollTimer = setTimeout(pollExport, POLL_MS);
}

function finishExport() {
  currentTaskId = null;
  $('export-button').disabled = false;
  $('export-cancel').hidden = true;
  loadExports();
}

async function cancelExport() {
  if (!currentTaskId) return;
  try {
    renderProgress(await api('DELETE', `/todos/ical/${currentTaskId}`));
  } catch (error) {
    $('export-message').textContent = `Could not cancel: ${error.message}`;
  }
}

function renderProgress(status) {
  const box = $('export-progress');
  const state = status.task_status;
  box.hidden = false;
  box.dataset.taskId = status.task_id || '';
  box.dataset.state = state;
  box.classList.toggle('finished', FINISHED.has(state));
  box.classList.toggle('failed', state === 'FAILURE' || state === 'REVOKED');
  const badge = $('export-state');
  badge.textContent = state;
  badge.className = `badge ${state}`;
  let message = STATE_TEXT[state] || state;
  if (state === 'SUCCESS' && status.events !== null && status.events !== undefined) {
    message = `Your calendar is ready: ${status.events} ${status.events === 1 ? 'entry' : 'entries'}.`;
  } else if (state === 'FAILURE' && status.error) {
    message = `The export failed: ${status.error}`;
  } else if (status.cancel_requested && !FINISHED.has(state)) {
    message = 'Cancelling…';
  }
  $('export-message').textContent = message;
  const download = $('export-download');
  download.hidden = state !== 'SUCCESS';
  if (state === 'SUCCESS') {
    download.href = status.result_url;
    download.setAttribute('download', `${status.task_id}.ics`);
  }
  $('export-cancel').hidden = FINISHED.has(state) || !status.task_id || status.cancel_requested;
}

async function loadExports() {
  try {
    const exports = await api('GET', '/todos/ical');
    const recent = exports.slice(0, 10);
    $('export-list').replaceChildren(...recent.map(exportItem));
    $('export-empty').hidden = recent.length > 0;
  } catch (error) {
    $('export-empty').hidden = false;
    $('export-empty').textContent = `Could not load the exports: ${error.message}`;
  }
}

function exportItem(status) {
  const created = status.created_at ? new Date(status.created_at) : null;
  const item = element('li', {
      className: 'export-item',
      'data-testid': 'export-item',
      'data-task-id': status.task_id,
      'data-state': status.task_status,
    },
    element('span', { className: `badge ${status.task_status}`, 'data-testid': 'export-item-state' },
      status.task_status),
    element('span', {}, status.calendar_name || status.task_id),
    element('span', { className: 'when' }, created ? formatWhen(created) : ''));
  if (status.task_status === 'SUCCESS') {
    item.append(element('a', {
      href: status.result_url,
      download: `${status.task_id}.ics`,
      'data-testid': 'export-item-download',
      'aria-label': `Download the calendar of ${status.task_id}`,
    }, 'Download'));
  }
  return item;
}

/* ---------- start ---------- */

$('auth-form').addEventListener('submit', useToken);
$('auth-forget').addEventListener('click', forgetToken);
document.addEventListener('click', downloadWithToken);
$('todo-form').addEventListener('submit', addTodo);
$('export-button').addEventListener('click', startExport);
$('export-cancel').addEventListener('click', cancelExport);
loadTodos();
loadExports();
