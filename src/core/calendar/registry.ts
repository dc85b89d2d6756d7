/**
 * Prepared calendars, kept per configuration content so that the timers of many requests share
 * one set of year tables, and a configuration changed in place is never served stale tables.
 */
import { ROUND_THE_CLOCK, WEEKDAYS, type CalendarConfig } from '../config/types';
import { prepareCalendar, ROUND_THE_CLOCK_CALENDAR, type WorkingCalendar } from './calendar';
import { UnknownCalendarError } from './errors';

/** Distinct calendar contents kept at once; the oldest is dropped beyond this. */
const MAX_CACHED = 64;

const byContent = new Map<string, WorkingCalendar>();

function contentKey(config: CalendarConfig): string {
  return JSON.stringify([
    config.zone,
    WEEKDAYS.map((day) => config.hours[day]),
    config.holidays,
    config.closures,
  ]);
}

/** The prepared calendar for a configuration, prepared once and then shared. */
export function preparedCalendar(config: CalendarConfig, name?: string): WorkingCalendar {
  const key = contentKey(config);
  let calendar = byContent.get(key);
  if (calendar) {
    // Refreshes the entry's age, so that the calendars in use are the last to be dropped.
    byContent.delete(key);
  } else {
    calendar = prepareCalendar(config, name);
    if (byContent.size >= MAX_CACHED) byContent.delete(byContent.keys().next().value as string);
  }
  byContent.set(key, calendar);
  return calendar;
}

/**
 * The calendar a target names: the built-in "24x7", or one of the configured calendars.
 *
 * @example calendarNamed('support', defaultConfig().calendars).zone // 'Europe/Rome'
 */
export function calendarNamed(
  name: string,
  calendars: Readonly<Record<string, CalendarConfig>>,
): WorkingCalendar {
  if (name === ROUND_THE_CLOCK) return ROUND_THE_CLOCK_CALENDAR;
  if (!Object.hasOwn(calendars, name)) {
    throw new UnknownCalendarError(name, Object.keys(calendars));
  }

  return preparedCalendar(calendars[name], name);
}
