/** The SLA entity property: only what the history fixes, so that it changes only with it. */
import { defaultConfig } from '../../src/core/config/defaults';
import { computeTimers, type SlaEvent } from '../../src/core/sla';
import { sameJson, slaProperty } from '../../src/services/sla-property';

const events: SlaEvent[] = [
  { at: new Date('2026-12-03T09:10:00+01:00'), type: 'created' },
  { at: new Date('2026-12-03T09:10:00+01:00'), type: 'status', status: 'Aperta' },
  { at: new Date('2026-12-03T09:30:00+01:00'), type: 'severity', severity: 2 },
  { at: new Date('2026-12-03T09:30:00+01:00'), type: 'status', status: 'In lavorazione' },
];

function propertyAt(now: string, history = events) {
  const timers = computeTimers({ kind: 'anomaly' }, history, defaultConfig(), new Date(now));
  if (!timers) throw new Error('an anomaly has timers');
  return slaProperty('anomaly', 2, true, timers);
}

describe('slaProperty', () => {
  it('stays the same while a running clock only counts on', () => {
    expect(
      sameJson(propertyAt('2026-12-03T10:00:00+01:00'), propertyAt('2026-12-03T11:00:00+01:00')),
    ).toBe(true);
  });

  it('keeps the due instant of a running clock and leaves out its growing elapsed time', () => {
    // Resolution: 180 working minutes from 09:30 → 09:30–13:00 is 210, so due at 12:30.
    const property = propertyAt('2026-12-03T10:00:00+01:00');
    expect(property.resolution).toMatchObject({
      state: 'running',
      elapsedMinutes: null,
      breached: false,
    });
    expect(Date.parse(property.resolution.dueAt ?? '')).toBe(
      Date.parse('2026-12-03T12:30:00+01:00'),
    );
    expect(property.response).toMatchObject({
      state: 'completed',
      elapsedMinutes: 20,
      goalMinutes: 60,
    });
  });

  it('leaves out the moving due instant of a paused clock', () => {
    const waiting = [
      ...events,
      {
        at: new Date('2026-12-03T10:00:00+01:00'),
        type: 'status' as const,
        status: 'Attesa informazioni',
      },
    ];
    const property = propertyAt('2026-12-03T11:00:00+01:00', waiting);
    expect(property.resolution).toMatchObject({
      state: 'paused',
      dueAt: null,
      elapsedMinutes: 30,
      pauseReason: 'waiting',
    });
  });

  it('holds no names, reasons or account ids', () => {
    const text = JSON.stringify(propertyAt('2026-12-03T10:00:00+01:00'));
    expect(Object.keys(JSON.parse(text))).toEqual([
      'kind',
      'severity',
      'severitySet',
      'response',
      'resolution',
    ]);
    expect(text).not.toMatch(/reason"|accountId|organization/);
  });
});

describe('sameJson', () => {
  it('ignores key order and compares nested values', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});
