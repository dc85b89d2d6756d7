/**
 * Business calendars: working time between two instants, and the instant a number of working
 * minutes after a start. Instants are epoch minutes (see instants.ts). A prepared calendar builds
 * one table per local year when first needed; every later call costs two bisections.
 */
import { IANAZone, DateTime } from 'luxon';
import { parseRange } from '../config/validate';
import { WEEKDAYS, type CalendarConfig } from '../config/types';
import {
  CalendarRangeError,
  InvalidCalendarError,
  InvalidInstantError,
  InvalidMinutesError,
} from './errors';
import { isHolidayCountry, publicHolidays } from './holidays';
import { formatInstant, MS_PER_MINUTE } from './instants';
import {
  buildYearTable,
  instantAfter,
  minutesBefore,
  yearTotal,
  type DayRange,
  type WeeklyHours,
  type YearTable,
} from './year-table';

/**
 * The years a business calendar builds working time for. Every request of a service desk falls
 * well inside them; a date outside them is a mistake to report, not decades of tables to build.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

const CLOSURE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Average minutes in a year; a first guess of which table holds an instant. */
const MINUTES_PER_YEAR = 525_949;

/** Working time on a calendar, measured in whole minutes between epoch minutes. */
export interface WorkingCalendar {
  /** The zone in which the calendar's instants are shown: "UTC" for the 24x7 calendar. */
  readonly zone: string;
  /**
   * Working minutes in [from, to); negative when `to` comes before `from`.
   *
   * @example workingMinutesBetween(Thu 12:00, Thu 14:30) // 90 on the support calendar
   */
  workingMinutesBetween(from: number, to: number): number;
  /**
   * The first instant at which `minutes` working minutes after `start` have passed: the end of
   * a working minute, so a count that ends with the morning ends at 13:00, not at 14:00. Zero
   * minutes give `start` back. Null when the calendar has no such instant in the years it covers.
   *
   * @example addWorkingMinutes(Fri 17:30, 60) // Mon 09:30 on the support calendar
   */
  addWorkingMinutes(start: number, minutes: number): number | null;
}

function checkMinutes(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 0) throw new InvalidMinutesError(minutes);
}

/** The built-in 24x7 calendar: every real minute counts, so DST nights have 23 or 25 hours. */
export const ROUND_THE_CLOCK_CALENDAR: WorkingCalendar = {
  zone: 'UTC',
  workingMinutesBetween: (from, to) => to - from,
  addWorkingMinutes(start, minutes) {
    checkMinutes(minutes);
    return start + minutes;
  },
};

class BusinessCalendar implements WorkingCalendar {
  /** Tables of consecutive years, oldest first. */
  private readonly tables: YearTable[] = [];
  /** Working minutes from the first table's start to each table's start; one more at the end. */
  private offsets: number[] = [0];

  constructor(
    readonly zone: string,
    private readonly weekly: WeeklyHours,
    private readonly closures: ReadonlySet<string>,
    private readonly holidayCountries: readonly string[],
  ) {}

  workingMinutesBetween(from: number, to: number): number {
    if (from === to) return 0;

    // Both ends are covered before either is measured: covering may add earlier years.
    this.cover(from);
    this.cover(to);
    return this.minutesSinceFirstYear(to) - this.minutesSinceFirstYear(from);
  }

