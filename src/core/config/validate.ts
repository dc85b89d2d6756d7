/**
 * Validation of the app's configuration. A configuration is accepted whole or refused whole, with
 * one problem per mistake, each naming the field path and saying what is expected there.
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { isHolidayCountry } from '../calendar/holidays';
import { REQUEST_TYPES } from '../catalogue';
import { GENERAL_STATUSES, SUGGESTION_STATUSES } from '../workflows';
import { ROUND_THE_CLOCK, SEVERITY_KEYS, WEEKDAYS, type PolicyConfig } from './types';

/** One thing wrong with a configuration. */
export interface ConfigProblem {
  /** Where it is, for example `calendars.support.hours.mon[1]`. */
  path: string;
  message: string;
}

export type ConfigValidation =
  { ok: true; config: PolicyConfig } | { ok: false; problems: ConfigProblem[] };

const RANGE = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,9}$/;
const URL_PLACEHOLDERS = ['{project}', '{version}'];

/** Minutes after midnight of "HH:MM", or null when it is not a time of day ("24:00" allowed). */
function minuteOfDay(hours: string, minutes: string): number | null {
  const h = Number(hours);
  const m = Number(minutes);
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return null;

  return h * 60 + m;
}

/** Start and end minute of a range such as "09:00-13:00", or a reason why it is not one. */
export function parseRange(range: string): { start: number; end: number } | { error: string } {
  const match = RANGE.exec(range);
  if (!match)
    return { error: `"${range}" is not a range; write it as HH:MM-HH:MM, e.g. 09:00-13:00` };

  const start = minuteOfDay(match[1], match[2]);
  const end = minuteOfDay(match[3], match[4]);
  if (start === null || end === null || start === 24 * 60) {
    return { error: `"${range}" has a time that does not exist; hours run 00:00-24:00` };
  }
  if (end <= start) {
    return { error: `"${range}" ends before it starts; the end must come after the start` };
  }
  return { start, end };
}

const minutes = (what: string) =>
  z
    .number({ error: `expected the ${what} target as a number of minutes` })
    .int({ error: `expected a whole number of minutes for the ${what} target` })
    .positive({ error: `expected a ${what} target of at least 1 minute` });

const calendarName = z.string({ error: 'expected the name of a calendar' });

function deskMapping(what: string) {
  const digits = { error: 'expected the id as a string of digits, or null' };
  return z
    .object(
      {
        id: z.string(digits).regex(/^\d+$/, digits).nullable(),
        name: z.string({ error: 'expected the exact name used in the service desk' }).min(1, {
          error: 'expected the exact name used in the service desk, not an empty string',
        }),
      },
      {
        error: (issue) =>
          issue.input === undefined
            ? `missing: map ${what} to the service desk with { "id": …, "name": … }`
            : 'expected { "id": …, "name": … }',
      },
    )
    .strict();
}

function mappingOf(names: readonly string[], what: string) {
  const shape = Object.fromEntries(names.map((name) => [name, deskMapping(`${what} "${name}"`)]));
  return z.object(shape, { error: `expected an object mapping every ${what}` }).strict();
}

