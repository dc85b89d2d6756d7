/**
 * `npm start`, the local sandbox: the catalogue's service desk on the emulator, the app's real
 * handlers behind the Forge runtime fake, and one simulated working day at the desk (Thursday
 * 3 December 2026, 08:30–18:00 in Rome). It ends with the agents' queue as JQL over the SLA
 * entity property finds it, each request with both timers as live figures at 18:00.
 *
 * A handler failure, an app error log, a call the OpenAPI specs reject or a request the queue
 * misses makes it exit 1 with the reason.
 */
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { severityLabel, type Severity } from '../src/core/severity';
import type { Timer } from '../src/core/sla';
import { JiraClient } from '../src/jira/client';
import { searchIssues } from '../src/jira/issues';
import type { IssueBean } from '../src/jira/types';
import { loadRequestTimers, type RequestTimers } from '../src/services/request-timers';
import { SLA_PROPERTY_KEY } from '../src/services/sla-property';
import { closeExternalCause, openExternalCause } from '../src/services/external-causes';
import {
  AGENTS,
  ORGANIZATIONS,
  SEVERITY_FIELD_ID,
  SERVICE_DESK,
  buildCatalogueSite,
} from '../test/emulator/catalogue-site';
import { REQUEST_TYPE_FIELD_ID, type JsmSite } from '../test/emulator';
import { installForgeRuntime, type ForgeRuntime, type InvocationRecord } from '../test/forge';

const ZONE = 'Europe/Rome';
const DAY = '2026-12-03';
const OPENS = '08:30';
const ENDS = '18:00';
const WIDTH = 100;
/** What the client may spend on retries when the sandbox reads the queue outside a handler. */
const QUEUE_BUDGET_MS = 20_000;

export interface SandboxOptions {
  /** The app's folder, holding manifest.yml and src/; the project root by default. */
  root?: string;
}

// ---- the app's logs ------------------------------------------------------------------------

