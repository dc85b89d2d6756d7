/**
 * Replays a request's history into what each clock needs: when it started and stopped, the spans
 * in which it counted (before the calendar is applied), and the severity that sets its goal.
 */
import { toEpochMinute } from '../calendar';
import { isSeverity, type Severity } from '../severity';
import { RESOLVED_STATUSES, WAITING_STATUSES, type GeneralStatus } from '../workflows';
import { InvalidHistoryError, MissingCreatedEventError } from './errors';
import type { PauseReason, SlaEvent } from './types';

/** Epoch minutes [from, to) in which a clock counted, wherever the calendar is open. */
export interface Span {
  from: number;
  to: number;
}

/** What the history says of one clock, as of `now`. */
export interface ClockHistory {
  phase: 'not-started' | 'running' | 'stopped';
  startedAt: number | null;
  /** The last stop, while stopped. */
  stoppedAt: number | null;
  spans: Span[];
  /** Why a running clock does not count at `now`. */
  pausedBy: PauseReason | null;
  /** The severity in force at the stop (same-instant changes included), or at `now`. */
  severity: Severity | null;
}

export interface ReplayedHistory {
  response: ClockHistory;
  resolution: ClockHistory;
}

interface TimedEvent {
  minute: number;
  event: SlaEvent;
}

/**
 * Entering one of these while the response clock runs takes the request in charge. Under the
 * policy's workflow only a move out of Aperta can; a status unknown to the policy on the way
 * (from a Jira workflow with more statuses) does not stop the response clock itself.
 */
const TAKE_IN_CHARGE_STATUSES: readonly string[] = ['In lavorazione', ...WAITING_STATUSES];

const INITIAL_STATUS: GeneralStatus = 'Aperta';

const isWaiting = (status: string) => (WAITING_STATUSES as readonly string[]).includes(status);

const isResolved = (status: string) => (RESOLVED_STATUSES as readonly string[]).includes(status);

function instantOf(value: unknown, field: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InvalidHistoryError(field, 'expected a valid date');
  }
  return toEpochMinute(value);
}

function checkEvent(event: SlaEvent, field: string): void {
  switch (event.type) {
    case 'created':
      return;
    case 'status':
      if (typeof event.status === 'string') return;
      throw new InvalidHistoryError(`${field}.status`, 'expected the name of a policy status');
    case 'severity':
      if (event.severity === null || isSeverity(event.severity)) return;
      throw new InvalidHistoryError(`${field}.severity`, 'expected a severity 1–4, or null');
    case 'external-cause':
      if (typeof event.active === 'boolean') return;
      throw new InvalidHistoryError(`${field}.active`, 'expected true (opened) or false (closed)');
    default: {
      const type = String((event as { type?: unknown }).type);
      throw new InvalidHistoryError(`${field}.type`, `unknown event type "${type}"`);
    }
  }
}

/**
 * Sorts the history by minute (same-minute events keep their order) and keeps what happened
 * from the first `created` event to `now`: earlier events and later `created` events are
 * dropped, and events in the creation minute listed before `created` are moved after it.
 */
function timeline(
  events: readonly SlaEvent[],
  now: number,
): { created: number; rest: TimedEvent[] } {
  const timed = events.map((event, i) => {
    checkEvent(event, `events[${i}]`);
    return { minute: instantOf(event.at, `events[${i}].at`), event };
  });
  timed.sort((a, b) => a.minute - b.minute);

  const first = timed.find(({ event }) => event.type === 'created');
  if (!first) throw new MissingCreatedEventError();

  const rest = timed.filter(
    ({ minute, event }) => event.type !== 'created' && minute >= first.minute && minute <= now,
  );
  return { created: first.minute, rest };
}

function clock(phase: ClockHistory['phase'], startedAt: number | null): ClockHistory {
  return { phase, startedAt, stoppedAt: null, spans: [], pausedBy: null, severity: null };
}

function count(clockHistory: ClockHistory, from: number, to: number): void {
  if (clockHistory.phase !== 'running') return;

  const last = clockHistory.spans[clockHistory.spans.length - 1];
  if (last && last.to === from) last.to = to;
  else clockHistory.spans.push({ from, to });
}

/**
 * Replays a history up to `now` into the two clocks. Statuses the policy does not know count as
 * work: neither waiting nor resolved, and not a take-in-charge.
 *
 * @example replayHistory([created 09:10, status "In lavorazione" 09:30], now 10:00)
 *   // response stopped at 09:30 with span 09:10–09:30; resolution running since 09:30
 */
export function replayHistory(events: readonly SlaEvent[], nowDate: Date): ReplayedHistory {
  const now = instantOf(nowDate, 'now');
  const { created, rest } = timeline(events, now);
  const resolution = clock('not-started', null);
  if (created > now) return { response: clock('not-started', null), resolution };

  const response = clock('running', created);

  let status: string = INITIAL_STATUS;
  let externalCause = false;
  let severity: Severity | null = null;
  const severities: { minute: number; severity: Severity | null }[] = [];
  const pauseReason = (): PauseReason | null =>
    isWaiting(status) ? 'waiting' : externalCause ? 'external-cause' : null;

  // The timeline is sorted and ends at now, so the cursor only moves forward.
  let cursor = created;
  const advance = (to: number) => {
    if (to > cursor && pauseReason() === null) {
      count(response, cursor, to);
      count(resolution, cursor, to);
    }
    cursor = to;
  };

  for (const { minute, event } of rest) {
    advance(minute);
    if (event.type === 'severity') {
      severity = event.severity;
      severities.push({ minute, severity });
    } else if (event.type === 'external-cause') {
      externalCause = event.active;
    } else if (event.type === 'status' && event.status !== status) {
      status = event.status;
      moveClocks(response, resolution, status, minute);
    }
  }
  advance(now);

  for (const history of [response, resolution]) {
    if (history.phase === 'running') history.pausedBy = pauseReason();
    history.severity =
      history.stoppedAt === null ? severity : severityAfter(severities, history.stoppedAt);
  }
  return { response, resolution };
}

/** The severity once every change up to `minute` is applied, changes in that minute included. */
function severityAfter(
  changes: readonly { minute: number; severity: Severity | null }[],
  minute: number,
): Severity | null {
  for (let i = changes.length - 1; i >= 0; i--) {
    if (changes[i].minute <= minute) return changes[i].severity;
  }
  return null;
}

function moveClocks(
  response: ClockHistory,
  resolution: ClockHistory,
  status: string,
  minute: number,
): void {
  if (response.phase === 'running') {
    if (TAKE_IN_CHARGE_STATUSES.includes(status)) {
      response.phase = 'stopped';
      response.stoppedAt = minute;
      resolution.phase = 'running';
      resolution.startedAt = minute;
    } else if (isResolved(status)) {
      // Resolved before it was ever taken in charge: the resolution clock never starts.
      response.phase = 'stopped';
      response.stoppedAt = minute;
    }
    return;
  }

  if (resolution.phase === 'running' && isResolved(status)) {
    resolution.phase = 'stopped';
    resolution.stoppedAt = minute;
  } else if (resolution.phase === 'stopped' && !isResolved(status)) {
    // Reopened: the same cycle resumes from where it stopped.
    resolution.phase = 'running';
    resolution.stoppedAt = null;
  }
}
