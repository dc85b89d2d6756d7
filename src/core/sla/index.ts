/** The SLA engine and the scenario files that pin its semantics. */
export { computeTimers, provisionalSeverity, severityTarget } from './engine';
export { InvalidHistoryError, MissingCreatedEventError, SlaError } from './errors';
export type { PauseReason, SlaEvent, SlaRequest, Timer, Timers, TimerState } from './types';
