/** Scenario files: what the parser accepts, what it refuses and how, and how expectations compare. */
import { parseScenario, type ScenarioProblem } from '../../src/core/sla/scenario';
import { checkScenario } from '../../src/core/sla/scenario-check';

const MINIMAL = {
  request: { kind: 'anomaly' },
  events: [{ at: '2026-12-03T09:00:00+01:00', type: 'created' }],
  now: '2026-12-03T10:00:00+01:00',
};

/** The problems found in the minimal scenario changed by `change`. */
function problemsOf(change: (scenario: Record<string, any>) => void): ScenarioProblem[] {
  const scenario = structuredClone(MINIMAL) as Record<string, any>;
  change(scenario);
  const parsed = parseScenario(JSON.stringify(scenario));
  return parsed.ok ? [] : parsed.problems;
}

describe('parseScenario', () => {
  it('reads a minimal scenario over the default configuration', () => {
    const parsed = parseScenario(JSON.stringify(MINIMAL));

    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.scenario.request).toEqual({ kind: 'anomaly', organization: null });
    expect(parsed.scenario.events).toEqual([
      { at: new Date('2026-12-03T08:00:00Z'), type: 'created' },
    ]);
    expect(parsed.scenario.config.severities['3'].responseMinutes).toBe(120);
    expect(parsed.scenario.expect).toEqual({});
  });

  it('accepts a description, a comment as text or lines, and extra fields on events', () => {
    expect(
      problemsOf((s) => {
        s.description = 'created at 09:00';
        s.comment = ['09:00-10:00 = 60'];
        s.events[0].recordedBy = 'agent';
      }),
    ).toEqual([]);
  });

  it('takes the kind from a catalogue request type', () => {
    const parsed = parseScenario(
      JSON.stringify({ ...MINIMAL, request: { requestType: 'Stampanti', organization: 'X' } }),
    );

    expect(parsed.ok && parsed.scenario.request).toEqual({ kind: 'anomaly', organization: 'X' });
  });

  it('merges the config over the defaults: objects merge, arrays replace', () => {
    const parsed = parseScenario(
      JSON.stringify({
        ...MINIMAL,
        config: { calendars: { support: { hours: { sat: ['09:00-12:00'] } } } },
      }),
    );

    expect(parsed.ok && parsed.scenario.config.calendars.support.hours).toMatchObject({
      mon: ['09:00-13:00', '14:00-18:00'],
      sat: ['09:00-12:00'],
    });
  });

  it('refuses text that is not JSON', () => {
    expect(parseScenario('{ "request": ')).toEqual({
      ok: false,
      problems: [{ path: '(file)', message: expect.stringMatching(/^not valid JSON: /) }],
    });
  });

  it('names each malformed event field', () => {
    const problems = problemsOf((s) => {
      s.events.push(
        { at: '2026-12-03T09:10:00+01:00', type: 'comment' },
        { at: '2026-12-03T09:20:00+01:00', type: 'severity', severity: 5 },
        { at: '2026-12-03T09:30:00+01:00', type: 'severity', severity: '2' },
        { at: '2026-12-03T09:40:00+01:00', type: 'status' },
        { at: '2026-12-03T09:50:00+01:00', type: 'external-cause', active: 'yes' },
      );
    });

    expect(problems).toEqual([
      {
        path: 'events[1].type',
        message: 'unknown event type; expected one of created, status, severity, external-cause',
      },
      {
        path: 'events[2].severity',
        message: 'expected a severity 1, 2, 3 or 4, or null to clear it, not 5',
      },
      {
        path: 'events[3].severity',
        message: 'expected a severity 1, 2, 3 or 4, or null to clear it, not "2"',
      },
      {
        path: 'events[4].status',
        message: 'missing; expected the policy status name, e.g. "In lavorazione"',
      },
      {
        path: 'events[5].active',
        message: 'expected true (the cause begins) or false (it ends), not "yes"',
      },
    ]);
  });

  it('refuses instants that are not ISO 8601 with an offset', () => {
    for (const at of [
      '2026-12-03T09:00:00',
      '2026-12-03',
      '03/12/2026 09:00',
      '2026-02-30T09:00Z',
    ]) {
      expect(problemsOf((s) => (s.events[0].at = at))).toEqual([
        {
          path: 'events[0].at',
          message: `"${at}" is not valid: expected an ISO 8601 date and time with an offset, e.g. "2026-12-03T09:10:00+01:00"`,
        },
      ]);
    }
    expect(problemsOf((s) => (s.now = '2026-12-03T10:00:00.000Z'))).toEqual([]);
    expect(problemsOf((s) => (s.now = '2026-12-03T10:00+0100'))).toEqual([]);
    expect(problemsOf((s) => delete s.now)).toEqual([
      {
        path: 'now',
        message:
          'missing; expected an ISO 8601 date and time with an offset, e.g. "2026-12-03T09:10:00+01:00"',
      },
    ]);
  });

  it('requires a created event', () => {
    expect(
      problemsOf(
        (s) => (s.events = [{ at: '2026-12-03T09:00+01:00', type: 'status', status: 'Aperta' }]),
      ),
    ).toEqual([
      { path: 'events', message: 'has no "created" event; add { "at": …, "type": "created" }' },
    ]);
  });

  it('reports the problems of the configuration under config', () => {
    const problems = problemsOf((s) => {
      s.config = {
        severities: { '2': { calendar: 'weekend' } },
        calendars: { support: { zone: 'Europe/Milano' } },
      };
    });

    expect(problems).toEqual([
      {
        path: 'config.calendars.support.zone',
        message: 'unknown time zone "Europe/Milano"; use an IANA name such as "Europe/Rome"',
      },
      {
        path: 'config.severities.2.calendar',
        message: 'unknown calendar "weekend"; use "24x7" or one of: support',
      },
    ]);
  });

  it('reports every problem at once, shape and configuration alike', () => {
    const problems = problemsOf((s) => {
      s.events[0].at = 'yesterday';
      s.config = { warningPercent: 120 };
    });

    expect(problems.map((problem) => problem.path)).toEqual([
      'events[0].at',
      'config.warningPercent',
    ]);
  });

  it('refuses a request that is not of a known kind or type', () => {
    expect(problemsOf((s) => (s.request = {}))).toEqual([
      {
        path: 'request',
        message: 'expected a kind (anomaly, service, suggestion) or a catalogue requestType',
      },
    ]);
    expect(problemsOf((s) => (s.request = { kind: 'incident' }))).toEqual([
      { path: 'request.kind', message: 'expected one of anomaly, service, suggestion' },
    ]);
    expect(problemsOf((s) => (s.request = { requestType: 'Stampante' }))).toEqual([
      {
        path: 'request.requestType',
        message: '"Stampante" is not in the catalogue; use its exact Italian name',
      },
    ]);
    expect(problemsOf((s) => (s.request = { requestType: 'Stampanti', kind: 'service' }))).toEqual([
      {
        path: 'request.kind',
        message: '"Stampanti" is of kind anomaly, not service; give one or the other',
      },
    ]);
  });

  it('refuses unknown fields in expect, which could never be compared', () => {
    expect(problemsOf((s) => (s.expect = { response: { elapsed: 60 }, resolutoin: {} }))).toEqual([
      {
        path: 'expect.response.elapsed',
        message: 'unknown field; remove it or check its spelling',
      },
      { path: 'expect.resolutoin', message: 'unknown field; remove it or check its spelling' },
    ]);
  });

  it('ignores other fields of the file and of its request', () => {
    expect(
      problemsOf((s) => {
        s.title = 'SD-123 as disputed';
        s.request.key = 'SD-123';
      }),
    ).toEqual([]);
  });
});

