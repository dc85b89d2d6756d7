/** The emulated site's notion of now: a settable instant in milliseconds, moved only on request. */
export interface Clock {
  now(): number;
}

/** A clock that stands still until it is set or advanced; never reads the machine's time. */
export class SimulatedClock implements Clock {
  private current: number;

  constructor(start: number | string | Date) {
    this.current = toMillis(start, 'start');
  }

  now(): number {
    return this.current;
  }

  /** Moves the clock to an instant; refuses to go back in time, which no real site does. */
  set(instant: number | string | Date): void {
    const next = toMillis(instant, 'instant');
    if (next < this.current) {
      throw new Error(
        `the simulated clock cannot go back from ${new Date(this.current).toISOString()} to ${new Date(next).toISOString()}`,
      );
    }
    this.current = next;
  }

  /** Moves the clock forward by a number of milliseconds. */
  advanceBy(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new Error(`the simulated clock advances by a non-negative number of ms, got ${ms}`);
    }
    this.current += ms;
  }
}

/** Reads an instant given as epoch milliseconds, an ISO 8601 string or a Date. */
export function toMillis(instant: number | string | Date, what = 'instant'): number {
  const ms =
    typeof instant === 'number'
      ? instant
      : instant instanceof Date
        ? instant.getTime()
        : Date.parse(instant);
  if (!Number.isFinite(ms)) {
    throw new Error(`${what} ${String(instant)} is not a valid instant; give an ISO 8601 string`);
  }

  return ms;
}