/** What the app logged while the sandbox ran, summarised instead of printed. */
export interface AppLogs {
  /** `sla refreshed` outcomes, by outcome. */
  outcomes: Map<string, number>;
  /** The same outcomes in the order they were logged, one per refresh. */
  sequence: string[];
  /** Other info lines, by message. */
  infos: Map<string, number>;
  warnings: string[];
  errors: string[];
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function logText(args: unknown[]): string {
  return args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
}

/**
 * Replaces console.info, warn and error with collectors until `restore` is called, so that the
 * trigger's one line per run is counted rather than printed.
 */
export function captureAppLogs(): AppLogs & { restore(): void } {
  const logs: AppLogs = {
    outcomes: new Map(),
    sequence: [],
    infos: new Map(),
    warnings: [],
    errors: [],
  };
  const original = { info: console.info, warn: console.warn, error: console.error };
  console.info = (...args: unknown[]) => {
    const outcome = (args[1] as { outcome?: unknown } | undefined)?.outcome;
    if (args[0] === 'sla refreshed' && typeof outcome === 'string') {
      count(logs.outcomes, outcome);
      logs.sequence.push(outcome);
    } else {
      count(logs.infos, String(args[0]));
    }
  };
  console.warn = (...args: unknown[]) => void logs.warnings.push(logText(args));
  console.error = (...args: unknown[]) => void logs.errors.push(logText(args));

  return {
    ...logs,
    restore: () => Object.assign(console, original),
  };
}

/** "written 12, unchanged 20" from a tally, largest first. */
export function tally(map: Map<string, number>): string {
  const entries = [...map].sort((a, b) => b[1] - a[1]);

  return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key} ${n}`).join(', ');
}

// ---- the day -------------------------------------------------------------------------------

interface DemoRequest {
  requestType: string;
  reporter: string;
  summary: string;
}

/** The demo requests, by a short reference; keys SD-1… follow the order they are opened. */
const REQUESTS = {
  opac: {
    requestType: 'Segnalazione errore su ClavisNG',
    reporter: 'cust-anna',
    summary: 'Il catalogo in linea non risponde',
  },
  rfid: {
    requestType: 'Apparati RFID',
    reporter: 'cust-bruno',
    summary: 'Il varco RFID non legge le etichette dei libri',
  },
  howto: {
    requestType: 'Uso di ClavisNG',
    reporter: 'cust-carla',
    summary: 'Come si proroga un prestito interbibliotecario?',
  },
  printer: {
    requestType: 'Stampanti',
    reporter: 'cust-elena',
    summary: 'La stampante delle ricevute si blocca a ogni prestito',
  },
  proposal: {
    requestType: 'Proposta di sviluppo per DiscoveryNG',
    reporter: 'cust-dario',
    summary: 'Filtrare i risultati per anno di pubblicazione',
  },
  discovery: {
    requestType: 'Segnalazione errore su DiscoveryNG',
    reporter: 'cust-fabio',
    summary: 'La ricerca avanzata non trova nulla',
  },
  wifi: {
    requestType: 'Netmanager WiFi',
    reporter: 'cust-elena',
    summary: 'Il portale WiFi rifiuta le credenziali dei lettori',
  },
  report: {
    requestType: 'Statistiche, report e stampe',
    reporter: 'cust-anna',
    summary: 'Aggiungere la sede al report mensile dei prestiti',
  },
} satisfies Record<string, DemoRequest>;

type Ref = keyof typeof REQUESTS;

const [MARCO, GIULIA, LUCA] = AGENTS.map((agent) => agent.accountId) as [string, string, string];

/** What a step does in the policy's terms, so that the header can say what was simulated. */
type StepKind =
  | 'opened'
  | 'triaged'
  | 'taken in charge'
  | 'asked for information'
  | 'answered by the customer'
  | 'resumed'
  | 'external cause opened'
  | 'external cause closed'
  | 'evaluated'
  | 'resolved'
  | 'closed';

interface DayContext {
  site: JsmSite;
  runtime: ForgeRuntime;
  keys: Map<Ref, { key: string; id: string }>;
}

interface Step {
  at: string;
  /** Absent for an action that is part of the step before (the question before the move). */
  kind?: StepKind;
  act(day: DayContext): void | Promise<void>;
}

function issueOf(day: DayContext, ref: Ref): { key: string; id: string } {
  const issue = day.keys.get(ref);
  if (issue === undefined)
    throw new Error(`the sandbox's day uses request '${ref}' before opening it`);

  return issue;
}

const open = (at: string, ref: Ref): Step => ({
  at,
  kind: 'opened',
  act: (day) => {
    const { requestType, reporter, summary } = REQUESTS[ref];
    const issue = day.site.createRequest({ requestType, reporter, summary }, { by: reporter });
    day.keys.set(ref, { key: issue.key, id: issue.id });
  },
});

const move = (at: string, kind: StepKind, ref: Ref, status: string, by: string): Step => ({
  at,
  kind,
  act: (day) => void day.site.transition(issueOf(day, ref).key, status, { by }),
});

const triage = (at: string, ref: Ref, severity: Severity, by: string): Step => ({
  at,
  kind: 'triaged',
  act: (day) =>
    void day.site.editIssue(issueOf(day, ref).key, { [SEVERITY_FIELD_ID]: severity }, { by }),
});

const comment = (at: string, ref: Ref, body: string, by: string, kind?: StepKind): Step => ({
  at,
  kind,
  act: (day) => void day.site.addComment(issueOf(day, ref).key, { body, public: true }, { by }),
});

/** Agents record external causes as the app's panel will: the request's SLA is refreshed at once. */
const CAUSE_BUDGET_MS = 20_000;

const openCause = (at: string, ref: Ref, reason: string, by: string): Step => ({
  at,
  kind: 'external cause opened',
  act: async (day) => {
    const cause = { start: new Date(), reason, recordedBy: by };
    const jira = JiraClient.asApp(CAUSE_BUDGET_MS);
    await openExternalCause(jira, issueOf(day, ref).id, cause, new Date());
  },
});

