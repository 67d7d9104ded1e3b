// The TaskOverflow page: plain DOM, no framework, no network beyond this server.
'use strict';

const API = '/api/v1';
const POLL_MS = 1000; // the followed export, when no event stream is available
const LIST_POLL_MS = 3000; // all exports, so those made elsewhere (kubectl) show up
const UNDO_MS = 5000; // how long a deleted todo can be brought back
const FINISHED = new Set(['SUCCESS', 'FAILURE', 'REVOKED']);

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
  showListError('');
  updateFeedLink();
  loadTodos();
  loadExports();
}

function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
  updateFeedLink();
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
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

// Naive server timestamps are local wall-clock times: parse them as such.
function parseNaive(text) {
  return text ? new Date(text.replace(' ', 'T')) : null;
}

function formatWhen(date) {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

function showMessage(box, message) {
  box.textContent = message;
  box.hidden = !message;
}

const showError = (message) => showMessage($('todo-error'), message);
const showListError = (message) => showMessage($('list-error'), message);

// One polite live region for changes that have no visible text of their own nearby.
function announce(message) {
  $('announcer').textContent = '';
  setTimeout(() => { $('announcer').textContent = message; }, 50);
}

/* ---------- todos ---------- */

let shownTodos = [];
let shownFilter = '';
let todoRequest = 0;

function filterQuery() {
  const query = new URLSearchParams();
  if ($('filter-completed').value) query.set('completed', $('filter-completed').value);
  if ($('filter-window').value) query.set('window', $('filter-window').value);
  return query.toString();
}

async function loadTodos() {
  if (!$('filter-window').validity.valid) {
    showListError('“Due within” takes a whole number of days, 0 or more.');
    return;
  }
  const query = filterQuery();
  shownFilter = query;
  const request = ++todoRequest; // typing in the filter sends several: only the last one counts
  try {
    const todos = await api('GET', `/todos${query ? `?${query}` : ''}`);
    if (request !== todoRequest) return;
    shownTodos = todos;
    showListError('');
    renderTodos();
  } catch (error) {
    if (request === todoRequest) showListError(`Could not load the todos: ${error.message}`);
  }
}

function renderTodos() {
  const list = $('todo-list');
  const todos = shownTodos.filter((todo) => !pendingDeletes.has(todo.id));
  // A todo being edited keeps its form (and what was typed) when the list is redrawn.
  const editing = list.querySelector('li.editing');
  // Redrawing replaces the buttons: the one that had the focus gets it back.
  const focusedItem = list.contains(document.activeElement) && !editing?.contains(document.activeElement)
    ? document.activeElement.closest('li[data-todo-id]') : null;
  const focusedControl = document.activeElement?.dataset.testid;
  list.replaceChildren(...todos.map((todo) =>
    editing && editing.dataset.todoId === String(todo.id) ? editing : todoItem(todo)));
  if (focusedItem && focusedControl) focusInItem(focusedItem.dataset.todoId, focusedControl);
  const filtered = filterQuery() !== '';
  $('todo-empty').hidden = todos.length > 0;
  $('todo-empty').textContent = filtered ? 'No todo matches this filter.' : 'Nothing to do. Add a todo above.';
  const open = todos.filter((todo) => !todo.completed).length;
  $('todo-count').textContent = todos.length === 0 ? ''
    : `${open} open of ${todos.length}${filtered ? ' shown' : ''}`;
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
  const item = element('li', {
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
    element('div', { className: 'actions' },
      element('button', {
        type: 'button',
        'data-testid': 'todo-edit',
        'aria-label': `Edit “${todo.title}”`,
        onclick: () => startEdit(todo, item),
      }, 'Edit'),
      element('button', {
        type: 'button',
        className: 'danger',
        'data-testid': 'todo-delete',
        'aria-label': `Delete “${todo.title}”`,
        onclick: () => deleteTodo(todo),
      }, 'Delete')));
  return item;
}

function focusInItem(id, testId) {
  const target = document.querySelector(`li[data-todo-id="${id}"] [data-testid="${testId}"]`);
  (target || $('todo-section')).focus();
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
    announce(`Added “${title}”.`);
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
    showListError('');
  } catch (error) {
    checkbox.checked = !checkbox.checked;
    showListError(`Could not update “${todo.title}”: ${error.message}`);
  }
  await loadTodos();
  document.getElementById(`todo-done-${todo.id}`)?.focus(); // it was disabled meanwhile
}

/* ---------- editing a todo in place ---------- */

function editField(todo, name, label, input) {
  const id = `edit-${name}-${todo.id}`;
  return element('div', { className: 'field' },
    element('label', { for: id }, label),
    element('input', { id, name, 'data-testid': `edit-${name}`, autocomplete: 'off', ...input }));
}

function startEdit(todo, item) {
  // The deadline input shows minutes; the original stays as it is unless the user changes it.
  const deadline = todo.deadline_at ? todo.deadline_at.slice(0, 16) : '';
  const error = element('p', { className: 'error', role: 'alert', 'data-testid': 'edit-error', hidden: true });
  const form = element('form', {
      className: 'edit-form',
      'data-testid': 'todo-edit-form',
      'aria-label': `Edit “${todo.title}”`,
      novalidate: true,
      onsubmit: (event) => { event.preventDefault(); saveEdit(todo, form, deadline, error); },
      onkeydown: (event) => {
        if (event.key === 'Escape') { event.preventDefault(); closeEdit(todo); }
      },
    },
    editField(todo, 'title', 'Title', { type: 'text', maxlength: 80, required: true, value: todo.title }),
    editField(todo, 'description', 'Description', { type: 'text', maxlength: 120, value: todo.description || '' }),
    editField(todo, 'deadline', 'Deadline', { type: 'datetime-local', step: 60, value: deadline }),
    element('div', { className: 'actions' },
      element('button', { type: 'submit', className: 'primary', 'data-testid': 'edit-save' }, 'Save'),
      element('button', { type: 'button', 'data-testid': 'edit-cancel', onclick: () => closeEdit(todo) }, 'Cancel'),
      element('span', { className: 'hint' }, 'Escape cancels.')),
    error);
  item.classList.add('editing');
  item.replaceChildren(form);
  form.elements.title.focus();
  form.elements.title.select();
}

function closeEdit(todo) {
  document.querySelector(`li[data-todo-id="${todo.id}"]`)?.replaceWith(todoItem(todo));
  focusInItem(todo.id, 'todo-edit');
}

async function saveEdit(todo, form, originalDeadline, error) {
  const { title, description, deadline } = form.elements;
  if (!title.value.trim()) {
    showMessage(error, 'Please give the todo a title.');
    title.focus();
    return;
  }
  // PUT takes any of title, description, completed, deadline_at: send only what changed.
  const changes = {};
  if (title.value !== todo.title) changes.title = title.value;
  if (description.value !== (todo.description || '')) changes.description = description.value || null;
  if (deadline.value !== originalDeadline) changes.deadline_at = deadline.value || null;
  if (Object.keys(changes).length === 0) {
    closeEdit(todo);
    return;
  }
  try {
    const updated = await api('PUT', `/todos/${todo.id}`, changes);
    shownTodos = shownTodos.map((each) => (each.id === todo.id ? updated : each));
    closeEdit(updated);
    announce(`Saved “${updated.title}”.`);
    loadTodos(); // the filter may no longer include it
  } catch (failure) {
    showMessage(error, `Could not save: ${failure.message}`);
    title.focus();
  }
}

/* ---------- delete, with a few seconds to undo ---------- */

// The DELETE is sent only when the undo time is up, so undoing loses nothing (not even updated_at).
const pendingDeletes = new Map(); // todo id → timer

function deleteTodo(todo) {
  const toast = element('div', { className: 'toast', 'data-testid': 'toast', 'data-todo-id': todo.id },
    element('span', {}, `Deleted “${todo.title}”.`),
    element('button', {
      type: 'button',
      'data-testid': 'toast-undo',
      'aria-label': `Undo deleting “${todo.title}”`,
      onclick: () => undoDelete(todo, toast),
    }, 'Undo'));
  pendingDeletes.set(todo.id, setTimeout(() => commitDelete(todo, toast), UNDO_MS));
  renderTodos();
  $('toasts').append(toast);
  toast.querySelector('button').focus();
}

function dismissToast(toast) {
  const hadFocus = toast.contains(document.activeElement);
  toast.remove();
  if (hadFocus) $('todo-section').focus();
}

function undoDelete(todo, toast) {
  clearTimeout(pendingDeletes.get(todo.id));
  pendingDeletes.delete(todo.id);
  toast.remove();
  renderTodos();
  announce(`“${todo.title}” is back.`);
  focusInItem(todo.id, 'todo-delete');
}

async function commitDelete(todo, toast) {
  pendingDeletes.delete(todo.id);
  dismissToast(toast);
  try {
    await api('DELETE', `/todos/${todo.id}`);
  } catch (error) {
    showListError(`Could not delete “${todo.title}”: ${error.message}`);
  }
  await loadTodos();
}

// Leaving the page ends the undo time: what was deleted is deleted.
function flushDeletes() {
  for (const [id, timer] of pendingDeletes) {
    clearTimeout(timer);
    fetch(`${API}/todos/${id}`, { method: 'DELETE', headers: authHeaders(), keepalive: true });
  }
  pendingDeletes.clear();
  $('toasts').replaceChildren(); // nothing left to undo, should the page come back from the cache
}

/* ---------- export options and the subscribable feed ---------- */

function exportOptions() {
  const options = {};
  const name = $('export-name').value.trim();
  if (name) options.calendar_name = name;
  if ($('export-component').value !== 'VEVENT') options.component = $('export-component').value;
  if ($('export-completed').value) options.completed = $('export-completed').value === 'true';
  if ($('export-window').value) options.window = Number($('export-window').value);
  return options;
}

// The feed takes the export body's option names as query parameters; unset and default ones are
// left out, so the link stays short.
function feedQuery(options) {
  return Object.entries(options)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
}

function feedUrl(options) {
  const query = feedQuery(options);
  return `webcal://${location.host}${API}/todos/ical/feed.ics${query ? `?${query}` : ''}`;
}

function showFeedLink(href) {
  const link = $('feed-link');
  link.href = href;
  link.textContent = href;
}

// With a token, calendar apps need the link's key (they cannot send the token): the server makes it.
let feedLinkAsked = 0;
async function updateFeedLink() {
  $('feed-copied').textContent = '';
  $('feed-token-note').hidden = !apiToken();
  if (!apiToken()) {
    showFeedLink(feedUrl(exportOptions()));
    return;
  }
  const asked = ++feedLinkAsked;
  try {
    const link = await api('GET', `/todos/ical/feed-link?${feedQuery(exportOptions())}`);
    if (asked === feedLinkAsked) showFeedLink(link.webcal_url);
  } catch (error) {
    if (asked === feedLinkAsked) showFeedLink(feedUrl(exportOptions()));
  }
}

async function copyFeedLink() {
  const link = $('feed-link');
  try {
    await navigator.clipboard.writeText(link.href); // absent outside secure contexts
    $('feed-copied').textContent = 'Link copied.';
  } catch (error) {
    const range = document.createRange();
    range.selectNodeContents(link);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    $('feed-copied').textContent = 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
  }
}

/* ---------- following one export ---------- */

let followed = null; // { taskId, source, timer }

async function startExport(event) {
  event.preventDefault();
  showMessage($('export-error'), '');
  if (!$('export-window').validity.valid) {
    showMessage($('export-error'), '“Due within” takes a whole number of days from 0 to 36500.');
    $('export-window').focus();
    return;
  }
  const button = $('export-button');
  button.disabled = true;
  try {
    const { task_id: taskId } = await api('POST', '/todos/ical', exportOptions());
    follow(taskId);
  } catch (error) {
    showMessage($('export-error'), `Could not start the export: ${error.message}`);
    button.disabled = false;
  }
}

function follow(taskId) {
  followed = { taskId };
  renderProgress({ task_id: taskId, task_status: 'PENDING' });
  // EventSource cannot send an Authorization header: with a token, polling it is.
  if (window.EventSource && !apiToken()) streamExport(taskId);
  else pollExport(taskId);
}

function following(taskId) {
  return followed !== null && followed.taskId === taskId;
}

function streamExport(taskId) {
  const source = new EventSource(`${API}/todos/ical/${encodeURIComponent(taskId)}/events`);
  followed.source = source;
  source.addEventListener('status', (event) => {
    if (following(taskId)) showStatus(JSON.parse(event.data));
  });
  // No stream on this server, or it broke before the final state: poll instead. (After the final
  // state the export is no longer followed, so the server closing the stream lands here harmlessly.)
  source.addEventListener('error', () => {
    source.close();
    if (following(taskId)) pollExport(taskId);
  });
}

async function pollExport(taskId) {
  if (!following(taskId)) return;
  try {
    showStatus(await api('GET', `/todos/ical/${encodeURIComponent(taskId)}/status`));
  } catch (error) {
    $('export-message').textContent = `Could not read the progress: ${error.message}`;
  }
  if (following(taskId)) followed.timer = setTimeout(() => pollExport(taskId), POLL_MS);
}

function showStatus(status) {
  renderProgress(status);
  if (FINISHED.has(status.task_status)) {
    followed.source?.close();
    clearTimeout(followed.timer);
    followed = null;
    $('export-button').disabled = false;
    loadExports();
  }
}

async function cancelExport() {
  if (!followed) return;
  try {
    renderProgress(await api('DELETE', `/todos/ical/${encodeURIComponent(followed.taskId)}`));
  } catch (error) {
    $('export-message').textContent = `Could not cancel: ${error.message}`;
  }
}

// What an export's state means, in words: the same for the followed export and the list.
function describe(status) {
  switch (status.task_status) {
    case 'PENDING':
      return status.cancel_requested ? 'Cancelling…' : 'Waiting for a generator to start…';
    case 'STARTED': {
      if (status.cancel_requested) return 'Cancelling…';
      const progress = status.progress;
      if (!progress) return 'Generating the calendar…';
      return progress.total === null || progress.total === undefined
        ? `${progress.written} todos written…`
        : `${progress.written} of ${progress.total} todos written…`;
    }
    case 'RETRY':
      return 'A generator failed; trying again…';
    case 'SUCCESS': {
      if (status.events === null || status.events === undefined) return 'The calendar is ready.';
      // Only an event needs a deadline; a task (VTODO) is skipped only for a deadline it cannot hold.
      const skipped = status.skipped === null || status.skipped === undefined ? ''
        : `, ${plural(status.skipped, 'todo', 'todos')} skipped${status.component === 'VTODO' ? '' : ' (no deadline)'}`;
      const reused = status.reused_from ? ' Reused: the todos had not changed since an identical export.' : '';
      return `The calendar is ready: ${plural(status.events, 'entry', 'entries')}${skipped}.${reused}`;
    }
    case 'FAILURE':
      return `The export failed: ${status.error || 'no reason given'}`;
    case 'REVOKED':
      return 'The export was cancelled.';
    default:
      return status.task_status;
  }
}

function renderProgress(status) {
  const box = $('export-progress');
  const state = status.task_status;
  box.hidden = false;
  box.dataset.taskId = status.task_id || '';
  box.dataset.state = state;
  box.classList.toggle('failed', state === 'FAILURE' || state === 'REVOKED');
  const badge = $('export-state');
  badge.textContent = state;
  badge.className = `badge ${state}`;
  $('export-message').textContent = describe(status);
  // Indeterminate (no value) until the generator reports how far it is.
  const bar = $('export-bar');
  const progress = status.progress;
  if (FINISHED.has(state)) {
    bar.max = 1;
    bar.value = 1;
  } else if (progress && progress.total) {
    bar.max = progress.total;
    bar.value = progress.written;
  } else {
    bar.removeAttribute('value');
  }
  const download = $('export-download');
  download.hidden = state !== 'SUCCESS';
  if (state === 'SUCCESS') {
    download.href = status.result_url;
    download.setAttribute('download', `${status.task_id}.ics`);
  }
  $('export-cancel').hidden = FINISHED.has(state) || !status.task_id || status.cancel_requested;
}

/* ---------- every export, kept current ---------- */

let listTimer = null;
let shownExports = '';
let knownExports = null; // task ids seen so far; null before the first load

async function loadExports() {
  clearTimeout(listTimer);
  try {
    const exports = (await api('GET', '/todos/ical')).slice(0, 10);
    const json = JSON.stringify(exports);
    if (json !== shownExports) { // redraw only on change, so focus and selection survive polling
      shownExports = json;
      $('export-list').replaceChildren(...exports.map(exportItem));
      $('export-empty').textContent = 'No exports yet.';
      $('export-empty').hidden = exports.length > 0;
    }
    announceNewExports(exports);
  } catch (error) {
    shownExports = '';
    $('export-empty').hidden = false;
    $('export-empty').textContent = `Could not load the exports: ${error.message}`;
  }
  // Paused while the tab is hidden; visibilitychange starts it again.
  clearTimeout(listTimer);
  if (!document.hidden) listTimer = setTimeout(loadExports, LIST_POLL_MS);
}

function announceNewExports(exports) {
  const fresh = exports.filter((status) => knownExports && !knownExports.has(status.task_id)
    && !(followed && followed.taskId === status.task_id));
  knownExports = new Set([...(knownExports || []), ...exports.map((status) => status.task_id)]);
  if (fresh.length > 0) {
    announce(`New export: ${fresh.map((status) => status.calendar_name || status.task_id).join(', ')}.`);
  }
}

function optionsText(status) {
  const which = { true: 'completed todos', false: 'open todos' }[status.completed] || 'all todos';
  const days = status.window === null || status.window === undefined ? '' : `, due within ${plural(status.window, 'day', 'days')}`;
  return `${status.component === 'VTODO' ? 'Tasks' : 'Events'} of ${which}${days}`;
}

function exportItem(status) {
  const created = status.created_at ? new Date(status.created_at) : null;
  const state = status.task_status;
  const item = element('li', {
      className: 'export-item',
      'data-testid': 'export-item',
      'data-task-id': status.task_id,
      'data-state': state,
    },
    element('span', { className: `badge ${state}`, 'data-testid': 'export-item-state' }, state),
    element('div', { className: 'export-summary' },
      element('span', { className: 'export-name', 'data-testid': 'export-item-name' },
        status.calendar_name || status.task_id),
      element('span', { className: 'muted' }, ` · ${optionsText(status)}`),
      element('div', { className: `export-detail${state === 'FAILURE' ? ' error' : ''}`, 'data-testid': 'export-item-detail' },
        describe(status)),
      element('div', { className: 'when' },
        `${status.task_id}${created ? ` · ${formatWhen(created)}` : ''}`)));
  if (state === 'SUCCESS') {
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
$('filter-form').addEventListener('submit', (event) => event.preventDefault());
// Browsers differ in which of the two a select fires (WebDriver's clicks send only change).
for (const type of ['input', 'change']) {
  $('filter-form').addEventListener(type, () => {
    if (filterQuery() !== shownFilter) loadTodos();
  });
  $('export-form').addEventListener(type, updateFeedLink);
}
$('export-form').addEventListener('submit', startExport);
$('export-cancel').addEventListener('click', cancelExport);
$('feed-copy').addEventListener('click', copyFeedLink);
document.addEventListener('visibilitychange', () => {
  if (document.hidden) clearTimeout(listTimer);
  else loadExports();
});
window.addEventListener('pagehide', flushDeletes);
updateFeedLink();
loadTodos();
loadExports();
