/** Failures of the SLA engine on a history it cannot read. */
import { SupportPolicyError } from '../../errors';

/** The base of every SLA engine failure. */
export class SlaError extends SupportPolicyError {
  override name = 'SlaError';
}

/** A history without its `created` event: the clocks have nothing to start from. */
export class MissingCreatedEventError extends SlaError {
  override name = 'MissingCreatedEventError';

  constructor() {
    super('the history has no "created" event; add the instant the request was created');
  }
}

/** A malformed input: `field` names it, as `events[3].at` or `now`. */
export class InvalidHistoryError extends SlaError {
  override name = 'InvalidHistoryError';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
