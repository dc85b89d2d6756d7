/**
 * SLA scenario files (SPEC §9): a request's history, a configuration and `now`, with the timers
 * expected. Parsing checks everything and names the path of each bad field.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { findRequestType, REQUEST_KINDS } from '../catalogue';
import { defaultConfig } from '../config/defaults';
import { deepMerge } from '../config/merge';
import type { PolicyConfig } from '../config/types';
import { formatPath, validateConfig } from '../config/validate';
import type { SlaEvent, SlaRequest, Timer } from './types';

/** What a scenario expects of one timer: only the fields listed are compared. */
export type ExpectedTimer = Partial<Timer>;

export interface Scenario {
  description: string | null;
  request: SlaRequest;
  events: SlaEvent[];
  now: Date;
  /** The default configuration with the scenario's overrides merged in, validated. */
  config: PolicyConfig;
  /** Per timer: the fields expected, null when no timer is expected (a suggestion), or absent. */
  expect: { response?: ExpectedTimer | null; resolution?: ExpectedTimer | null };
}

/** One thing wrong with a scenario file, at a field path such as `events[2].severity`. */
export interface ScenarioProblem {
  path: string;
  message: string;
}

export type ScenarioParse =
  { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

const ISO_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

const INSTANT_HINT =
  'expected an ISO 8601 date and time with an offset, e.g. "2026-12-03T09:10:00+01:00"';

/** Whether a string is an ISO 8601 date-time with an explicit offset (or Z). */
function isIsoInstant(text: string): boolean {
  return ISO_WITH_OFFSET.test(text) && DateTime.fromISO(text, { setZone: true }).isValid;
}

function instantOf(text: string): Date {
  return DateTime.fromISO(text, { setZone: true }).toJSDate();
}

/** A message that says "missing" when the field is absent, and what is expected otherwise. */
function expected(what: string) {
  return (issue: { input: unknown }) =>
    issue.input === undefined ? `missing; ${what}` : `${what}, not ${JSON.stringify(issue.input)}`;
}

const instant = z.string({ error: expected(INSTANT_HINT) }).refine(isIsoInstant, {
  error: (issue) => `"${String(issue.input)}" is not valid: ${INSTANT_HINT}`,
});

const severity = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.null()], {
  error: expected('expected a severity 1, 2, 3 or 4, or null to clear it'),
});

const STATUS_HINT = 'expected the policy status name, e.g. "In lavorazione"';

const EVENT_TYPES = ['created', 'status', 'severity', 'external-cause'] as const;

// Extra fields on an event (who recorded it, say) are allowed and ignored.
const event = z.discriminatedUnion(
  'type',
  [
    z.object({ at: instant, type: z.literal('created') }),
    z.object({
      at: instant,
      type: z.literal('status'),
      status: z.string({ error: expected(STATUS_HINT) }).min(1, { error: expected(STATUS_HINT) }),
    }),
    z.object({ at: instant, type: z.literal('severity'), severity }),
    z.object({
      at: instant,
      type: z.literal('external-cause'),
      active: z.boolean({ error: expected('expected true (the cause begins) or false (it ends)') }),
      reason: z.string({ error: 'expected the reason as text' }).optional(),
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' && 'discriminator' in issue
        ? `unknown event type; expected one of ${EVENT_TYPES.join(', ')}`
        : 'expected an event object such as { "at": …, "type": "created" }',
  },
);

const minutes = z.int({ error: 'expected a whole number of minutes' });

const expectedTimer = z
  .strictObject({
    state: z.enum(['not-started', 'running', 'paused', 'completed'], {
      error: 'expected not-started, running, paused or completed',
    }),
    goalMinutes: minutes,
    elapsedMinutes: minutes,
    remainingMinutes: minutes,
    breached: z.boolean({ error: 'expected true or false' }),
    dueAt: instant.nullable(),
    startedAt: instant.nullable(),
    stoppedAt: instant.nullable(),
    pauseReason: z
      .enum(['waiting', 'external-cause'], {
        error: 'expected waiting, external-cause or null',
      })
      .nullable(),
  })
  .partial()
  .nullable();

// Fields of the file and of its request beyond these (a title, notes, an issue key) are ignored;
// inside `expect` an unknown field is refused, since it could never be compared.
const scenarioSchema = z.object({
  description: z.string({ error: 'expected text' }).optional(),
  comment: z
    .union([z.string(), z.array(z.string())], { error: 'expected text, or a list of lines' })
    .optional(),
  config: z
    .record(z.string(), z.unknown(), { error: 'expected an object of overrides' })
    .optional(),
  request: z.object(
    {
      kind: z
        .enum(REQUEST_KINDS, { error: `expected one of ${REQUEST_KINDS.join(', ')}` })
        .optional(),
      requestType: z
        .string({ error: 'expected a request type name from the catalogue' })
        .optional(),
      organization: z.string({ error: 'expected the organization name, or null' }).nullish(),
    },
    { error: 'expected { "kind": …, "organization": … }' },
  ),
  events: z.array(event, { error: 'expected a list of events' }),
  now: instant,
  expect: z
    .strictObject(
      { response: expectedTimer.optional(), resolution: expectedTimer.optional() },
      { error: 'expected { "response": {…}, "resolution": {…} }' },
    )
    .optional(),
});

type RawScenario = z.infer<typeof scenarioSchema>;

function shapeProblems(issues: readonly z.core.$ZodIssue[]): ScenarioProblem[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: 'unknown field; remove it or check its spelling',
      }));
    }
    return [{ path: formatPath(issue.path) || '(file)', message: issue.message }];
  });
}

