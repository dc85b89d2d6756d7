/**
 * Instants as the calendar and the SLA engine handle them: whole minutes since the Unix epoch,
 * so that arithmetic is exact integer arithmetic and seconds are dropped once, at the edge.
 */
import { DateTime } from 'luxon';

export const MS_PER_MINUTE = 60_000;

export const MINUTES_PER_DAY = 24 * 60;

/**
 * The epoch minute of an instant, seconds dropped.
 *
 * @example toEpochMinute(new Date('1970-01-01T00:02:59Z')) // 2
 */
export function toEpochMinute(instant: Date): number {
  return Math.floor(instant.getTime() / MS_PER_MINUTE);
}

/** The instant at the start of an epoch minute. */
export function fromEpochMinute(minute: number): Date {
  return new Date(minute * MS_PER_MINUTE);
}

/**
 * An epoch minute as ISO 8601 without milliseconds, with the offset of `zone` ("Z" for UTC).
 *
 * @example formatInstant(29_412_570, 'Europe/Rome') // '2025-12-03T10:30:00+01:00'
 */
export function formatInstant(minute: number, zone: string): string {
  const text = DateTime.fromMillis(minute * MS_PER_MINUTE, { zone }).toISO({
    suppressMilliseconds: true,
  });
  // luxon returns null only for an invalid zone, which a prepared calendar never has.
  return text ?? fromEpochMinute(minute).toISOString();
}
