// The activity sidebar, running inside the webview (a browser context, no vscode
// API, no Node). It keeps its own copy of the rows, filters them itself (typing
// in the filter box never touches the extension host), and renders only the rows
// in view: a fixed-height virtual list, so 20,000 rows cost the same as 20.
// Every piece of event text is set with textContent: nothing from an agent is
// ever parsed as HTML.
import { BADGE_LABEL, type ActivityRow, type Answer, type Badge } from '../activity/model';
import { rowMatches, EMPTY_FILTER, type ActivityFilter } from '../activity/filter';
import type { FromView, ToView, ViewState } from '../activity/protocol';
import { tallyText } from '../activity/tally';

interface VsCodeApi {
  postMessage(msg: FromView): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const ROW_HEIGHT = 40;
const OVERSCAN = 6;

const KIND_ICON: Record<string, string> = {
  shell: 'terminal-bash',
  terminal: 'terminal',
  read: 'eye',
  search: 'search',
  write: 'edit',
  delete: 'trash',
  mcp: 'plug',
  fetch: 'globe',
  prompt: 'comment',
};

const BADGE_ICON: Record<Badge, string> = {
  allowed: 'pass',
  observed: 'eye',
  waiting: 'watch',
  approved: 'check',
  'asked-blocked': 'circle-slash',
  blocked: 'error',
};

// ------------------------------------------------------------------ state

let rows: ActivityRow[] = []; // oldest first
let byId = new Map<string, number>();
let capacity = 20_000;
/** Indices into `rows` that pass the filter, oldest first (shown reversed). Appends extend it in place. */
let matches: number[] = [];
/** Rows [0, scanned) have been checked against the filter. */
let scanned = 0;
/** Set when appending is not enough: the filter changed, rows were trimmed, or an update changed a match. */
let rescan = true;
const visibleCount = () => matches.length;
/** Row index of the i-th visible row (0 = newest). */
const visibleAt = (i: number): number => matches[matches.length - 1 - i] ?? -1;
let filter: ActivityFilter = { ...EMPTY_FILTER, ...((vscode.getState() as { filter?: ActivityFilter } | undefined)?.filter ?? {}) };
let selectedId: string | undefined;
let state: ViewState | undefined;
let dirty = false;

// ------------------------------------------------------------------ dom helpers

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function icon(name: string, label?: string): HTMLElement {
  const i = el('span', { class: `codicon codicon-${name}` });
  if (label) i.setAttribute('aria-label', label);
  else i.setAttribute('aria-hidden', 'true');
  return i;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const header = $<HTMLElement>('header');
const waitingBox = $<HTMLElement>('waiting');
const sessionBox = $<HTMLElement>('session-rules');
const textInput = $<HTMLInputElement>('filter-text');
const agentSelect = $<HTMLSelectElement>('filter-agent');
const decisionSelect = $<HTMLSelectElement>('filter-decision');
const list = $<HTMLElement>('list');
const spacer = $<HTMLElement>('spacer');
const countLabel = $<HTMLElement>('count');
const detail = $<HTMLElement>('detail');

// ------------------------------------------------------------------ time formatting

function clock(t: number): string {
  const d = new Date(t);
  return d.toLocaleTimeString(undefined, { hour12: false });
}

function fullTime(t: number): string {
  return new Date(t).toLocaleString(undefined, { hour12: false });
}

function answerText(a: Answer | undefined, row: ActivityRow): string {
  if (!a) {
    if (row.badge === 'waiting') return 'Waiting for your answer.';
    return row.decision === 'ask' ? `Decided by ${row.decidedBy}.` : '';
  }
  const when = clock(a.at);
  switch (a.by) {
    case 'person':
      return a.answer === 'allow' ? `You chose "Allow once" at ${when}.` : `You blocked it at ${when}.`;
    case 'cancel':
      return `You blocked it at ${when} (Block, Cancel or Escape).`;
    case 'deadline':
      return `No answer before the deadline (${when}): blocked.`;
    case 'withdrawn':
      return `Withdrawn at ${when} (the agent gave up waiting or the gate shut down): blocked.`;
    case 'session-rule':
      return `Allowed at ${when} by your session rule ${a.rule ?? ''}.`;
    case 'lockdown':
      return `Blocked by lockdown at ${when}.`;
    case 'no-ui':
      return `The dialog could not be shown (${when}): blocked.`;
  }
}

// ------------------------------------------------------------------ rows and filtering

function upsert(incoming: ActivityRow[]): void {
  for (const r of incoming) {
    const at = byId.get(r.id);
    if (at !== undefined) {
      const before = rows[at];
      if (at < scanned && before && rowMatches(before, filter) !== rowMatches(r, filter)) rescan = true;
      rows[at] = r;
    } else {
      byId.set(r.id, rows.length);
      rows.push(r);
    }
  }
  if (rows.length > capacity * 1.1) {
    rows = rows.slice(rows.length - capacity);
    byId = new Map(rows.map((r, i) => [r.id, i]));
    rescan = true;
  }
  updateAgentOptions(incoming);
  schedule();
}

const knownAgents = new Set<string>();
function updateAgentOptions(incoming: ActivityRow[]): void {
  let added = false;
  for (const r of incoming) {
    if (!knownAgents.has(r.agent)) {
      knownAgents.add(r.agent);
      added = true;
    }
  }
  if (!added) return;
  const current = agentSelect.value;
  agentSelect.replaceChildren(el('option', { value: '' }, 'All agents'), ...[...knownAgents].sort().map((a) => el('option', { value: a }, a)));
  agentSelect.value = knownAgents.has(current) ? current : '';
}

function schedule(): void {
  if (dirty) return;
  dirty = true;
  requestAnimationFrame(() => {
    dirty = false;
    const started = performance.now();
    refilter();
    render();
    report(performance.now() - started);
  });
}

const noun = (n: number) => `${n} action${n === 1 ? '' : 's'}`;

function refilter(): void {
  if (rescan) {
    matches = [];
    scanned = 0;
    rescan = false;
  }
  for (let i = scanned; i < rows.length; i++) {
    const r = rows[i];
    if (r && rowMatches(r, filter)) matches.push(i);
  }
  scanned = rows.length;
  const n = visibleCount();
  countLabel.textContent = n === rows.length ? noun(rows.length) : `${n} of ${noun(rows.length)}`;
}

let lastReport = '';
function report(renderMs: number): void {
  const first = rows[visibleAt(0)]?.id;
  const key = `${rows.length}/${visibleCount()}/${first}/${JSON.stringify(filter)}`;
  if (key === lastReport) return;
  lastReport = key;
  vscode.postMessage({ type: 'rendered', total: rows.length, matching: visibleCount(), firstId: first, renderMs, filter });
}

// ------------------------------------------------------------------ virtual list

const pool: HTMLElement[] = [];

function rowElement(): HTMLElement {
  const r = el('div', { class: 'row', role: 'option' });
  r.append(el('div', { class: 'line1' }), el('div', { class: 'line2' }));
  r.addEventListener('click', () => {
    const id = r.dataset['id'];
    if (id) select(id, false);
  });
  r.addEventListener('dblclick', () => detail.focus());
  return r;
}

function fillRow(e: HTMLElement, row: ActivityRow, index: number): void {
  e.dataset['id'] = row.id;
  e.id = `row-${index}`;
  e.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
  e.className = `row badge-${row.badge}${row.environment === 'production' ? ' production' : ''}${row.id === selectedId ? ' selected' : ''}`;
  e.setAttribute('aria-selected', row.id === selectedId ? 'true' : 'false');
  e.setAttribute('aria-label', `${BADGE_LABEL[row.badge]}: ${row.agent}${row.kind === row.agent ? '' : ` ${row.kind}`} ${row.summary}${row.rule ? `, rule ${row.rule}` : ''}, at ${clock(row.time)}`);
  e.title = row.full;
  const [l1, l2] = [e.children[0] as HTMLElement, e.children[1] as HTMLElement];
  const badge = el('span', { class: `badge ${row.badge}` });
  badge.append(icon(BADGE_ICON[row.badge]), document.createTextNode(` ${BADGE_LABEL[row.badge]}`));
  l1.replaceChildren(icon(KIND_ICON[row.kind] ?? 'circle'), el('span', { class: 'summary' }, row.summary), badge);
  l2.replaceChildren(
    el('span', { class: 'time' }, clock(row.time)),
    el('span', { class: 'agent' }, row.agent === 'terminal' ? `terminal${row.tool ? ` ${row.tool}` : ''}` : row.agent),
    el('span', { class: 'kind' }, row.kind === row.agent ? '' : row.kind),
    el('span', { class: 'rule' }, row.rule),
  );
}

function render(): void {
  spacer.style.height = `${visibleCount() * ROW_HEIGHT}px`;
  const top = list.scrollTop;
  const height = list.clientHeight || 400;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(visibleCount(), Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const needed = Math.max(0, last - first);
  while (pool.length < needed) {
    const r = rowElement();
    pool.push(r);
    spacer.append(r);
  }
  for (let k = 0; k < pool.length; k++) {
    const e = pool[k] as HTMLElement;
    const i = first + k;
    const row = k < needed ? rows[visibleAt(i)] : undefined;
    if (row) {
      e.hidden = false;
      fillRow(e, row, i);
    } else {
      e.hidden = true;
      e.removeAttribute('id');
      e.className = 'row';
      e.setAttribute('aria-selected', 'false');
      delete e.dataset['id'];
    }
  }
  const selIndex = selectedIndex();
  if (selIndex >= 0) list.setAttribute('aria-activedescendant', `row-${selIndex}`);
  else list.removeAttribute('aria-activedescendant');
  renderDetail();
}

function selectedIndex(): number {
  if (!selectedId) return -1;
  const at = byId.get(selectedId);
  if (at === undefined) return -1;
  // matches is sorted ascending: binary search, then flip to newest-first position.
  let lo = 0;
  let hi = matches.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = matches[mid] as number;
    if (v === at) return matches.length - 1 - mid;
    if (v < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function select(id: string, scroll: boolean): void {
  selectedId = id;
  if (scroll) {
    const i = selectedIndex();
    const top = i * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
  }
  render();
}

function move(delta: number | 'page-up' | 'page-down' | 'home' | 'end'): void {
  if (visibleCount() === 0) return;
  const cur = selectedIndex();
  const page = Math.max(1, Math.floor(list.clientHeight / ROW_HEIGHT) - 1);
  let next: number;
  if (delta === 'home') next = 0;
  else if (delta === 'end') next = visibleCount() - 1;
  else if (cur < 0) next = 0;
  else next = cur + (delta === 'page-down' ? page : delta === 'page-up' ? -page : delta);
  next = Math.max(0, Math.min(visibleCount() - 1, next));
  const row = rows[visibleAt(next)];
  if (row) select(row.id, true);
}

list.addEventListener('scroll', () => render(), { passive: true });
list.addEventListener('keydown', (ev) => {
  const keys: Record<string, Parameters<typeof move>[0]> = { ArrowDown: 1, ArrowUp: -1, PageDown: 'page-down', PageUp: 'page-up', Home: 'home', End: 'end' };
  const d = keys[ev.key];
  if (d !== undefined) {
    ev.preventDefault();
    move(d);
  } else if (ev.key === 'Enter' && selectedId) {
    ev.preventDefault();
    detail.focus();
  }
});
new ResizeObserver(() => render()).observe(list);

// ------------------------------------------------------------------ detail pane

function field(label: string, value: string, cls = ''): HTMLElement[] {
  if (!value) return [];
  return [el('dt', {}, label), el('dd', cls ? { class: cls } : {}, value)];
}

function renderDetail(): void {
  const at = selectedId === undefined ? undefined : byId.get(selectedId);
  const row = at === undefined ? undefined : rows[at];
  if (!row) {
    detail.replaceChildren(el('p', { class: 'hint' }, 'Select an action to see the full command, the rule and your answer.'));
    return;
  }
  const dl = el('dl');
  dl.append(
    ...field('When', fullTime(row.time)),
    ...field('Agent', `${row.agent}${row.tool ? ` (${row.tool})` : ''}`),
    ...field('Kind', `${row.kind} · ${row.phase}`),
    ...field('Decision', BADGE_LABEL[row.badge]),
    ...field('Rule', row.rules.join('\n'), 'rules'),
    ...field('Why', row.reason),
    ...field('Severity', row.severity === 'none' ? '' : row.severity),
    ...field('Target', row.target),
    ...field('Environment', row.environment === 'production' ? 'PRODUCTION' : row.environment === 'unknown' ? '' : row.environment, row.environment === 'production' ? 'loud' : ''),
    ...field('Working directory', row.cwd),
    ...field('Exit code', row.exitCode === undefined ? '' : String(row.exitCode)),
    ...field('Your answer', answerText(row.answer, row)),
  );
  const pre = el('pre', { class: 'full', 'aria-label': 'Full command' }, row.full);
  const children: HTMLElement[] = [el('h2', {}, 'Details')];
  // The action button goes first: at the default sidebar width, below the fields it was scrolled out of sight.
  if (row.decision === 'ask' && row.rule && row.environment !== 'production' && !state?.sessionRules.some((r) => r.rule === row.rule)) {
    const b = el('button', { class: 'secondary session-allow', type: 'button' }, `Allow ${row.rules.join(' + ')} for this session`);
    b.title = 'Until this window reloads, asks that match only this rule are allowed without a dialog. Never for production targets. Revocable above.';
    b.addEventListener('click', () => {
      for (const rule of row.rules) vscode.postMessage({ type: 'allowRuleForSession', rule, rowId: row.id });
    });
    children.push(b);
  }
  children.push(pre, dl);
  detail.replaceChildren(...children);
}

// ------------------------------------------------------------------ header, waiting, session rules

function renderState(): void {
  if (!state) return;
  const { lockdown, counts } = state;
  const status = el('div', { class: `status ${lockdown.on ? 'lockdown' : 'armed'}`, role: 'status', 'aria-live': 'polite' });
  status.append(
    icon(lockdown.on ? 'shield' : 'shield'),
    el('strong', {}, lockdown.on ? 'LOCKDOWN: every agent action is blocked' : 'Armed'),
  );
  const tally = el('div', { class: 'tally' }, tallyText(counts));
  const button = lockdown.on
    ? el('button', { type: 'button', id: 'release', class: 'secondary' }, 'Release lockdown…')
    : el('button', { type: 'button', id: 'kill', class: 'danger', title: 'Block every agent action, stop agents and interrupt terminals' }, 'Kill all agents');
  button.prepend(icon(lockdown.on ? 'unlock' : 'stop-circle'), document.createTextNode(' '));
  button.addEventListener('click', () => vscode.postMessage({ type: lockdown.on ? 'release' : 'kill' }));
  header.className = lockdown.on ? 'lockdown' : '';
  header.replaceChildren(status, tally, button);

  waitingBox.hidden = state.waiting.length === 0;
  waitingBox.replaceChildren(
    el('h2', {}, `Waiting for you (${state.waiting.length})`),
    ...state.waiting.map((w) => {
      const li = el('div', { class: `waiting-item${w.environment === 'production' ? ' production' : ''}`, role: 'listitem' });
      const secs = Math.max(0, Math.round((w.deadline - Date.now()) / 1000));
      // Two lines: who and what on top, the rule and the countdown under it, so a narrow sidebar never
      // squeezes the agent's name down to one letter.
      const what = el('div', { class: 'what' });
      what.append(el('span', { class: 'agent' }, `${w.agent}:`), el('span', { class: 'summary' }, w.summary));
      const body = el('div', { class: 'body' });
      body.append(what, el('span', { class: 'meta' }, `${w.rule}${w.showing ? ' · dialog open' : ' · queued'} · ${secs}s`));
      li.append(icon(w.showing ? 'bell-dot' : 'watch'), body);
      return li;
    }),
  );

  sessionBox.hidden = state.sessionRules.length === 0;
  sessionBox.replaceChildren(
    el('h2', {}, 'Allowed for this session'),
    ...state.sessionRules.map((r) => {
      const li = el('div', { class: 'session-rule', role: 'listitem' });
      const revoke = el('button', { type: 'button', class: 'link', 'aria-label': `Revoke ${r.rule}` }, 'Revoke');
      revoke.addEventListener('click', () => vscode.postMessage({ type: 'revokeSessionRule', rule: r.rule }));
      li.append(icon('unlock'), el('span', {}, `${r.rule} (${r.allowedCount} allowed)`), revoke);
      return li;
    }),
  );
  capacity = state.capacity;
  renderDetail();
}

// ------------------------------------------------------------------ filters

function applyFilter(next: Partial<ActivityFilter>): void {
  filter = { ...filter, ...next };
  rescan = true;
  vscode.setState({ filter });
  textInput.value = filter.text;
  decisionSelect.value = filter.decision;
  if (filter.agent && !knownAgents.has(filter.agent)) {
    knownAgents.add(filter.agent);
    agentSelect.append(el('option', { value: filter.agent }, filter.agent));
  }
  agentSelect.value = filter.agent;
  list.scrollTop = 0;
  schedule();
}

textInput.addEventListener('input', () => applyFilter({ text: textInput.value }));
textInput.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') applyFilter({ text: '' });
  if (ev.key === 'ArrowDown') {
    ev.preventDefault();
    list.focus();
    move(selectedIndex() < 0 ? 'home' : 1);
  }
});
agentSelect.addEventListener('change', () => applyFilter({ agent: agentSelect.value }));
decisionSelect.addEventListener('change', () => applyFilter({ decision: decisionSelect.value as ActivityFilter['decision'] }));

// ------------------------------------------------------------------ messages

window.addEventListener('message', (ev: MessageEvent<ToView>) => {
  const msg = ev.data;
  switch (msg.type) {
    case 'reset':
      rows = [];
      byId = new Map();
      rescan = true;
      state = msg.state;
      renderState();
      upsert(msg.rows);
      break;
    case 'rows':
      upsert(msg.rows);
      break;
    case 'state':
      state = msg.state;
      renderState();
      break;
    case 'setFilter':
      applyFilter(msg.filter);
      break;
    case 'focus':
      (msg.target === 'filter' ? textInput : list).focus();
      break;
  }
});

// Countdown in the waiting list without asking the extension for anything.
setInterval(() => {
  if (state && state.waiting.length) renderState();
}, 1000);

applyFilter(filter);
vscode.postMessage({ type: 'ready' });