const closeCause = (at: string, ref: Ref): Step => ({
  at,
  kind: 'external cause closed',
  act: async (day) => {
    const jira = JiraClient.asApp(CAUSE_BUDGET_MS);
    await closeExternalCause(jira, issueOf(day, ref).id, new Date(), new Date());
  },
});

/** The day at the desk, in Rome's local time. */
const STEPS: Step[] = [
  open('08:30', 'opac'),
  open('08:50', 'rfid'),
  open('09:00', 'howto'),
  triage('09:05', 'opac', 1, MARCO),
  move('09:05', 'taken in charge', 'opac', 'In lavorazione', MARCO),
  open('09:15', 'printer'),
  triage('09:20', 'rfid', 3, GIULIA),
  move('09:20', 'taken in charge', 'rfid', 'In lavorazione', GIULIA),
  move('09:30', 'resolved', 'opac', 'Risolta', MARCO),
  triage('09:30', 'printer', 4, LUCA),
  comment('09:40', 'rfid', 'Quale modello di varco?', GIULIA),
  move('09:40', 'asked for information', 'rfid', 'Attesa informazioni', GIULIA),
  open('10:00', 'proposal'),
  move('10:10', 'taken in charge', 'howto', 'In lavorazione', LUCA),
  comment('10:20', 'rfid', 'Il varco dell’ingresso.', 'cust-bruno', 'answered by the customer'),
  move('10:25', 'resumed', 'rfid', 'In lavorazione', GIULIA),
  move('10:30', 'evaluated', 'proposal', 'In valutazione', MARCO),
  open('11:00', 'discovery'),
  triage('11:10', 'discovery', 2, MARCO),
  move('11:10', 'taken in charge', 'discovery', 'In lavorazione', MARCO),
  openCause('11:30', 'discovery', 'Connettività della server farm interrotta', MARCO),
  open('12:00', 'wifi'),
  triage('12:05', 'wifi', 2, LUCA),
  closeCause('12:45', 'discovery'),
  move('13:45', 'taken in charge', 'printer', 'In lavorazione', LUCA),
  move('14:20', 'taken in charge', 'wifi', 'In lavorazione', GIULIA),
  open('15:00', 'report'),
  move('16:00', 'resolved', 'discovery', 'Risolta', MARCO),
  move('16:30', 'resolved', 'wifi', 'Risolta', GIULIA),
  move('17:00', 'closed', 'opac', 'Chiusa', MARCO),
  comment('17:30', 'howto', 'Da quale biblioteca?', LUCA),
  move('17:30', 'asked for information', 'howto', 'Attesa informazioni', LUCA),
];

function localInstant(time: string): number {
  return DateTime.fromISO(`${DAY}T${time}`, { zone: ZONE }).toMillis();
}

async function runDay(day: DayContext): Promise<void> {
  for (const step of STEPS) {
    const wait = localInstant(step.at) - day.site.now();
    if (wait > 0) await day.runtime.clock.advance(wait);
    await step.act(day);
    // Forge delivers product events within seconds; the sandbox delivers them at once.
    await day.runtime.deliverPending();
  }
  await day.runtime.clock.advance(localInstant(ENDS) - day.site.now());
}

