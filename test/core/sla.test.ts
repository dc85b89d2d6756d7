/** The SLA engine's API as the Forge trigger calls it: inputs, outputs and failures. */
import { UnknownCalendarError } from '../../src/core/calendar';
import { defaultConfig } from '../../src/core/config/defaults';
import { deepMerge } from '../../src/core/config/merge';
import type { SlaConfig } from '../../src/core/config/types';
import {
  computeTimers,
  InvalidHistoryError,
  MissingCreatedEventError,
  provisionalSeverity,
  severityTarget,
  type SlaEvent,
} from '../../src/core/sla';

const at = (iso: string) => new Date(iso);

/** Thursday 3 December 2026: created 09:10, severity 2 and taken in charge 09:30, resolved 16:40. */
const HISTORY: SlaEvent[] = [
  { at: at('2026-12-03T09:10:00+01:00'), type: 'created' },
  { at: at('2026-12-03T09:30:00+01:00'), type: 'severity', severity: 2 },
  { at: at('2026-12-03T09:30:00+01:00'), type: 'status', status: 'In lavorazione' },
  { at: at('2026-12-03T12:00:00+01:00'), type: 'external-cause', active: true, reason: 'DNS' },
  { at: at('2026-12-03T15:00:00+01:00'), type: 'external-cause', active: false },
  { at: at('2026-12-03T16:40:00+01:00'), type: 'status', status: 'Risolta' },
];
const EVENING = at('2026-12-03T18:00:00+01:00');

function configWith(overrides: unknown): SlaConfig {
  return deepMerge(defaultConfig(), overrides);
}

