/**
 * Runs a scenario file and compares its timers with what it expects; the `scenarios` command and
 * the test suite both go through here, so that they can never disagree.
 */
import { CalendarError } from '../calendar';
import { computeTimers } from './engine';
import { SlaError } from './errors';
import { parseScenario, type ExpectedTimer, type Scenario, type ScenarioProblem } from './scenario';
import type { Timer, Timers } from './types';

export type ScenarioOutcome =
  | { file: string; status: 'passed'; timers: Timers | null }
  | { file: string; status: 'failed'; timers: Timers | null; difference: ScenarioProblem }
  | { file: string; status: 'malformed'; problems: ScenarioProblem[] };

const INSTANT_FIELDS: readonly (keyof Timer)[] = ['dueAt', 'startedAt', 'stoppedAt'];

/** The timers of a parsed scenario; a failure of the engine on its history becomes a problem. */
export function runScenario(
  scenario: Scenario,
): { ok: true; timers: Timers | null } | { ok: false; problem: ScenarioProblem } {
  try {
    const timers = computeTimers(scenario.request, scenario.events, scenario.config, scenario.now);
    return { ok: true, timers };
  } catch (error) {
    if (!(error instanceof SlaError || error instanceof CalendarError)) throw error;
    return { ok: false, problem: { path: '(history)', message: error.message } };
  }
}

function sameValue(field: keyof Timer, expected: unknown, actual: unknown): boolean {
  if (
    INSTANT_FIELDS.includes(field) &&
    typeof expected === 'string' &&
    typeof actual === 'string'
  ) {
    return new Date(expected).getTime() === new Date(actual).getTime();
  }
  return expected === actual;
}

function firstDifference(
  name: keyof Timers,
  expected: ExpectedTimer | null | undefined,
  actual: Timer | null,
): ScenarioProblem | null {
  if (expected === undefined) return null;
  if (expected === null || actual === null) {
    if (expected === actual) return null;
    return {
      path: name,
      message: expected === null ? 'expected no timer, got one' : 'expected a timer, got none',
    };
  }

  for (const [field, value] of Object.entries(expected) as [keyof Timer, unknown][]) {
    if (!sameValue(field, value, actual[field])) {
      return {
        path: `${name}.${field}`,
        message: `expected ${JSON.stringify(value)}, got ${JSON.stringify(actual[field])}`,
      };
    }
  }
  return null;
}

/**
 * Parses, runs and checks the text of one scenario file; `file` only labels the outcome.
 *
 * @example checkScenario(readFileSync(path, 'utf8'), path).status // 'passed'
 */
export function checkScenario(text: string, file: string): ScenarioOutcome {
  const parsed = parseScenario(text);
  if (!parsed.ok) return { file, status: 'malformed', problems: parsed.problems };

  const run = runScenario(parsed.scenario);
  if (!run.ok) return { file, status: 'malformed', problems: [run.problem] };

  const { timers } = run;
  const { expect } = parsed.scenario;
  const difference =
    firstDifference('response', expect.response, timers?.response ?? null) ??
    firstDifference('resolution', expect.resolution, timers?.resolution ?? null);
  return difference
    ? { file, status: 'failed', timers, difference }
    : { file, status: 'passed', timers };
}
