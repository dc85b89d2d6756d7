/**
 * `npm run bench:trigger`: the cost per event of the SLA trigger (issue #4: at most 2 reads and
 * 1 write per event, and no write when nothing changed). It replays a seeded, realistic day at
 * the catalogue's desk: 100 requests opened through the day, then edited, triaged, commented on
 * and moved along their workflows, plus a few development work items, with some events delivered
 * twice or late, as Forge may. Every delivery runs the real trigger through the runtime fake,
 * which counts the REST calls of each invocation. An event is one delivery to the trigger,
 * duplicates included. It ends with `calls per event: X`, the mean REST calls per event.
 */
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { REQUEST_TYPES, findRequestType } from '../src/core/catalogue';
import { isSeverity, type Severity } from '../src/core/severity';
import { judgeMove, workflowForKind, type Actor as PolicyActor } from '../src/core/workflows';
import { JiraClient } from '../src/jira/client';
import { loadRequestTimers } from '../src/services/request-timers';
import { SLA_PROPERTY_KEY, sameJson, slaProperty } from '../src/services/sla-property';
import { textToAdf } from '../test/emulator/adf';
import {
  AGENTS,
  ORGANIZATIONS,
  SEVERITY_FIELD_ID,
  buildCatalogueSite,
} from '../test/emulator/catalogue-site';
import { SeededRandom } from '../test/emulator/random';
import type { IssueRecord, JsmSite } from '../test/emulator';
import {
  installForgeRuntime,
  type ForgeRuntime,
  type InvocationRecord,
  type PendingEvent,
} from '../test/forge';
import { captureAppLogs, tally, withViolations, wrap, type AppLogs } from '../scripts/sandbox';

const SEED = 20_261_203;
const ZONE = 'Europe/Rome';
const DAY = '2026-12-03';
const REQUESTS = 100;
/** Actions on a request after it is opened, drawn between these bounds. */
const ACTIONS_PER_REQUEST = [30, 60] as const;
const WORK_ITEMS = 10;
const DUPLICATE_CHANCE = 0.05;
const LATE_CHANCE = 0.03;
/** A late event arrives after this many further actions at most. */
const LATE_BY_ACTIONS = 25;
const BUDGET = { reads: 2, writes: 1 };
/** What the client may spend on retries when the bench reads outside a handler. */
const READ_BUDGET_MS = 20_000;

const random = new SeededRandom(SEED);
const CUSTOMERS = ORGANIZATIONS.flatMap((org) => org.customers.map((c) => c.accountId));
const AGENT_IDS = AGENTS.map((agent) => agent.accountId);

function localInstant(time: string): number {
  return DateTime.fromISO(`${DAY}T${time}`, { zone: ZONE }).toMillis();
}

const OPENS = localInstant('08:00');
const LAST_REQUEST = localInstant('17:00');
const ENDS = localInstant('18:30');

function pick<T>(items: readonly T[]): T {
  return items[random.int(items.length)] as T;
}

function between(from: number, to: number): number {
  return from + Math.floor(random.next() * (to - from));
}

// ---- the day's plan ------------------------------------------------------------------------

/** One thing someone does at the desk, at a minute of the day. */
type Slot =
  | { at: number; kind: 'open'; request: number }
  | { at: number; kind: 'act'; request: number }
  | { at: number; kind: 'work item' };

/** Requests opened through the day, each acted on at random instants until closing time. */
function planDay(): Slot[] {
  const slots: Slot[] = [];
  for (let request = 0; request < REQUESTS; request += 1) {
    const opened = between(OPENS, LAST_REQUEST);
    slots.push({ at: opened, kind: 'open', request });
    const actions = between(ACTIONS_PER_REQUEST[0], ACTIONS_PER_REQUEST[1] + 1);
    for (let i = 0; i < actions; i += 1) {
      slots.push({ at: between(opened + 60_000, ENDS), kind: 'act', request });
    }
  }
  for (let i = 0; i < WORK_ITEMS; i += 1) {
    slots.push({ at: between(OPENS, ENDS), kind: 'work item' });
  }
  // Whole minutes, in order; an opening comes before anything else on its request.
  const minute = (at: number) => Math.floor(at / 60_000) * 60_000;

  return slots
    .map((slot) => ({ ...slot, at: minute(slot.at) }))
    .sort((a, b) => a.at - b.at || (a.kind === 'open' ? -1 : 0) - (b.kind === 'open' ? -1 : 0));
}

