/**
 * Properties of the calendar's two primitives, checked on random instants over 2026 and 2027, and
 * against a minute-by-minute count that shares nothing with the interval tables but the holidays.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  prepareCalendar,
  publicHolidays,
  ROUND_THE_CLOCK_CALENDAR,
  toEpochMinute,
  type WorkingCalendar,
} from '../../src/core/calendar';
import { parseRange } from '../../src/core/config/validate';
import { defaultConfig } from '../../src/core/config/defaults';
import { WEEKDAYS, type CalendarConfig } from '../../src/core/config/types';

const FROM = toEpochMinute(new Date('2026-01-01T00:00:00+01:00'));
const TO = toEpochMinute(new Date('2028-01-01T00:00:00+01:00'));

const supportConfig = defaultConfig().calendars.support;
const closuresConfig: CalendarConfig = {
  ...supportConfig,
  closures: ['2026-03-30', '2026-12-07', '2027-03-26', '2027-11-02'],
};
const EVERY_DAY = ['00:00-24:00'];
const wallClockConfig: CalendarConfig = {
  zone: 'Europe/Rome',
  hours: {
    mon: EVERY_DAY,
    tue: EVERY_DAY,
    wed: EVERY_DAY,
    thu: EVERY_DAY,
    fri: EVERY_DAY,
    sat: ['08:00-12:00'],
    // Breaks on Sunday, the day of every DST change, so that the change's offsets matter.
    sun: ['01:00-04:00', '10:00-24:00'],
  },
  holidays: [],
  closures: ['2027-03-27'],
};

const CALENDARS: [string, CalendarConfig][] = [
  ['support', supportConfig],
  ['support with closures', closuresConfig],
  ['mostly open around the clock', wallClockConfig],
];

/** Whether one minute is working time, found from its local date and time alone. */
function isWorkingMinute(config: CalendarConfig, minute: number): boolean {
  const local = DateTime.fromMillis(minute * 60_000, { zone: config.zone });
  const date = local.toISODate() ?? '';
  const closed =
    config.closures.includes(date) ||
    config.holidays.some((country) => publicHolidays(country, local.year).has(date));
  if (closed) return false;

  const minuteOfDay = local.hour * 60 + local.minute;
  return config.hours[WEEKDAYS[local.weekday - 1]].some((text) => {
    const range = parseRange(text);
    return !('error' in range) && range.start <= minuteOfDay && minuteOfDay < range.end;
  });
}

const instant = fc.integer({ min: FROM, max: TO });
const minutes = fc.integer({ min: 0, max: 20_000 });

/** Instants near the days a careful reader would try: DST changes, holidays, closures, years. */
const EDGES = [
  '2026-01-01T00:00:00+01:00',
  '2026-03-28T00:00:00+01:00',
  '2026-04-04T00:00:00+02:00',
  '2026-10-03T00:00:00+02:00',
  '2026-10-24T00:00:00+02:00',
  '2026-12-05T00:00:00+01:00',
  '2026-12-31T00:00:00+01:00',
  '2027-03-27T00:00:00+01:00',
  '2027-10-02T00:00:00+02:00',
  '2027-10-30T00:00:00+02:00',
].map((iso) => toEpochMinute(new Date(iso)));
const nearEdge = fc
  .tuple(fc.constantFrom(...EDGES), fc.integer({ min: 0, max: 3 * 24 * 60 }))
  .map(([edge, offset]) => edge + offset);

describe.each(CALENDARS)('the %s calendar', (_name, config) => {
  const calendar = prepareCalendar(config);

  it('measures back the minutes it added', () => {
    fc.assert(
      fc.property(instant, minutes, (start, count) => {
        const end = calendar.addWorkingMinutes(start, count);
        return end !== null && calendar.workingMinutesBetween(start, end) === count;
      }),
    );
  });

  it('ends an addition at the first instant that completes it', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20_000 }), (start, count) => {
        const end = calendar.addWorkingMinutes(start, count)!;
        return calendar.workingMinutesBetween(start, end - 1) === count - 1;
      }),
    );
  });

  it('reaches the working minutes of a span no later than the span’s end', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const reached = calendar.addWorkingMinutes(
          start,
          calendar.workingMinutesBetween(start, end),
        );
        return reached !== null && reached <= end;
      }),
    );
  });

  it('measures additively over adjacent spans, in either direction', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const between = (x: number, y: number) => calendar.workingMinutesBetween(x, y);
        return between(a, b) + between(b, c) === between(a, c);
      }),
    );
  });

  it('gives the same total however a span is split', () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 2, maxLength: 12 }), (points) => {
        const cuts = [...points].sort((x, y) => x - y);
        const pieces = cuts
          .slice(1)
          .reduce((sum, cut, i) => sum + calendar.workingMinutesBetween(cuts[i], cut), 0);
        return pieces === calendar.workingMinutesBetween(cuts[0], cuts[cuts.length - 1]);
      }),
    );
  });

  it('agrees with a minute-by-minute count near DST changes, holidays and closures', () => {
    fc.assert(
      fc.property(nearEdge, fc.integer({ min: 0, max: 2 * 24 * 60 }), (start, length) => {
        let counted = 0;
        for (let minute = start; minute < start + length; minute++) {
          if (isWorkingMinute(config, minute)) counted++;
        }
        return calendar.workingMinutesBetween(start, start + length) === counted;
      }),
      { numRuns: 40 },
    );
  });

  it('never counts more working minutes than real ones', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 200_000 }), (start, length) => {
        const counted = calendar.workingMinutesBetween(start, start + length);
        return counted >= 0 && counted <= length;
      }),
    );
  });
});

describe('the 24x7 calendar', () => {
  const calendar: WorkingCalendar = ROUND_THE_CLOCK_CALENDAR;

  it('measures back the minutes it added and counts every real minute', () => {
    fc.assert(
      fc.property(instant, minutes, (start, count) => {
        const end = calendar.addWorkingMinutes(start, count)!;
        return end - start === count && calendar.workingMinutesBetween(start, end) === count;
      }),
    );
  });
});