describe('checkScenario', () => {
  const withExpect = (expect: unknown) => JSON.stringify({ ...MINIMAL, expect });

  it('passes when every listed field matches, comparing instants as instants', () => {
    const outcome = checkScenario(
      withExpect({
        response: {
          elapsedMinutes: 60,
          startedAt: '2026-12-03T08:00:00Z',
          dueAt: '2026-12-03T11:00+01:00',
        },
      }),
      'a.json',
    );

    expect(outcome).toMatchObject({ file: 'a.json', status: 'passed' });
  });

  it('fails with the first difference', () => {
    const outcome = checkScenario(
      withExpect({ response: { elapsedMinutes: 60, state: 'paused', breached: true } }),
      'a.json',
    );

    expect(outcome).toMatchObject({
      status: 'failed',
      difference: { path: 'response.state', message: 'expected "paused", got "running"' },
    });
  });

  it('compares a missing timer with null', () => {
    const suggestion = JSON.stringify({
      ...MINIMAL,
      request: { kind: 'suggestion' },
      expect: { response: {} },
    });

    expect(checkScenario(suggestion, 's.json')).toMatchObject({
      status: 'failed',
      difference: { path: 'response', message: 'expected a timer, got none' },
    });
    expect(checkScenario(withExpect({ resolution: null }), 'a.json')).toMatchObject({
      status: 'failed',
      difference: { path: 'resolution', message: 'expected no timer, got one' },
    });
  });

  it('reports a history the engine cannot place as malformed', () => {
    const outcome = checkScenario(
      JSON.stringify({
        ...MINIMAL,
        events: [{ at: '2300-01-01T09:00:00Z', type: 'created' }],
        now: '2300-01-01T10:00:00Z',
      }),
      'far.json',
    );

    expect(outcome).toMatchObject({
      status: 'malformed',
      problems: [
        {
          path: '(history)',
          message: expect.stringContaining('outside the years the calendar covers'),
        },
      ],
    });
  });
});