// ---- acting on a request -------------------------------------------------------------------

interface BenchRequest {
  key: string;
  typeName: string;
  hasWorkCode: boolean;
}

function statusOf(site: JsmSite, issue: IssueRecord): string {
  return site.status(issue.statusId).name;
}

function severityOf(issue: IssueRecord): Severity | null {
  const value = issue.customFields.get(SEVERITY_FIELD_ID);

  return isSeverity(value) ? value : null;
}

/** Moves that end a request are rarer than moves that keep it going, so the day ends with work. */
const MOVE_WEIGHTS: Readonly<Record<string, number>> = {
  Risolta: 0.3,
  Chiusa: 0.15,
  Ritirata: 0.1,
  'Non pianificata': 0.3,
};

function pickWeighted<T>(items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let left = random.next() * total;
  for (const item of items) {
    left -= weight(item);
    if (left < 0) return item;
  }

  return items[items.length - 1] as T;
}

/** A move the policy allows from the request's status, with who makes it; null when none. */
function pickMove(site: JsmSite, request: BenchRequest): { to: string; actor: PolicyActor } | null {
  const issue = site.issue(request.key);
  const kind = findRequestType(request.typeName)?.kind ?? 'service';
  const workflow = workflowForKind(kind);
  const from = statusOf(site, issue);
  const allowed = workflow.moves.flatMap((move) => {
    if (move.from !== from) return [];
    const actor: PolicyActor | undefined = move.actors.includes('agent')
      ? 'agent'
      : move.actors.includes('customer')
        ? 'customer'
        : undefined;
    if (actor === undefined) return [];
    const verdict = judgeMove(workflow, from, move.to, {
      actor,
      kind,
      severity: severityOf(issue),
      hasWorkCode: request.hasWorkCode,
    });

    return verdict.allowed ? [{ to: move.to, actor }] : [];
  });

  return allowed.length === 0 ? null : pickWeighted(allowed, (m) => MOVE_WEIGHTS[m.to] ?? 1);
}

const PHRASES = [
  'Il problema si ripete dopo il riavvio',
  'Allego la schermata dell’errore',
  'Succede solo nella sede centrale',
  'Aggiornato il riepilogo con i dettagli',
  'Verificato con il fornitore della rete',
];

/** Does one thing on a request, chosen by what its status and severity allow. */
function act(site: JsmSite, request: BenchRequest, n: number): void {
  const issue = site.issue(request.key);
  const kind = findRequestType(request.typeName)?.kind ?? 'service';
  const agent = { by: pick(AGENT_IDS) };
  const customer = { by: issue.reporterAccountId };
  const closed = workflowForKind(kind).terminal.includes(statusOf(site, issue));
  const roll = random.next();
  const comment = (by: { by: string }) =>
    site.addComment(request.key, { body: `${pick(PHRASES)} (${n}).`, public: true }, by);

  if (closed) {
    // A closed request hears from its customer now and then, and from nobody else.
    if (roll < 0.2) comment(customer);
  } else if (roll < 0.12) {
    comment(random.next() < 0.5 ? customer : agent);
  } else if (roll < 0.3) {
    site.editIssue(request.key, { summary: `${issue.summary.split(' · ')[0]} · ${n}` }, agent);
  } else if (roll < 0.46) {
    const description = textToAdf(`${pick(PHRASES)}.\nPasso ${n}.`);
    site.editIssue(request.key, { description }, agent);
  } else if (roll < 0.62) {
    site.editIssue(request.key, { assignee: { accountId: agent.by } }, agent);
  } else if (kind === 'anomaly' && (severityOf(issue) === null ? roll < 0.85 : roll < 0.66)) {
    // Triage sets the severity; later it is corrected now and then.
    const severity = (1 + random.int(4)) as Severity;
    site.editIssue(request.key, { [SEVERITY_FIELD_ID]: severity }, agent);
  } else {
    const move = pickMove(site, request);
    if (move === null) return;
    const by = move.actor === 'agent' ? agent : customer;
    site.transition(request.key, move.to, by, { customerOnly: move.actor === 'customer' });
  }
}

