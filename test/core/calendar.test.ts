/** The business calendar: its two primitives, holidays, closures, daylight saving and caching. */
import {
  calendarNamed,
  CalendarRangeError,
  formatInstant,
  InvalidCalendarError,
  InvalidInstantError,
  InvalidMinutesError,
  prepareCalendar,
  preparedCalendar,
  publicHolidays,
  ROUND_THE_CLOCK_CALENDAR,
  toEpochMinute,
  UnknownCalendarError,
} from '../../src/core/calendar';
import { defaultConfig } from '../../src/core/config/defaults';
import type { CalendarConfig } from '../../src/core/config/types';

const at = (iso: string) => toEpochMinute(new Date(iso));
const rome = (minute: number | null) =>
  minute === null ? null : formatInstant(minute, 'Europe/Rome');

function supportConfig(change: Partial<CalendarConfig> = {}): CalendarConfig {
  return { ...defaultConfig().calendars.support, ...change };
}

const support = prepareCalendar(supportConfig(), 'support');

const EVERY_DAY = ['00:00-24:00'];
const wallClockDays = prepareCalendar(
  supportConfig({
    hours: {
      mon: EVERY_DAY,
      tue: EVERY_DAY,
      wed: EVERY_DAY,
      thu: EVERY_DAY,
      fri: EVERY_DAY,
      sat: EVERY_DAY,
      sun: EVERY_DAY,
    },
    holidays: [],
  }),
);

describe('workingMinutesBetween', () => {
  it('counts the working minutes of a day, less the lunch break', () => {
    expect(
      support.workingMinutesBetween(at('2026-12-03T08:00+01:00'), at('2026-12-03T20:00+01:00')),
    ).toBe(480);
    expect(
      support.workingMinutesBetween(at('2026-12-03T12:30+01:00'), at('2026-12-03T14:15+01:00')),
    ).toBe(45);
  });

  it('counts the minute that starts at the opening and not the one that starts at the closing', () => {
    expect(
      support.workingMinutesBetween(at('2026-12-03T09:00+01:00'), at('2026-12-03T09:01+01:00')),
    ).toBe(1);
    expect(
      support.workingMinutesBetween(at('2026-12-03T08:59+01:00'), at('2026-12-03T09:00+01:00')),
    ).toBe(0);
    expect(
      support.workingMinutesBetween(at('2026-12-03T17:59+01:00'), at('2026-12-03T18:00+01:00')),
    ).toBe(1);
    expect(
      support.workingMinutesBetween(at('2026-12-03T18:00+01:00'), at('2026-12-03T18:01+01:00')),
    ).toBe(0);
  });

  it('skips the weekend and national holidays', () => {
    // Friday 4 to Wednesday 9 December 2026: Monday counts, Tuesday 8 is the Immacolata.
    expect(
      support.workingMinutesBetween(at('2026-12-04T17:00+01:00'), at('2026-12-09T10:00+01:00')),
    ).toBe(60 + 480 + 60);
  });

  it('is negative when the end comes first', () => {
    expect(
      support.workingMinutesBetween(at('2026-12-03T11:00+01:00'), at('2026-12-03T10:00+01:00')),
    ).toBe(-60);
  });

  it('counts 254 working days in 2026 and in 2027', () => {
    const year = (y: number) =>
      support.workingMinutesBetween(
        at(`${y}-01-01T00:00+01:00`),
        at(`${y + 1}-01-01T00:00+01:00`),
      ) / 480;

    // Each year has 261 weekdays, and 7 national holidays fall on one of them.
    expect(year(2026)).toBe(254);
    expect(year(2027)).toBe(254);
  });

  it('gives the same answers whatever order the years are first asked in', () => {
    const fresh = prepareCalendar(supportConfig());
    const spans: [string, string][] = [
      ['2027-06-01T10:00+02:00', '2027-06-03T10:00+02:00'],
      ['2025-12-30T10:00+01:00', '2026-01-07T10:00+01:00'],
      ['2024-02-28T10:00+01:00', '2028-03-01T10:00+01:00'],
    ];
    const answers = spans.map(([a, b]) => fresh.workingMinutesBetween(at(a), at(b)));

    expect(answers).toEqual(spans.map(([a, b]) => support.workingMinutesBetween(at(a), at(b))));
    // Tuesday 30 December 2025 from 10:00, the 31st, Friday 2 and Monday 5 January 2026 count; the
    // 1st and the Epifania on the 6th do not; then Wednesday 7 until 10:00.
    expect(answers[1]).toBe(420 + 480 + 480 + 480 + 60);
  });

  it('keeps working hours on the wall clock across daylight-saving changes', () => {
    // Friday 27 March 2026 17:00+01:00 to Monday 30 March 09:30+02:00.
    expect(support.workingMinutesBetween(at('2026-03-27T16:00Z'), at('2026-03-30T07:30Z'))).toBe(
      90,
    );
    expect(rome(support.addWorkingMinutes(at('2026-03-27T17:59+01:00'), 1))).toBe(
      '2026-03-27T18:00:00+01:00',
    );
    expect(rome(support.addWorkingMinutes(at('2026-03-27T18:00+01:00'), 1))).toBe(
      '2026-03-30T09:01:00+02:00',
    );
  });

  it('gives a day open 00:00-24:00 23 hours in spring and 25 in autumn', () => {
    const day = (from: string, to: string) => wallClockDays.workingMinutesBetween(at(from), at(to));

    expect(day('2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00')).toBe(23 * 60);
    expect(day('2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00')).toBe(25 * 60);
    expect(day('2027-03-28T00:00+01:00', '2027-03-29T00:00+02:00')).toBe(23 * 60);
    expect(day('2027-10-31T00:00+02:00', '2027-11-01T00:00+01:00')).toBe(25 * 60);
  });

  it('refuses instants outside the years it covers, and instants that are not whole minutes', () => {
    const fresh = prepareCalendar(supportConfig());
    const lastDays = at('2100-12-30T10:00Z');

    expect(() => fresh.workingMinutesBetween(lastDays, at('2101-01-02T10:00Z'))).toThrow(
      new CalendarRangeError('2101-01-02T11:00:00+01:00', 2000, 2100),
    );
    expect(() =>
      prepareCalendar(supportConfig()).workingMinutesBetween(
        at('2000-01-02T10:00Z'),
        at('1999-12-30T10:00Z'),
      ),
    ).toThrow(/1999-12-30T11:00:00\+01:00 is outside the years the calendar covers \(2000–2100\)/);
    // A wild date fails at once, without building the years up to it.
    expect(() => support.workingMinutesBetween(0, at('2026-12-03T10:00Z'))).toThrow(
      CalendarRangeError,
    );
    expect(fresh.addWorkingMinutes(lastDays, 480 * 3)).toBeNull();
    expect(() => support.workingMinutesBetween(Number.NaN, 0)).toThrow(InvalidInstantError);
    expect(() => support.workingMinutesBetween(0.5, 3)).toThrow(InvalidInstantError);
  });
});

