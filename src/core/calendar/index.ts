/** The business calendar: working minutes between instants, and instants after working minutes. */
export {
  FIRST_YEAR,
  LAST_YEAR,
  prepareCalendar,
  ROUND_THE_CLOCK_CALENDAR,
  type WorkingCalendar,
} from './calendar';
export {
  CalendarError,
  CalendarRangeError,
  InvalidCalendarError,
  InvalidInstantError,
  InvalidMinutesError,
  UnknownCalendarError,
} from './errors';
export { publicHolidays } from './holidays';
export { formatInstant, toEpochMinute } from './instants';
export { calendarNamed, preparedCalendar } from './registry';