// ---- delivering ----------------------------------------------------------------------------

interface Delivery {
  record: InvocationRecord;
  before: unknown;
  after: unknown;
  duplicate: boolean;
  late: boolean;
}

interface Deliverer {
  site: JsmSite;
  runtime: ForgeRuntime;
  deliveries: Delivery[];
  late: { event: PendingEvent['event']; dueAfter: number }[];
  actions: number;
}

function propertyOf(site: JsmSite, issueId: string | undefined): unknown {
  const issue = issueId === undefined ? undefined : site.findIssue(issueId);

  return issue === undefined ? undefined : site.issueProperty(issue.id, SLA_PROPERTY_KEY);
}

async function deliverOnce(
  d: Deliverer,
  event: PendingEvent['event'],
  flags: { duplicate: boolean; late: boolean },
): Promise<void> {
  const issueId = (event.payload.issue as { id?: string } | undefined)?.id;
  const before = structuredClone(propertyOf(d.site, issueId));
  const records = await d.runtime.deliver(event);
  const after = propertyOf(d.site, issueId);
  for (const record of records) d.deliveries.push({ record, before, after, ...flags });
}

/** Delivers what the last action emitted, some events twice, some held back; then late ones. */
async function deliverPending(d: Deliverer): Promise<void> {
  d.actions += 1;
  for (const event of d.runtime.takePendingEvents()) {
    if (random.next() < LATE_CHANCE) {
      d.late.push({ event, dueAfter: d.actions + 1 + random.int(LATE_BY_ACTIONS) });
      continue;
    }
    await deliverOnce(d, event, { duplicate: false, late: false });
    if (random.next() < DUPLICATE_CHANCE)
      await deliverOnce(d, event, { duplicate: true, late: false });
  }
  const due = d.late.filter((held) => held.dueAfter <= d.actions);
  d.late = d.late.filter((held) => held.dueAfter > d.actions);
  for (const held of due) await deliverOnce(d, held.event, { duplicate: false, late: true });
}

// ---- the run -------------------------------------------------------------------------------

interface Replay {
  requests: BenchRequest[];
  workItems: number;
  deliveries: Delivery[];
}

async function replayDay(site: JsmSite, runtime: ForgeRuntime): Promise<Replay> {
  const requests: BenchRequest[] = [];
  const d: Deliverer = { site, runtime, deliveries: [], late: [], actions: 0 };
  const types = REQUEST_TYPES.map((type) => type.name);
  const projects = ['CNG', 'DNG'];
  let workItems = 0;

  for (const slot of planDay()) {
    if (slot.at > site.now()) await runtime.clock.advance(slot.at - site.now());
    if (slot.kind === 'open') {
      const typeName = pick(types);
      const issue = site.createRequest({
        requestType: typeName,
        reporter: pick(CUSTOMERS),
        summary: `Richiesta ${slot.request + 1}`,
      });
      requests[slot.request] = { key: issue.key, typeName, hasWorkCode: false };
    } else if (slot.kind === 'work item') {
      // A developer opens a work item for one of the requests opened so far.
      const request = pick(requests.filter(Boolean));
      if (request === undefined) continue;
      const item = site.createIssue({ projectKey: pick(projects), summary: 'Correzione' });
      const link = { type: 'Relates', outward: request.key, inward: item.key };
      site.linkIssues(link, { by: pick(AGENT_IDS) });
      request.hasWorkCode = true;
      workItems += 1;
    } else {
      const request = requests[slot.request];
      if (request === undefined)
        throw new Error(`the plan acts on request ${slot.request} before opening it`);
      act(site, request, d.actions);
    }
    await deliverPending(d);
  }
  for (const held of d.late.splice(0))
    await deliverOnce(d, held.event, { duplicate: false, late: true });
  if (site.now() < ENDS) await runtime.clock.advance(ENDS - site.now());

  return { requests, workItems, deliveries: d.deliveries };
}

