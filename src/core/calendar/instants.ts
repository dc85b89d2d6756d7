/**
 * Instants as the calendar and the SLA engine handle them: whole minutes since the Unix epoch,
 * so that arithmetic is exact integer arithmetic and seconds are dropped once, at the edge.
 */
import { IANAZone } from 'luxon';

export const MS_PER_MINUTE = 60_000;

export const MINUTES_PER_DAY = 24 * 60;

const HOUR_MS = 60 * MS_PER_MINUTE;

/**
 * The epoch minute of an instant, seconds dropped.
 *
 * @example toEpochMinute(new Date('1970-01-01T00:02:59Z')) // 2
 */
export function toEpochMinute(instant: Date): number {
  return Math.floor(instant.getTime() / MS_PER_MINUTE);
}

/**
 * The zone's offset in minutes throughout the local day named like a UTC day, or null if the
 * offset changes that day. Every instant of a local day lies within 14 hours of its UTC
 * namesake (offsets stay within ±14 h), so one offset at both ends of that window holds for it.
 */
export function steadyOffset(zone: IANAZone, dayUtcMs: number): number | null {
  const before = zone.offset(dayUtcMs - 14 * HOUR_MS);
  return before === zone.offset(dayUtcMs + 38 * HOUR_MS) ? before : null;
}

/** Per zone, the steady offset of each UTC day asked about: formatting is then arithmetic. */
const dayOffsets = new Map<string, Map<number, number | null>>();

function offsetAt(zone: string, minute: number): number {
  if (zone === 'UTC') return 0;

  let days = dayOffsets.get(zone);
  if (!days) {
    days = new Map();
    dayOffsets.set(zone, days);
  }
  const day = Math.floor(minute / MINUTES_PER_DAY);
  let offset = days.get(day);
  if (offset === undefined) {
    offset = steadyOffset(IANAZone.create(zone), day * MINUTES_PER_DAY * MS_PER_MINUTE);
    days.set(day, offset);
  }
  return offset ?? IANAZone.create(zone).offset(minute * MS_PER_MINUTE);
}

/**
 * An epoch minute as ISO 8601 without milliseconds, with the offset of `zone`: "Z" for the
 * "UTC" zone of the 24x7 calendar, "+01:00" and the like otherwise. The zone must be valid.
 *
 * @example formatInstant(29_412_570, 'Europe/Rome') // '2025-12-03T10:30:00+01:00'
 */
export function formatInstant(minute: number, zone: string): string {
  const offset = offsetAt(zone, minute);
  const local = new Date((minute + offset) * MS_PER_MINUTE).toISOString().slice(0, 19);
  if (zone === 'UTC') return `${local}Z`;

  const size = Math.abs(offset);
  const hours = String(Math.floor(size / 60)).padStart(2, '0');
  const minutes = String(size % 60).padStart(2, '0');
  return `${local}${offset < 0 ? '-' : '+'}${hours}:${minutes}`;
}