function requestOf(raw: RawScenario['request'], problems: ScenarioProblem[]): SlaRequest {
  const organization = raw.organization ?? null;
  if (raw.requestType === undefined) {
    if (raw.kind === undefined) {
      problems.push({
        path: 'request',
        message: 'expected a kind (anomaly, service, suggestion) or a catalogue requestType',
      });
    }
    return { kind: raw.kind ?? 'anomaly', organization };
  }

  const type = findRequestType(raw.requestType);
  if (!type) {
    problems.push({
      path: 'request.requestType',
      message: `"${raw.requestType}" is not in the catalogue; use its exact Italian name`,
    });
  } else if (raw.kind !== undefined && raw.kind !== type.kind) {
    problems.push({
      path: 'request.kind',
      message: `"${raw.requestType}" is of kind ${type.kind}, not ${raw.kind}; give one or the other`,
    });
  }
  return { kind: type?.kind ?? raw.kind ?? 'anomaly', organization };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function configOf(overrides: unknown, problems: ScenarioProblem[]): PolicyConfig {
  const merged = deepMerge(defaultConfig(), overrides ?? {});
  const validation = validateConfig(merged);
  if (validation.ok) return validation.config;

  for (const problem of validation.problems) {
    problems.push({
      path: problem.path ? `config.${problem.path}` : 'config',
      message: problem.message,
    });
  }
  return merged;
}

/**
 * Parses and checks the text of a scenario file: JSON, the shape of every field, a `created`
 * event, a known request type, and the configuration once merged over the defaults.
 *
 * @example parseScenario('{"request":{"kind":"service"},"events":[],"now":"2026-12-03T10:00Z"}')
 *   // { ok: false, problems: [{ path: 'events', message: 'has no "created" event; …' }] }
 */
export function parseScenario(text: string): ScenarioParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problems: [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }],
    };
  }

  const parsed = scenarioSchema.safeParse(json);
  const problems = parsed.success ? [] : shapeProblems(parsed.error.issues);
  // The configuration and the created event are checked even when other fields are malformed.
  const fields = isRecord(json) ? json : {};
  const config =
    isRecord(fields.config) || fields.config === undefined
      ? configOf(fields.config, problems)
      : null;
  if (
    Array.isArray(fields.events) &&
    !fields.events.some((e) => isRecord(e) && e.type === 'created')
  ) {
    problems.push({
      path: 'events',
      message: 'has no "created" event; add { "at": …, "type": "created" }',
    });
  }
  if (!parsed.success || config === null) return { ok: false, problems };

  const raw = parsed.data;
  const request = requestOf(raw.request, problems);
  if (problems.length > 0) return { ok: false, problems };

  const events = raw.events.map((e): SlaEvent => ({ ...e, at: instantOf(e.at) }));
  return {
    ok: true,
    scenario: {
      description: raw.description ?? null,
      request,
      events,
      now: instantOf(raw.now),
      config,
      expect: raw.expect ?? {},
    },
  };
}