/** The paths at which two JSON values differ, e.g. `resolution.breached`. */
function changedPaths(a: unknown, b: unknown, path = ''): string[] {
  if (sameJson(a, b)) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return [path];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);

  return [...keys].flatMap((key) =>
    changedPaths(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      path === '' ? key : `${path}.${key}`,
    ),
  );
}

interface FinalCheck {
  same: number;
  /** Keys of requests whose property lags only in a running clock's breached flag. */
  breachOnly: string[];
  /** Requests whose property is wrong, with the paths that differ. */
  wrong: string[];
}

const isBreachPath = (path: string) => path.endsWith('.breached');

const callsOf = (record: InvocationRecord) => record.calls.reads + record.calls.writes;

/** How each request's stored property compares with its timers recomputed at the end. */
async function checkFinalProperties(
  site: JsmSite,
  requests: readonly BenchRequest[],
): Promise<FinalCheck> {
  const jira = JiraClient.asApp(READ_BUDGET_MS);
  const result: FinalCheck = { same: 0, breachOnly: [], wrong: [] };
  for (const request of requests) {
    const issue = site.issue(request.key);
    const loaded = await loadRequestTimers(jira, issue.id, new Date(site.now()));
    if (typeof loaded === 'string') throw new Error(`${request.key} has no timers: ${loaded}`);
    const expected =
      loaded.timers === null || loaded.severity === null
        ? undefined
        : slaProperty(loaded.kind, loaded.severity, loaded.severitySet, loaded.timers);
    const paths = changedPaths(site.issueProperty(issue.id, SLA_PROPERTY_KEY), expected);
    if (paths.length === 0) result.same += 1;
    else if (paths.every(isBreachPath)) result.breachOnly.push(request.key);
    else result.wrong.push(`${request.key} (${paths.join(', ')})`);
  }

  return result;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function max(values: readonly number[]): number {
  return values.reduce((most, v) => Math.max(most, v), 0);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);

  return counts;
}

const f2 = (n: number) => n.toFixed(2);
const shortEndpoint = (endpoint: string) =>
  endpoint
    .replace('/rest/api/3', '')
    .replace('{issueIdOrKey}', '{id}')
    .replace('{propertyKey}', '{key}');

/** The lines about budget: warnings first, each a line of its own, never hidden. */
function budgetLines(deliveries: readonly Delivery[], final: FinalCheck): string[] {
  const records = deliveries.map((d) => d.record);
  const over = records.filter(
    (r) => r.calls.reads > BUDGET.reads || r.calls.writes > BUDGET.writes,
  );
  const wasted = deliveries.filter((d) => d.record.calls.writes > 0 && sameJson(d.before, d.after));
  const budget = `${BUDGET.reads} reads and ${BUDGET.writes} write per event`;
  const lines: string[] = [];
  if (over.length > 0) {
    const shapes = new Set(over.map((r) => `${r.calls.reads} reads + ${r.calls.writes} writes`));
    lines.push(
      `WARNING: ${over.length} invocations exceeded the budget of ${budget}: ${[...shapes].join(', ')}`,
    );
  }
  if (wasted.length > 0) {
    lines.push(`WARNING: ${wasted.length} invocations wrote the SLA property without changing it`);
  }
  if (final.wrong.length > 0) {
    const some = final.wrong.slice(0, 3).join('; ');
    lines.push(
      `WARNING: ${final.wrong.length} final properties disagree with the history: ${some}`,
    );
  }
  if (over.length === 0 && wasted.length === 0) {
    lines.push(`  budget (${budget}, no write when nothing changed): kept by every invocation`);
  }

  return lines;
}

