/** Failures of the business calendar: a configuration it cannot use, an instant it cannot place. */
import { SupportPolicyError } from '../../errors';

/** The base of every calendar failure. */
export class CalendarError extends SupportPolicyError {
  override name = 'CalendarError';
}

/** A calendar's configuration cannot be turned into working time; `field` says which part. */
export class InvalidCalendarError extends CalendarError {
  override name = 'InvalidCalendarError';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`calendar ${field}: ${reason}`);
  }
}

/** A target names a calendar that is neither built in nor defined in the configuration. */
export class UnknownCalendarError extends CalendarError {
  override name = 'UnknownCalendarError';

  constructor(
    readonly calendar: string,
    readonly defined: readonly string[],
  ) {
    super(
      `unknown calendar "${calendar}"; use "24x7" or one of: ${defined.join(', ') || '(none defined)'}`,
    );
  }
}

/** An instant outside the years a calendar builds working time for. */
export class CalendarRangeError extends CalendarError {
  override name = 'CalendarRangeError';

  constructor(
    readonly instant: string,
    readonly firstYear: number,
    readonly lastYear: number,
  ) {
    super(
      `instant ${instant} is outside the years the calendar covers (${firstYear}–${lastYear}); ` +
        'check the date',
    );
  }
}

/** An instant that is not a whole epoch minute, such as NaN from an invalid date. */
export class InvalidInstantError extends CalendarError {
  override name = 'InvalidInstantError';

  constructor(readonly minute: number) {
    super(`${minute} is not an instant in whole epoch minutes; pass a valid date`);
  }
}

/** A working-minute count that is not a whole number of minutes at least 0. */
export class InvalidMinutesError extends CalendarError {
  override name = 'InvalidMinutesError';

  constructor(readonly minutes: number) {
    super(`${minutes} is not a whole number of working minutes (0 or more)`);
  }
}
