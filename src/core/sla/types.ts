/** The SLA engine's input (a request's history) and output (its two timers, in JSM's shape). */
import type { RequestKind } from '../catalogue';
import type { Severity } from '../severity';

/** One fact of a request's history; instants are taken to the minute. */
export type SlaEvent =
  | { at: Date; type: 'created' }
  /** The request entered a policy status, by its policy name (for example "In lavorazione"). */
  | { at: Date; type: 'status'; status: string }
  /** Triage set the severity, or cleared it (null) so that the kind's provisional one applies. */
  | { at: Date; type: 'severity'; severity: Severity | null }
  /** An agent opened (active) or closed an interval of an external cause. */
  | { at: Date; type: 'external-cause'; active: boolean; reason?: string };

export interface SlaRequest {
  kind: RequestKind;
  /** The customer's organization, whose contract may override targets and calendars. */
  organization?: string | null;
}

export type TimerState = 'not-started' | 'running' | 'paused' | 'completed';

export type PauseReason = 'waiting' | 'external-cause';

/** One clock, as JSM shows its own SLAs. Instants are ISO 8601 in the calendar's zone. */
export interface Timer {
  state: TimerState;
  goalMinutes: number;
  elapsedMinutes: number;
  /** Goal minus elapsed: negative once breached. */
  remainingMinutes: number;
  /** Elapsed time exceeds the goal; reaching it exactly is not a breach. */
  breached: boolean;
  /** When elapsed time reaches the goal, as recorded and then counting with no further pause. */
  dueAt: string | null;
  startedAt: string | null;
  stoppedAt: string | null;
  /** Why a paused clock does not count; waiting wins over an external cause. */
  pauseReason: PauseReason | null;
}

/** Response (take in charge) and resolution, counted from take-in-charge. */
export interface Timers {
  response: Timer;
  resolution: Timer;
}