function report(
  site: JsmSite,
  { requests, workItems, deliveries }: Replay,
  logs: AppLogs,
  final: FinalCheck,
  seconds: number,
): string[] {
  const records = deliveries.map((d) => d.record);
  if (logs.sequence.length !== records.length) {
    throw new Error(
      `${records.length} invocations logged ${logs.sequence.length} outcomes; did the trigger's log line change?`,
    );
  }
  const reads = records.map((r) => r.calls.reads);
  const writes = records.map((r) => r.calls.writes);
  const calls = records.map((r) => r.calls.reads + r.calls.writes);
  const kinds = countBy(requests, (r) => findRequestType(r.typeName)?.kind ?? '?');
  const statuses = countBy(requests, (r) => site.status(site.issue(r.key).statusId).name);
  const events = countBy(site.emittedEvents, (e) =>
    e.eventType.replace('avi:jira:', '').replace(/:issue$/, ''),
  );
  // Invocations run one at a time, so the n-th logged outcome is the n-th invocation's.
  const idle = logs.sequence.filter((_, i) => records[i]?.calls.writes === 0);
  const breachWrites = deliveries.filter((d) => {
    const paths = changedPaths(d.before, d.after);

    return d.record.calls.writes > 0 && paths.length > 0 && paths.every(isBreachPath);
  });
  const costliest = records.reduce((a, b) => (callsOf(b) > callsOf(a) ? b : a));
  const staleNote =
    final.breachOnly.length === 0
      ? ''
      : ` (${final.breachOnly.length} lag only by a breach since their last event)`;

  return [
    `Trigger bench: a seeded day (${SEED}) at the catalogue's desk, ${DAY} 08:00–18:30 ${ZONE}`,
    `  requests: ${requests.length} (${tally(kinds)}), ${workItems} development work items linked`,
    `  at 18:30: ${tally(statuses)}`,
    `  site events: ${site.emittedEvents.length} (${tally(events)})`,
    `  events delivered to the SLA trigger: ${records.length}, of them ${deliveries.filter((d) => d.duplicate).length} duplicates and ${deliveries.filter((d) => d.late).length} late; invocations: ${records.length}`,
    `  outcomes: ${tally(logs.outcomes)}`,
    `  reads per event: mean ${f2(mean(reads))}, max ${max(reads)}`,
    `  writes per event: mean ${f2(mean(writes))}, max ${max(writes)}`,
    `  storage per event: ${f2(mean(records.map((r) => r.kvs.reads)))} reads, ${f2(mean(records.map((r) => r.kvs.writes)))} writes`,
    `  invocations that wrote nothing: ${idle.length}, ${idle.filter((o) => o === 'unchanged').length} of them because nothing changed`,
    `  writes that only flipped a running clock's breached flag: ${breachWrites.length}`,
    `  final properties equal to the timers recomputed at 18:30: ${final.same} of ${requests.length}${staleNote}`,
    `  wall time: ${seconds.toFixed(1)} s`,
    ...budgetLines(deliveries, final),
    `  max calls per event: ${max(calls)} (${Object.keys(costliest.calls.byEndpoint).map(shortEndpoint).join(', ')})`,
    `calls per event: ${f2(mean(calls))}`,
  ].flatMap((line) => wrap(line, '    '));
}

async function main(): Promise<number> {
  const started = performance.now();
  const root = join(__dirname, '..');
  const site = buildCatalogueSite({ start: OPENS, seed: SEED });
  const logs = captureAppLogs();
  let runtime: ForgeRuntime | undefined;
  try {
    runtime = installForgeRuntime({
      site,
      manifestPath: join(root, 'manifest.yml'),
      appDir: root,
      seed: SEED,
    });
    const replay = await replayDay(site, runtime);
    if (logs.errors.length > 0) {
      throw new Error(`the app logged errors:\n  ${logs.errors.join('\n  ')}`);
    }
    const final = await checkFinalProperties(site, replay.requests);
    runtime.assertNoSpecViolations();
    const lines = report(site, replay, logs, final, (performance.now() - started) / 1000);
    logs.restore();
    runtime.uninstall();
    process.stdout.write(`${lines.join('\n')}\n`);

    return 0;
  } catch (error) {
    logs.restore();
    process.stderr.write(`bench failed: ${withViolations(error, runtime).message}\n`);

    return 1;
  }
}

void main().then((code) => (process.exitCode = code));