/** "8 opened, 5 triaged, …", in the order each kind first happens. */
function whatHappened(): string {
  const kinds = new Map<string, number>();
  for (const step of STEPS) if (step.kind !== undefined) count(kinds, step.kind);

  return [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ');
}

// ---- the queue -----------------------------------------------------------------------------

interface QueueSection {
  title: string;
  jql: string;
}

const PROJECT = `project = ${SERVICE_DESK.projectKey}`;

/** The agents' queue: each section one JQL query over the property's search aliases. */
const SECTIONS: QueueSection[] = [
  {
    title: 'To take in charge',
    jql: `${PROJECT} AND slaResponseState != completed ORDER BY slaResponseDue ASC`,
  },
  {
    title: 'In progress',
    jql: `${PROJECT} AND slaResponseState = completed AND slaResolutionState != completed ORDER BY slaResolutionDue ASC`,
  },
  {
    title: 'Resolved',
    jql: `${PROJECT} AND slaResolutionState = completed ORDER BY slaResolutionDue ASC`,
  },
  { title: 'Without SLA', jql: `${PROJECT} AND slaSeverity is EMPTY ORDER BY key ASC` },
];

interface QueueRow {
  key: string;
  requestType: string;
  status: string;
  severity: string;
  timers: [string[], string[]];
  breaches: string[];
}

function dueText(dueAt: string | null, now: DateTime): string {
  if (dueAt === null) return '';
  const due = DateTime.fromISO(dueAt, { zone: ZONE });
  if (due.hasSame(now, 'day')) return due.toFormat('HH:mm');
  const days = due.startOf('day').diff(now.startOf('day'), 'days').days;

  return due.toFormat(days > 0 && days < 7 ? 'ccc HH:mm' : 'd LLL HH:mm');
}

const STATE_TEXT: Record<Timer['state'], string> = {
  'not-started': 'not started',
  running: 'running',
  paused: 'paused',
  completed: 'completed',
};

/** One timer as table cells: state, elapsed/goal, due, and why it is paused or that it is late. */
function timerCells(timer: Timer, now: DateTime): string[] {
  const note = timer.breached
    ? 'BREACHED'
    : timer.pauseReason === 'external-cause'
      ? 'ext. cause'
      : (timer.pauseReason ?? '');

  return [
    STATE_TEXT[timer.state],
    `${timer.elapsedMinutes}/${timer.goalMinutes} min`,
    dueText(timer.dueAt, now),
    note,
  ];
}

function severityText(loaded: RequestTimers): string {
  if (loaded.severity === null) return '—';

  return `${severityLabel(loaded.severity)}${loaded.severitySet ? '' : ' (provisional)'}`;
}

function statusName(issue: IssueBean): string {
  return (issue.fields.status as { name?: string } | undefined)?.name ?? '?';
}

function requestTypeName(issue: IssueBean): string {
  const value = issue.fields[REQUEST_TYPE_FIELD_ID] as { requestType?: { name?: string } } | null;

  return value?.requestType?.name ?? '?';
}

async function queueRow(jira: JiraClient, issue: IssueBean, now: Date): Promise<QueueRow> {
  const loaded = await loadRequestTimers(jira, issue.id, now);
  if (typeof loaded === 'string') {
    throw new Error(`${issue.key} is in the queue but has no timers (${loaded})`);
  }
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  const noSla = ['no SLA', '', '', ''];
  const clocks = loaded.timers
    ? ([
        ['take in charge', loaded.timers.response],
        ['resolution', loaded.timers.resolution],
      ] as const)
    : [];

  return {
    key: issue.key,
    requestType: requestTypeName(issue),
    status: statusName(issue),
    severity: loaded.timers === null ? '—' : severityText(loaded),
    timers: loaded.timers
      ? [timerCells(loaded.timers.response, local), timerCells(loaded.timers.resolution, local)]
      : [noSla, noSla],
    breaches: clocks
      .filter(([, timer]) => timer.breached)
      .map(([name, t]) => `${issue.key} ${name} (${t.elapsedMinutes}/${t.goalMinutes} min)`),
  };
}

const GAP = '  ';

function widthsOf(rows: readonly string[][]): number[] {
  const widths: number[] = [];
  for (const cells of rows) {
    cells.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  }

  return widths;
}

/** The cells padded to the widths and joined, with no trailing blanks. */
function line(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => cell.padEnd(widths[i] ?? 0))
    .join(GAP)
    .trimEnd();
}

function clip(text: string): string {
  return text.length <= WIDTH ? text : `${text.slice(0, WIDTH - 1)}…`;
}