const range = z
  .string({ error: 'expected a range such as "09:00-13:00"' })
  .superRefine((value, ctx) => {
    const parsed = parseRange(value);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

const calendar = z
  .object({
    zone: z
      .string({ error: 'expected an IANA time zone such as "Europe/Rome"' })
      .refine((zone) => IANAZone.isValidZone(zone), {
        error: (issue) =>
          `unknown time zone "${String(issue.input)}"; use an IANA name such as "Europe/Rome"`,
      }),
    hours: z
      .object(
        Object.fromEntries(
          WEEKDAYS.map((day) => [
            day,
            z.array(range, { error: 'expected a list of ranges, [] for a closed day' }),
          ]),
        ),
        { error: 'expected working hours for every weekday, mon to sun' },
      )
      .strict(),
    holidays: z.array(
      z.string({ error: 'expected a country code such as "IT"' }).refine(isHolidayCountry, {
        error: (issue) =>
          `unknown holiday country "${String(issue.input)}"; use a code such as "IT"`,
      }),
      { error: 'expected a list of country codes, such as ["IT"]' },
    ),
    closures: z.array(
      z
        .string({ error: 'expected a date as YYYY-MM-DD' })
        .refine((day) => DATE.test(day) && DateTime.fromISO(day).isValid, {
          error: (issue) => `"${String(issue.input)}" is not a date; write it as YYYY-MM-DD`,
        }),
      { error: 'expected a list of dates, such as ["2026-12-07"]' },
    ),
  })
  .strict();

const severityTarget = z
  .object(
    {
      responseMinutes: minutes('response'),
      resolutionMinutes: minutes('resolution'),
      calendar: calendarName,
    },
    {
      error: (issue) =>
        issue.input === undefined
          ? 'missing: give this severity its responseMinutes, resolutionMinutes and calendar'
          : 'expected { "responseMinutes": …, "resolutionMinutes": …, "calendar": … }',
    },
  )
  .strict();

const severityKeyError = { error: 'expected severity keys "1" to "4" only' };

const organization = z
  .object({
    severities: z
      .partialRecord(z.enum(SEVERITY_KEYS, severityKeyError), severityTarget.partial())
      .optional(),
  })
  .strict();

const developmentProject = z
  .object({
    product: z
      .string({ error: 'expected the product name' })
      .min(1, { error: 'expected the product name' }),
    releaseNotesUrl: z
      .string({ error: 'expected a URL template, or null' })
      .refine(isReleaseNotesTemplate, {
        error: 'expected an https URL that contains {version} (and optionally {project})',
      })
      .nullable(),
  })
  .strict();

const policySchema = z
  .object({
    serviceDeskId: z
      .string({ error: 'expected the service desk id as a string of digits, or null' })
      .regex(/^\d+$/, { error: 'expected the service desk id as a string of digits, or null' })
      .nullable(),
    statuses: z
      .object({
        general: mappingOf(GENERAL_STATUSES, 'status'),
        suggestion: mappingOf(SUGGESTION_STATUSES, 'status'),
      })
      .strict(),
    requestTypes: mappingOf(
      REQUEST_TYPES.map((type) => type.name),
      'request type',
    ),
    severitySource: z.discriminatedUnion(
      'kind',
      [
        z.object({ kind: z.literal('app-field') }).strict(),
        z
          .object({
            kind: z.literal('custom-field'),
            fieldId: z.string().regex(/^customfield_\d+$/, {
              error: 'expected a Jira field id such as "customfield_10050"',
            }),
          })
          .strict(),
      ],
      { error: 'expected { "kind": "app-field" } or { "kind": "custom-field", "fieldId": … }' },
    ),
    developmentProjects: z.record(
      z.string().regex(PROJECT_KEY, { error: 'expected a Jira project key such as "CNG"' }),
      developmentProject,
    ),
    calendars: z.record(
      z.string().refine((name) => name !== ROUND_THE_CLOCK && name.length > 0, {
        error: `expected a calendar name other than "${ROUND_THE_CLOCK}", which is built in`,
      }),
      calendar,
    ),
    severities: z.record(z.enum(SEVERITY_KEYS, severityKeyError), severityTarget),
    organizations: z.record(z.string().min(1), organization),
    warningPercent: z
      .number({ error: 'expected a percentage of the goal' })
      .int({ error: 'expected a whole percentage' })
      .min(1, { error: 'expected a percentage between 1 and 99' })
      .max(99, { error: 'expected a percentage between 1 and 99' }),
  })
  .strict();

function isReleaseNotesTemplate(template: string): boolean {
  if (!template.startsWith('https://') || !template.includes('{version}')) return false;

  const unknown = template.match(/\{[^}]*\}/g)?.filter((p) => !URL_PLACEHOLDERS.includes(p));
  return !unknown?.length && URL.canParse(template.replaceAll(/\{(project|version)\}/g, 'x'));
}

/** Formats a zod path the way an admin reads it: `organizations["Biblioteca civica"].severities`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    if (/^\w+$/.test(name)) return text ? `${text}.${name}` : name;
    return `${text}[${JSON.stringify(name)}]`;
  }, '');
}

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Cross-field checks, run on the raw input so that they are reported together with shape
 * problems: every calendar a target names exists, and no day's ranges overlap.
 */
function crossFieldProblems(value: unknown): ConfigProblem[] {
  if (!isObject(value)) return [];
  const calendars = isObject(value.calendars) ? value.calendars : {};
  const problems: ConfigProblem[] = [];

  const checkCalendarName = (path: PropertyKey[], name: unknown) => {
    if (typeof name !== 'string' || name === ROUND_THE_CLOCK || name in calendars) return;
    const defined = Object.keys(calendars).join(', ') || '(none defined)';
    problems.push({
      path: formatPath(path),
      message: `unknown calendar "${name}"; use "${ROUND_THE_CLOCK}" or one of: ${defined}`,
    });
  };

  const severities = isObject(value.severities) ? value.severities : {};
  for (const [key, target] of Object.entries(severities)) {
    if (isObject(target)) checkCalendarName(['severities', key, 'calendar'], target.calendar);
  }
  const organizations = isObject(value.organizations) ? value.organizations : {};
  for (const [org, override] of Object.entries(organizations)) {
    const targets = isObject(override) && isObject(override.severities) ? override.severities : {};
    for (const [key, target] of Object.entries(targets)) {
      const path = ['organizations', org, 'severities', key, 'calendar'];
      if (isObject(target)) checkCalendarName(path, target.calendar);
    }
  }

  for (const [name, cal] of Object.entries(calendars)) {
    const hours = isObject(cal) && isObject(cal.hours) ? cal.hours : {};
    for (const [day, list] of Object.entries(hours)) {
      if (Array.isArray(list) && rangesOverlap(list)) {
        problems.push({
          path: formatPath(['calendars', name, 'hours', day]),
          message: `ranges ${list.join(', ')} overlap; list separate ranges such as 09:00-13:00, 14:00-18:00`,
        });
      }
    }
  }
  return problems;
}

function rangesOverlap(list: unknown[]): boolean {
  const ranges = list
    .map((text) => (typeof text === 'string' ? parseRange(text) : { error: 'not a string' }))
    .filter((range): range is { start: number; end: number } => !('error' in range))
    .sort((a, b) => a.start - b.start);
  return ranges.some((range, i) => i > 0 && range.start < ranges[i - 1].end);
}

/**
 * Checks a whole configuration: its shape, then that every calendar it names exists and that no
 * day's working ranges overlap.
 *
 * @example validateConfig({ ...defaultConfig(), warningPercent: 120 })
 *   // { ok: false, problems: [{ path: 'warningPercent', message: 'expected a percentage …' }] }
 */
export function validateConfig(value: unknown): ConfigValidation {
  const parsed = policySchema.safeParse(value);
  const crossField = crossFieldProblems(value);
  if (!parsed.success || crossField.length > 0) {
    return { ok: false, problems: [...shapeProblems(parsed.error?.issues ?? []), ...crossField] };
  }

  return { ok: true, config: parsed.data as PolicyConfig };
}

function shapeProblems(issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  return issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      const inSeverities = issue.path[issue.path.length - 1] === 'severities';
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: inSeverities
          ? `unknown severity "${key}"; severities are "1" to "4"`
          : `unknown field "${key}"; remove it or check its spelling`,
      }));
    }
    if (issue.code === 'invalid_key') {
      const message = issue.issues[0]?.message ?? issue.message;
      return [{ path: formatPath(issue.path), message }];
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}