describe('computeTimers', () => {
  it('returns both timers in the shape JSM uses, with instants in the calendar’s zone', () => {
    const timers = computeTimers({ kind: 'anomaly' }, HISTORY, defaultConfig(), EVENING);

    expect(timers).toEqual({
      response: {
        state: 'completed',
        goalMinutes: 60,
        elapsedMinutes: 20,
        remainingMinutes: 40,
        breached: false,
        dueAt: '2026-12-03T10:10:00+01:00',
        startedAt: '2026-12-03T09:10:00+01:00',
        stoppedAt: '2026-12-03T09:30:00+01:00',
        pauseReason: null,
      },
      resolution: {
        state: 'completed',
        goalMinutes: 180,
        elapsedMinutes: 250,
        remainingMinutes: -70,
        breached: true,
        dueAt: '2026-12-03T15:30:00+01:00',
        startedAt: '2026-12-03T09:30:00+01:00',
        stoppedAt: '2026-12-03T16:40:00+01:00',
        pauseReason: null,
      },
    });
  });

  it('returns null for a suggestion', () => {
    expect(computeTimers({ kind: 'suggestion' }, HISTORY, defaultConfig(), EVENING)).toBeNull();
  });

  it('reads a history given in any order, and leaves it as it was', () => {
    const shuffled = [HISTORY[5], HISTORY[3], HISTORY[0], HISTORY[1], HISTORY[2], HISTORY[4]];
    const copy = [...shuffled];

    expect(computeTimers({ kind: 'anomaly' }, shuffled, defaultConfig(), EVENING)).toEqual(
      computeTimers({ kind: 'anomaly' }, HISTORY, defaultConfig(), EVENING),
    );
    expect(shuffled).toEqual(copy);
  });

  it('starts from the first created event and ignores later ones', () => {
    const twice: SlaEvent[] = [
      { at: at('2026-12-03T09:00:00+01:00'), type: 'created' },
      { at: at('2026-12-03T10:00:00+01:00'), type: 'created' },
    ];
    const timers = computeTimers(
      { kind: 'anomaly' },
      twice,
      defaultConfig(),
      at('2026-12-03T10:30+01:00'),
    );

    expect(timers?.response).toMatchObject({
      elapsedMinutes: 90,
      startedAt: '2026-12-03T09:00:00+01:00',
    });
  });

  it('shows 24x7 instants in UTC', () => {
    const config = configWith({ severities: { '2': { calendar: '24x7' } } });
    const timers = computeTimers({ kind: 'anomaly' }, HISTORY, config, EVENING);

    expect(timers?.response.startedAt).toBe('2026-12-03T08:10:00Z');
    // Every real minute counts: 09:30-12:00 and 15:00-16:40.
    expect(timers?.resolution).toMatchObject({
      elapsedMinutes: 250,
      stoppedAt: '2026-12-03T15:40:00Z',
    });
  });

  it('applies the contract of the request’s own organization only', () => {
    const config = configWith({
      organizations: { 'Biblioteca civica': { severities: { '2': { resolutionMinutes: 300 } } } },
    });

    const own = computeTimers(
      { kind: 'anomaly', organization: 'Biblioteca civica' },
      HISTORY,
      config,
      EVENING,
    );
    const other = computeTimers(
      { kind: 'anomaly', organization: 'Biblioteca' },
      HISTORY,
      config,
      EVENING,
    );
    const none = computeTimers({ kind: 'anomaly', organization: null }, HISTORY, config, EVENING);

    expect(own?.resolution).toMatchObject({
      goalMinutes: 300,
      breached: false,
      remainingMinutes: 50,
    });
    expect(own?.response.goalMinutes).toBe(60);
    expect(other?.resolution.goalMinutes).toBe(180);
    expect(none?.resolution.goalMinutes).toBe(180);
  });

  it('throws when the history has no created event', () => {
    expect(() =>
      computeTimers({ kind: 'service' }, HISTORY.slice(1), defaultConfig(), EVENING),
    ).toThrow(MissingCreatedEventError);
  });

  it('names the malformed field of a history it cannot read', () => {
    const invalidDate = [...HISTORY];
    invalidDate[2] = { at: new Date('not a date'), type: 'status', status: 'In lavorazione' };
    expect(() => computeTimers({ kind: 'anomaly' }, invalidDate, defaultConfig(), EVENING)).toThrow(
      new InvalidHistoryError('events[2].at', 'expected a valid date'),
    );

    const badSeverity = [...HISTORY];
    badSeverity[1] = { at: HISTORY[1].at, type: 'severity', severity: 5 as never };
    expect(() => computeTimers({ kind: 'anomaly' }, badSeverity, defaultConfig(), EVENING)).toThrow(
      /events\[1\]\.severity: expected a severity 1–4, or null/,
    );

    const unknownType = [...HISTORY, { at: EVENING, type: 'comment' } as unknown as SlaEvent];
    expect(() => computeTimers({ kind: 'anomaly' }, unknownType, defaultConfig(), EVENING)).toThrow(
      /events\[6\]\.type: unknown event type "comment"/,
    );

    expect(() =>
      computeTimers({ kind: 'anomaly' }, HISTORY, defaultConfig(), new Date(Number.NaN)),
    ).toThrow(/^now: expected a valid date$/);
  });

  it('throws when a target names a calendar the configuration does not define', () => {
    const config = configWith({ severities: { '2': { calendar: 'weekend' } } });

    expect(() => computeTimers({ kind: 'anomaly' }, HISTORY, config, EVENING)).toThrow(
      UnknownCalendarError,
    );
  });
});

describe('provisionalSeverity', () => {
  it('is 3 for an anomaly, 4 for a service request and none for a suggestion', () => {
    expect(provisionalSeverity('anomaly')).toBe(3);
    expect(provisionalSeverity('service')).toBe(4);
    expect(provisionalSeverity('suggestion')).toBeNull();
  });
});

describe('severityTarget', () => {
  it('merges an organization’s contract over the severity entry', () => {
    const config = configWith({
      organizations: {
        'Sistema bibliotecario esempio': { severities: { '1': { calendar: '24x7' } } },
      },
    });

    expect(severityTarget(config, 1, 'Sistema bibliotecario esempio')).toEqual({
      responseMinutes: 15,
      resolutionMinutes: 30,
      calendar: '24x7',
    });
    expect(severityTarget(config, 1, 'constructor')).toEqual(defaultConfig().severities['1']);
    expect(severityTarget(config, 2, 'Sistema bibliotecario esempio')).toEqual(
      defaultConfig().severities['2'],
    );
  });
});