/**
 * Two lines per request: key, type, status and severity; then, under the type, both timers as
 * state, elapsed/goal, due and a note (BREACHED, or why it is paused).
 */
function renderQueue(sections: readonly { title: string; rows: QueueRow[] }[]): string[] {
  const rows = sections.flatMap((s) => s.rows);
  const heading = ['KEY', 'REQUEST TYPE', 'STATUS', 'SEVERITY'];
  const first = (row: QueueRow) => [row.key, row.requestType, row.status, row.severity];
  const firstWidths = widthsOf([heading, ...rows.map(first)]);
  const indent = ''.padEnd((firstWidths[0] ?? 0) + GAP.length);
  const timerWidths = widthsOf(rows.flatMap((row) => row.timers));
  const second = (row: QueueRow) =>
    indent + line([...row.timers[0], ...row.timers[1]], [...timerWidths, ...timerWidths]);
  const timerSpan = timerWidths.reduce((sum, width) => sum + width + GAP.length, 0);

  const lines = [
    line(heading, firstWidths),
    `${indent}${'TAKE IN CHARGE'.padEnd(timerSpan)}RESOLUTION   (state, elapsed/goal, due)`,
  ];
  for (const { title, rows: found } of sections) {
    lines.push('', `${title} (${found.length})`);
    for (const row of found) lines.push(line(first(row), firstWidths), second(row));
  }

  return lines;
}

interface Queue {
  sections: { title: string; rows: QueueRow[] }[];
  /** "SD-7 take in charge (80/60 min)" for every breached clock. */
  breaches: string[];
}

/** Runs the queue's searches and reads each request's live timers; every request once. */
async function readQueue(now: Date): Promise<Queue> {
  const jira = JiraClient.asApp(QUEUE_BUDGET_MS);
  const fields = ['status', REQUEST_TYPE_FIELD_ID];
  const everyRequest = await searchIssues(jira, `${PROJECT} ORDER BY key ASC`, ['status']);

  const queue: Queue = { sections: [], breaches: [] };
  const seen = new Map<string, string>();
  for (const section of SECTIONS) {
    const found = await searchIssues(jira, section.jql, fields, [SLA_PROPERTY_KEY]);
    const rows: QueueRow[] = [];
    for (const issue of found) {
      const other = seen.get(issue.key);
      if (other !== undefined) {
        throw new Error(`${issue.key} is in both "${other}" and "${section.title}" of the queue`);
      }
      seen.set(issue.key, section.title);
      const row = await queueRow(jira, issue, now);
      rows.push(row);
      queue.breaches.push(...row.breaches);
    }
    queue.sections.push({ title: section.title, rows });
  }
  const missed = everyRequest.filter((issue) => !seen.has(issue.key)).map((issue) => issue.key);
  if (missed.length > 0) {
    throw new Error(
      `no section of the queue finds ${missed.join(', ')}: is the SLA property missing or stale?`,
    );
  }

  return queue;
}

// ---- the run -------------------------------------------------------------------------------

