/**
 * The SLA state written on each request as an issue entity property, indexed for JQL so that
 * queues can filter and sort on it. Anyone who can see the request can read it, so it holds
 * only the clocks: no reasons, no names, no account ids.
 */
import type { RequestKind } from '../core/catalogue';
import type { Severity } from '../core/severity';
import type { Timer, Timers } from '../core/sla';

/** The entity property's key, as `jira:entityProperty` in manifest.yml indexes it. */
export const SLA_PROPERTY_KEY = 'support-policy-sla';

/** One clock as stored: what changes only when the request's history changes. */
export interface ClockProperty {
  state: Timer['state'];
  goalMinutes: number;
  /** Counted minutes up to the stop or pause; null while running, when it grows with time. */
  elapsedMinutes: number | null;
  breached: boolean;
  /** When the goal is (or was) reached; null while paused, when it moves with time. */
  dueAt: string | null;
  startedAt: string | null;
  stoppedAt: string | null;
  pauseReason: Timer['pauseReason'];
}

export interface SlaProperty {
  kind: RequestKind;
  /** The severity in force: the one triage set, or the kind's provisional one. */
  severity: Severity;
  severitySet: boolean;
  response: ClockProperty;
  resolution: ClockProperty;
}

/**
 * A running clock's elapsed time grows and a paused clock's due instant moves with every minute;
 * leaving them out keeps the property equal until the history changes, so that it is rewritten
 * only then. A running clock's due instant is fixed by its history; its breach is not, and the
 * scheduled watch (`refresh-due-slas.ts`) rewrites the property once the due instant passes.
 */
function clockProperty(timer: Timer): ClockProperty {
  return {
    state: timer.state,
    goalMinutes: timer.goalMinutes,
    elapsedMinutes: timer.state === 'running' ? null : timer.elapsedMinutes,
    breached: timer.breached,
    dueAt: timer.state === 'paused' ? null : timer.dueAt,
    startedAt: timer.startedAt,
    stoppedAt: timer.stoppedAt,
    pauseReason: timer.pauseReason,
  };
}

/** The property value for a request's timers. */
export function slaProperty(
  kind: RequestKind,
  severity: Severity,
  severitySet: boolean,
  timers: Timers,
): SlaProperty {
  return {
    kind,
    severity,
    severitySet,
    response: clockProperty(timers.response),
    resolution: clockProperty(timers.resolution),
  };
}

/** Deep equality of two JSON values, key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;

  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) =>
      sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}