  addWorkingMinutes(start: number, minutes: number): number | null {
    checkMinutes(minutes);
    if (minutes === 0) return start;
    if (this.weekly.every((ranges) => ranges.length === 0)) return null;

    this.cover(start);
    const target = this.minutesSinceFirstYear(start) + minutes;
    while (this.offsets[this.tables.length] < target) {
      if (!this.appendYear()) return null;
    }

    // Bisection for the first year whose end reaches the target.
    let low = 0;
    let high = this.tables.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.offsets[middle + 1] >= target) high = middle;
      else low = middle + 1;
    }
    return instantAfter(this.tables[low], target - this.offsets[low]);
  }

  private minutesSinceFirstYear(minute: number): number {
    const i = this.tableIndex(minute);
    return this.offsets[i] + minutesBefore(this.tables[i], minute);
  }

  /** The index of the table holding a covered minute: a guess from the year's length, adjusted. */
  private tableIndex(minute: number): number {
    const tables = this.tables;
    let i = Math.min(
      tables.length - 1,
      Math.max(0, Math.floor((minute - tables[0].start) / MINUTES_PER_YEAR)),
    );
    while (minute < tables[i].start) i--;
    while (minute >= tables[i].end) i++;
    return i;
  }

  /** Builds the tables needed for `minute`, keeping the covered years consecutive. */
  private cover(minute: number): void {
    if (!Number.isSafeInteger(minute)) throw new InvalidInstantError(minute);
    const tables = this.tables;
    if (tables.length > 0 && minute >= tables[0].start && minute < tables[tables.length - 1].end) {
      return;
    }

    // Checked before building anything, so that a wild date fails at once.
    const year = DateTime.fromMillis(minute * MS_PER_MINUTE, { zone: this.zone }).year;
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new CalendarRangeError(formatInstant(minute, this.zone), FIRST_YEAR, LAST_YEAR);
    }

    if (tables.length === 0) {
      tables.push(this.buildYear(year));
      this.offsets = [0, yearTotal(tables[0])];
    }
    while (minute < tables[0].start) {
      tables.unshift(this.buildYear(tables[0].year - 1));
      // Offsets count from the first table, so adding an earlier year shifts all of them.
      this.offsets = [0];
      tables.forEach((table, i) => this.offsets.push(this.offsets[i] + yearTotal(table)));
    }
    while (minute >= tables[tables.length - 1].end) this.appendYear();
  }

  private appendYear(): boolean {
    const year = this.tables[this.tables.length - 1].year + 1;
    if (year > LAST_YEAR) return false;

    const table = this.buildYear(year);
    this.tables.push(table);
    this.offsets.push(this.offsets[this.offsets.length - 1] + yearTotal(table));
    return true;
  }

  private buildYear(year: number): YearTable {
    // A holiday of the year before may last into this one.
    const holidays = this.holidayCountries.flatMap((country) => [
      publicHolidays(country, year - 1),
      publicHolidays(country, year),
    ]);
    const isClosed = (date: string) =>
      this.closures.has(date) || holidays.some((dates) => dates.has(date));
    return buildYearTable(year, this.zone, this.weekly, isClosed);
  }
}

function weeklyHours(config: CalendarConfig, name: string): WeeklyHours {
  return WEEKDAYS.map((day) => {
    const ranges = config.hours[day] ?? [];
    const parsed = ranges.map((text, i): DayRange => {
      const range = parseRange(text);
      if (!('error' in range)) return range;

      throw new InvalidCalendarError(`${name}.hours.${day}[${i}]`, range.error);
    });
    return parsed.sort((a, b) => a.start - b.start);
  });
}

/**
 * Prepares a business calendar from its configuration; `name` only labels errors. Tables are
 * built later, one local year at a time, when an instant of that year is first measured.
 *
 * @example prepareCalendar(defaultConfig().calendars.support).workingMinutesBetween(a, b)
 */
export function prepareCalendar(config: CalendarConfig, name = 'calendar'): WorkingCalendar {
  if (!IANAZone.isValidZone(config.zone)) {
    throw new InvalidCalendarError(
      `${name}.zone`,
      `unknown time zone "${config.zone}"; use an IANA name such as "Europe/Rome"`,
    );
  }
  config.holidays.forEach((country, i) => {
    if (!isHolidayCountry(country)) {
      throw new InvalidCalendarError(
        `${name}.holidays[${i}]`,
        `unknown holiday country "${country}"; use a code such as "IT"`,
      );
    }
  });
  config.closures.forEach((date, i) => {
    if (!CLOSURE_DATE.test(date) || !DateTime.fromISO(date).isValid) {
      throw new InvalidCalendarError(
        `${name}.closures[${i}]`,
        `"${date}" is not a date; write it as YYYY-MM-DD`,
      );
    }
  });

  return new BusinessCalendar(config.zone, weeklyHours(config, name), new Set(config.closures), [
    ...new Set(config.holidays),
  ]);
}