/** Breaks a paragraph into lines of at most 100 columns; `indent` starts the lines after the first. */
export function wrap(text: string, indent = ''): string[] {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let current = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    if (current.trim() !== '' && current.length + 1 + word.length > WIDTH) {
      lines.push(current);
      current = `${indent}${word}`;
    } else {
      current = current.trim() === '' ? `${current}${word}` : `${current} ${word}`;
    }
  }

  return current.trim() === '' ? lines : [...lines, current];
}

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** What was simulated and what the app did, before the queue. */
function header(site: JsmSite, runtime: ForgeRuntime, logs: AppLogs): string[] {
  const types = [...site.requestTypes.values()];
  const placements = types.reduce((sum, type) => sum + type.groupIds.length, 0);
  const workflows = new Set(types.map((type) => type.workflow)).size;
  const customers = ORGANIZATIONS.reduce((sum, org) => sum + org.customers.length, 0);
  const triggers = runtime.invocations.filter((i) => i.kind === 'trigger');
  const callsOf = (i: InvocationRecord) => i.calls.reads + i.calls.writes;
  const calls = triggers.reduce((sum, i) => sum + callsOf(i), 0);
  const comments = site.emittedEvents.filter((e) => e.eventType === 'avi:jira:commented:issue');
  const warnings = logs.warnings.length > 0 ? `, ${plural(logs.warnings.length, 'warning')}` : '';

  return [
    ...wrap(
      `Support policy sandbox: the catalogue's service desk ${SERVICE_DESK.projectKey} (${site.requestTypeGroups.size} groups, ${types.length} request types in ${placements} placements, ${workflows} workflows), ${ORGANIZATIONS.length} organizations with ${customers} customers, ${AGENTS.length} agents; the app's real handlers on the emulator.`,
    ),
    ...wrap(`Simulated Thursday 3 December 2026, ${OPENS}–${ENDS} ${ZONE}: ${whatHappened()}.`),
    ...wrap(
      `SLA trigger: ${plural(triggers.length, 'event')} (the ${comments.length} comments fire avi:jira:commented:issue, which it does not subscribe to), outcomes ${tally(logs.outcomes)}${warnings}; recording an external cause refreshes its request at once. REST calls per event: ${(calls / triggers.length).toFixed(2)} mean, ${Math.max(...triggers.map(callsOf))} max.`,
    ),
  ];
}

async function simulate(site: JsmSite, runtime: ForgeRuntime, logs: AppLogs): Promise<string[]> {
  await runDay({ site, runtime, keys: new Map() });
  if (logs.errors.length > 0) {
    throw new Error(`the app logged errors:\n  ${logs.errors.join('\n  ')}`);
  }

  const queue = await readQueue(new Date(site.now()));
  runtime.assertNoSpecViolations();
  const breached = queue.breaches.length === 0 ? 'none' : queue.breaches.join(', ');

  return [
    ...header(site, runtime, logs),
    '',
    `Agents' queue at ${ENDS}, found by JQL on the ${SLA_PROPERTY_KEY} property, with live timers:`,
    ...renderQueue(queue.sections),
    '',
    ...wrap(`Breached: ${breached}. No call broke the OpenAPI specs.`),
  ].map(clip);
}

/**
 * The day's failure, followed by the spec violations the emulator recorded, which say why a call
 * was refused when the app's error (which never carries a response body) cannot.
 */
export function withViolations(error: unknown, runtime: ForgeRuntime | undefined): Error {
  const failure = error instanceof Error ? error : new Error(String(error));
  try {
    runtime?.uninstall();
  } catch (violations) {
    if (violations instanceof Error && violations !== failure) {
      return new Error(`${failure.message}\n${violations.message}`);
    }
  }

  return failure;
}

/** Runs the sandbox's day and returns what it prints, line by line; throws on any failure. */
export async function runSandbox(options: SandboxOptions = {}): Promise<string[]> {
  const root = options.root ?? join(__dirname, '..');
  const site = buildCatalogueSite({ start: localInstant(OPENS) });
  const logs = captureAppLogs();
  let runtime: ForgeRuntime | undefined;
  let lines: string[];
  try {
    runtime = installForgeRuntime({ site, manifestPath: join(root, 'manifest.yml'), appDir: root });
    lines = await simulate(site, runtime, logs);
  } catch (error) {
    logs.restore();
    throw withViolations(error, runtime);
  }
  logs.restore();
  // Throws any spec violation recorded after the queue was read.
  runtime.uninstall();

  return lines;
}

async function main(): Promise<number> {
  try {
    const lines = await runSandbox();
    process.stdout.write(`${lines.join('\n')}\n`);

    return 0;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sandbox failed: ${reason}\n`);

    return 1;
  }
}

if (require.main === module) {
  void main().then((code) => (process.exitCode = code));
}