describe('addWorkingMinutes', () => {
  it('ends a count at the end of its last working minute', () => {
    expect(rome(support.addWorkingMinutes(at('2026-12-03T12:00+01:00'), 60))).toBe(
      '2026-12-03T13:00:00+01:00',
    );
    expect(rome(support.addWorkingMinutes(at('2026-12-03T12:00+01:00'), 61))).toBe(
      '2026-12-03T14:01:00+01:00',
    );
  });

  it('starts counting at the next opening when it starts outside working time', () => {
    expect(rome(support.addWorkingMinutes(at('2026-12-03T20:00+01:00'), 60))).toBe(
      '2026-12-04T10:00:00+01:00',
    );
    expect(rome(support.addWorkingMinutes(at('2026-12-07T17:30+01:00'), 60))).toBe(
      '2026-12-09T09:30:00+01:00',
    );
  });

  it('gives the start back for zero minutes, even outside working time', () => {
    expect(support.addWorkingMinutes(at('2026-12-05T03:00+01:00'), 0)).toBe(
      at('2026-12-05T03:00+01:00'),
    );
  });

  it('crosses into the next year', () => {
    // Thursday 31 December 2026 17:30 + 60: 30 that day, Friday 1 January is a holiday, then the
    // weekend, and 30 on Monday 4 January.
    expect(rome(support.addWorkingMinutes(at('2026-12-31T17:30+01:00'), 60))).toBe(
      '2027-01-04T09:30:00+01:00',
    );
  });

  it('refuses a count that is negative or not whole', () => {
    expect(() => support.addWorkingMinutes(0, -1)).toThrow(InvalidMinutesError);
    expect(() => support.addWorkingMinutes(0, 1.5)).toThrow(InvalidMinutesError);
    expect(() => ROUND_THE_CLOCK_CALENDAR.addWorkingMinutes(0, -1)).toThrow(InvalidMinutesError);
  });

  it('returns null on a calendar that never opens', () => {
    const closed = prepareCalendar(
      supportConfig({ hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }),
    );

    expect(closed.addWorkingMinutes(at('2026-12-03T10:00+01:00'), 1)).toBeNull();
    expect(
      closed.workingMinutesBetween(at('2026-12-03T10:00+01:00'), at('2027-12-03T10:00+01:00')),
    ).toBe(0);
  });
});

