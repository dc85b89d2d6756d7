/**
 * The SLA engine: the response and resolution timers of a request, recomputed from its whole
 * history each time, on the calendar of the goal in force (SPEC §4.3). Where the SPEC leaves a
 * choice: events after `now` have not happened yet and events before `created` are not the
 * request's; a status the policy does not know counts as work; a request resolved before it was
 * taken in charge never starts its resolution clock, even once reopened; and a goal reached
 * exactly is due at the instant it was reached.
 */
import { calendarNamed, formatInstant, toEpochMinute, type WorkingCalendar } from '../calendar';
import { PROVISIONAL_SEVERITY, type RequestKind } from '../catalogue';
import { deepMerge } from '../config/merge';
import type { SeverityKey, SeverityTarget, SlaConfig } from '../config/types';
import type { Severity } from '../severity';
import { replayHistory, type ClockHistory, type Span } from './history';
import type { SlaEvent, SlaRequest, Timer, Timers } from './types';

type ClockName = 'response' | 'resolution';

interface Goal {
  minutes: number;
  calendar: WorkingCalendar;
}

/** The severity a kind has until triage sets one; null for a kind without SLA timers. */
export function provisionalSeverity(kind: RequestKind): Severity | null {
  return PROVISIONAL_SEVERITY[kind];
}

/**
 * The target of a severity for an organization: its contract's entry merged over the default.
 *
 * @example severityTarget(config, 1, 'Sistema bibliotecario esempio')
 *   // { responseMinutes: 15, resolutionMinutes: 30, calendar: '24x7' } with SPEC §9's example
 */
export function severityTarget(
  config: SlaConfig,
  severity: Severity,
  organization?: string | null,
): SeverityTarget {
  const key = String(severity) as SeverityKey;
  const contract =
    organization != null && Object.hasOwn(config.organizations, organization)
      ? config.organizations[organization].severities?.[key]
      : undefined;
  return deepMerge(config.severities[key], contract);
}

function goalOf(
  clock: ClockName,
  severity: Severity,
  request: SlaRequest,
  config: SlaConfig,
): Goal {
  const target = severityTarget(config, severity, request.organization);
  return {
    minutes: clock === 'response' ? target.responseMinutes : target.resolutionMinutes,
    calendar: calendarNamed(target.calendar, config.calendars),
  };
}

/**
 * The instant at which the recorded spans add up to the goal; the clock's start for a goal of 0.
 * Called only when they do add up to it.
 */
function goalReachedAt(spans: readonly Span[], goal: Goal, startedAt: number): number {
  if (goal.minutes === 0) return startedAt;

  let counted = 0;
  for (const span of spans) {
    const minutes = goal.calendar.workingMinutesBetween(span.from, span.to);
    if (counted + minutes >= goal.minutes) {
      // Never null: the span itself holds the minutes still missing.
      return goal.calendar.addWorkingMinutes(span.from, goal.minutes - counted) ?? span.to;
    }
    counted += minutes;
  }
  return startedAt;
}

function timer(history: ClockHistory, goal: Goal, now: number): Timer {
  const format = (minute: number | null) =>
    minute === null ? null : formatInstant(minute, goal.calendar.zone);

  if (history.phase === 'not-started' || history.startedAt === null) {
    return {
      state: 'not-started',
      goalMinutes: goal.minutes,
      elapsedMinutes: 0,
      remainingMinutes: goal.minutes,
      breached: false,
      dueAt: null,
      startedAt: null,
      stoppedAt: null,
      pauseReason: null,
    };
  }

  const elapsed = history.spans.reduce(
    (sum, span) => sum + goal.calendar.workingMinutesBetween(span.from, span.to),
    0,
  );
  // Past the stop (or now) the clock is imagined counting over working time with no pause.
  const countedUpTo = history.stoppedAt ?? now;
  const dueAt =
    elapsed >= goal.minutes
      ? goalReachedAt(history.spans, goal, history.startedAt)
      : goal.calendar.addWorkingMinutes(countedUpTo, goal.minutes - elapsed);

  return {
    state:
      history.phase === 'stopped' ? 'completed' : history.pausedBy === null ? 'running' : 'paused',
    goalMinutes: goal.minutes,
    elapsedMinutes: elapsed,
    remainingMinutes: goal.minutes - elapsed,
    breached: elapsed > goal.minutes,
    dueAt: format(dueAt),
    startedAt: format(history.startedAt),
    stoppedAt: format(history.stoppedAt),
    pauseReason: history.phase === 'running' ? history.pausedBy : null,
  };
}

/**
 * The response and resolution timers of a request as of `now`, from its whole history; null for
 * a suggestion, which has no SLA. Events after `now` are not yet history and are left out.
 *
 * @example computeTimers({ kind: 'anomaly' }, [{ at: new Date('2026-12-03T09:10+01:00'),
 *   type: 'created' }], defaultConfig(), new Date('2026-12-03T10:10+01:00'))
 *   // response running, 60 of 120 minutes elapsed, due at 11:10+01:00; resolution not started
 */
export function computeTimers(
  request: SlaRequest,
  events: readonly SlaEvent[],
  config: SlaConfig,
  now: Date,
): Timers | null {
  const provisional = provisionalSeverity(request.kind);
  if (provisional === null) return null;

  const history = replayHistory(events, now);
  const nowMinute = toEpochMinute(now);
  const clockTimer = (clock: ClockName) => {
    const severity = history[clock].severity ?? provisional;
    return timer(history[clock], goalOf(clock, severity, request, config), nowMinute);
  };
  return { response: clockTimer('response'), resolution: clockTimer('resolution') };
}
