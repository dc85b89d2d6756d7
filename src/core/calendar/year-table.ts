/**
 * One local year of a business calendar as a table of working intervals with cumulative minutes,
 * so that measuring and adding working time are two bisections instead of a walk over days.
 */
import { DateTime, IANAZone } from 'luxon';
import { MINUTES_PER_DAY, MS_PER_MINUTE, steadyOffset } from './instants';

/** A working range of one weekday, in minutes after local midnight; `end` may be 1440. */
export interface DayRange {
  start: number;
  end: number;
}

/** Working ranges per weekday, Monday first, each day's ranges sorted and not overlapping. */
export type WeeklyHours = readonly (readonly DayRange[])[];

/** The working intervals of one local year, [starts[i], ends[i]) in epoch minutes. */
export interface YearTable {
  year: number;
  /** Epoch minute of local midnight on 1 January. */
  start: number;
  /** Epoch minute of local midnight on 1 January of the next year. */
  end: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Working minutes of the year before interval i; the last entry is the year's total. */
  before: Int32Array;
}

const DAY_MS = MINUTES_PER_DAY * MS_PER_MINUTE;

/**
 * The epoch minute of a wall-clock time in a zone; a time skipped by a daylight-saving change is
 * moved forward by the change, as luxon does. `minuteOfDay` 1440 is the next day's midnight.
 *
 * @example wallClockMinute('Europe/Rome', Date.UTC(2026, 2, 29), 24 * 60)
 *   // 30 March 2026 00:00+02:00: the spring Sunday has 23 hours
 */
function wallClockMinute(zone: string, dayUtcMs: number, minuteOfDay: number): number {
  const wall = new Date(dayUtcMs + minuteOfDay * MS_PER_MINUTE);
  const local = DateTime.fromObject(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
    },
    { zone },
  );
  return Math.floor(local.toMillis() / MS_PER_MINUTE);
}

/**
 * Builds the table of one local year: every day that is not closed contributes its weekday's
 * ranges, placed on that day's wall clock; touching intervals are joined.
 */
export function buildYearTable(
  year: number,
  zone: string,
  weekly: WeeklyHours,
  isClosed: (date: string) => boolean,
): YearTable {
  const firstDay = Date.UTC(year, 0, 1);
  const nextYear = Date.UTC(year + 1, 0, 1);
  const ianaZone = IANAZone.create(zone);
  const starts: number[] = [];
  const ends: number[] = [];

  for (let day = firstDay; day < nextYear; day += DAY_MS) {
    const ranges = weekly[(new Date(day).getUTCDay() + 6) % 7];
    if (ranges.length === 0 || isClosed(new Date(day).toISOString().slice(0, 10))) continue;

    // Most days have one offset throughout; luxon places the times of a day that changes it.
    const offset = steadyOffset(ianaZone, day);
    const place = (minuteOfDay: number) =>
      offset === null
        ? wallClockMinute(zone, day, minuteOfDay)
        : day / MS_PER_MINUTE + minuteOfDay - offset;
    for (const range of ranges) {
      const start = place(range.start);
      const end = place(range.end);
      if (end <= start) continue;

      const last = ends.length - 1;
      if (last >= 0 && start <= ends[last]) ends[last] = Math.max(ends[last], end);
      else {
        starts.push(start);
        ends.push(end);
      }
    }
  }

  const before = new Int32Array(starts.length + 1);
  for (let i = 0; i < starts.length; i++) before[i + 1] = before[i] + ends[i] - starts[i];

  return {
    year,
    start: wallClockMinute(zone, firstDay, 0),
    end: wallClockMinute(zone, nextYear, 0),
    starts: Int32Array.from(starts),
    ends: Int32Array.from(ends),
    before,
  };
}

/** Working minutes of the table's year before `minute`, which must lie in the year. */
export function minutesBefore(table: YearTable, minute: number): number {
  const { starts, ends, before } = table;
  let low = 0;
  let high = starts.length;
  // Bisection for the number of intervals that start at or before `minute`.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[middle] <= minute) low = middle + 1;
    else high = middle;
  }
  if (low === 0) return 0;

  const i = low - 1;
  return before[i] + Math.min(minute, ends[i]) - starts[i];
}

/**
 * The first instant of the year at which `minutes` working minutes of the year have passed;
 * `minutes` must be between 1 and the year's total.
 */
export function instantAfter(table: YearTable, minutes: number): number {
  const { starts, before } = table;
  let low = 1;
  let high = starts.length;
  // Bisection for the first interval whose end completes the count.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before[middle] >= minutes) high = middle;
    else low = middle + 1;
  }

  const i = low - 1;
  return starts[i] + minutes - before[i];
}

/** The year's working minutes. */
export function yearTotal(table: YearTable): number {
  return table.before[table.before.length - 1];
}
