/** National public holidays, as the date-holidays library lists them (type "public" only). */
import Holidays from 'date-holidays';

const DAY_MS = 86_400_000;

interface CountryHolidays {
  source: Holidays;
  years: Map<number, ReadonlySet<string>>;
}

const byCountry = new Map<string, CountryHolidays>();

let knownCountries: ReadonlySet<string> | undefined;

/** Whether date-holidays knows the country code, for example "IT". */
export function isHolidayCountry(country: string): boolean {
  knownCountries ??= new Set(Object.keys(new Holidays().getCountries()));
  return knownCountries.has(country);
}

/**
 * The local dates (YYYY-MM-DD) closed by a country's public holidays that begin in `year`; a
 * holiday that lasts several days closes each of them. The caller checks the country first.
 *
 * @example publicHolidays('IT', 2027).has('2027-10-04') // true: San Francesco, a Monday
 */
export function publicHolidays(country: string, year: number): ReadonlySet<string> {
  let cached = byCountry.get(country);
  if (!cached) {
    cached = { source: new Holidays(country), years: new Map() };
    byCountry.set(country, cached);
  }

  let dates = cached.years.get(year);
  if (!dates) {
    dates = holidayDates(cached.source, year);
    cached.years.set(year, dates);
  }
  return dates;
}

function holidayDates(source: Holidays, year: number): ReadonlySet<string> {
  const dates = new Set<string>();
  for (const holiday of source.getHolidays(year)) {
    if (holiday.type !== 'public') continue;

    // `date` is the local first day, "YYYY-MM-DD hh:mm:ss"; start and end bound the whole holiday.
    const [y, m, d] = holiday.date.slice(0, 10).split('-').map(Number);
    const days = Math.max(
      1,
      Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS),
    );
    for (let k = 0; k < days; k++) {
      dates.add(new Date(Date.UTC(y, m - 1, d + k)).toISOString().slice(0, 10));
    }
  }
  return dates;
}