describe('the holidays and closures', () => {
  it('lists Italy’s public holidays, with San Francesco from 2026 and not the observances', () => {
    expect([...publicHolidays('IT', 2026)].sort()).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-04-25',
      '2026-05-01',
      '2026-06-02',
      '2026-08-15',
      '2026-10-04',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(publicHolidays('IT', 2027).has('2027-03-29')).toBe(true);
    expect(publicHolidays('IT', 2025).has('2025-10-04')).toBe(false);
  });

  it('closes San Francesco on Monday 4 October 2027', () => {
    expect(
      support.workingMinutesBetween(at('2027-10-04T00:00+02:00'), at('2027-10-05T00:00+02:00')),
    ).toBe(0);
    expect(
      support.workingMinutesBetween(at('2027-10-05T00:00+02:00'), at('2027-10-06T00:00+02:00')),
    ).toBe(480);
  });

  it('closes the extra closure dates as whole days in the calendar’s zone', () => {
    const patron = prepareCalendar(supportConfig({ closures: ['2026-12-07'] }));

    expect(
      patron.workingMinutesBetween(at('2026-12-07T00:00+01:00'), at('2026-12-08T00:00+01:00')),
    ).toBe(0);
    expect(
      patron.workingMinutesBetween(at('2026-12-04T00:00+01:00'), at('2026-12-10T00:00+01:00')),
    ).toBe(480 * 2);
  });

  it('opens on holidays when the calendar has no holiday country', () => {
    const noHolidays = prepareCalendar(supportConfig({ holidays: [] }));

    expect(
      noHolidays.workingMinutesBetween(at('2026-12-08T00:00+01:00'), at('2026-12-09T00:00+01:00')),
    ).toBe(480);
  });
});

describe('the 24x7 calendar', () => {
  it('counts real minutes, so DST nights have 23 and 25 hours', () => {
    const night = (from: string, to: string) =>
      ROUND_THE_CLOCK_CALENDAR.workingMinutesBetween(at(from), at(to));

    expect(night('2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00')).toBe(23 * 60);
    expect(night('2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00')).toBe(25 * 60);
    expect(ROUND_THE_CLOCK_CALENDAR.addWorkingMinutes(at('2026-12-25T10:00Z'), 90)).toBe(
      at('2026-12-25T11:30Z'),
    );
    expect(ROUND_THE_CLOCK_CALENDAR.zone).toBe('UTC');
  });
});

describe('prepareCalendar', () => {
  it('names the field of a configuration it cannot use', () => {
    expect(() => prepareCalendar(supportConfig({ zone: 'Europe/Milano' }), 'support')).toThrow(
      new InvalidCalendarError(
        'support.zone',
        'unknown time zone "Europe/Milano"; use an IANA name such as "Europe/Rome"',
      ),
    );
    const badHours = supportConfig();
    badHours.hours = { ...badHours.hours, tue: ['09:00-13:00', '14:00-12:00'] };
    expect(() => prepareCalendar(badHours, 'support')).toThrow(/support\.hours\.tue\[1\]/);
    expect(() => prepareCalendar(supportConfig({ holidays: ['XX'] }), 'support')).toThrow(
      /support\.holidays\[0\]/,
    );
    expect(() => prepareCalendar(supportConfig({ closures: ['2026-02-30'] }), 'support')).toThrow(
      /support\.closures\[0\]/,
    );
  });
});

describe('calendarNamed', () => {
  it('shares one prepared calendar between configurations with the same content', () => {
    const first = calendarNamed('support', defaultConfig().calendars);

    expect(calendarNamed('support', defaultConfig().calendars)).toBe(first);
    expect(preparedCalendar(supportConfig({ closures: ['2026-12-07'] }))).not.toBe(first);
  });

  it('serves fresh tables after a configuration is changed in place', () => {
    const calendars = defaultConfig().calendars;
    const before = calendarNamed('support', calendars);
    calendars.support.closures = ['2026-12-09'];

    expect(calendarNamed('support', calendars)).not.toBe(before);
    expect(
      calendarNamed('support', calendars).workingMinutesBetween(
        at('2026-12-09T00:00+01:00'),
        at('2026-12-10T00:00+01:00'),
      ),
    ).toBe(0);
  });

  it('knows the built-in 24x7 calendar and refuses names it does not know', () => {
    expect(calendarNamed('24x7', {})).toBe(ROUND_THE_CLOCK_CALENDAR);
    expect(() => calendarNamed('weekend', defaultConfig().calendars)).toThrow(UnknownCalendarError);
    expect(() => calendarNamed('toString', defaultConfig().calendars)).toThrow(
      /unknown calendar "toString"/,
    );
  });
});

describe('formatInstant', () => {
  it('prints ISO 8601 without milliseconds, with the zone’s offset or Z', () => {
    expect(formatInstant(at('2025-12-03T09:30Z'), 'Europe/Rome')).toBe('2025-12-03T10:30:00+01:00');
    expect(formatInstant(at('2026-07-01T09:30Z'), 'Europe/Rome')).toBe('2026-07-01T11:30:00+02:00');
    expect(formatInstant(at('2026-07-01T09:30:45.123Z'), 'UTC')).toBe('2026-07-01T09:30:00Z');
    expect(formatInstant(29_412_570, 'Europe/Rome')).toBe('2025-12-03T10:30:00+01:00');
  });
});
