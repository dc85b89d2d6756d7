/**
 * Properties of the SLA engine on random histories: the timers are consistent with themselves and
 * with the calendar, a pause never adds elapsed time, and a clock never runs backwards.
 */
import fc from 'fast-check';
import { calendarNamed, toEpochMinute } from '../../src/core/calendar';
import { defaultConfig } from '../../src/core/config/defaults';
import { deepMerge } from '../../src/core/config/merge';
import type { SlaConfig } from '../../src/core/config/types';
import type { Severity } from '../../src/core/severity';
import { computeTimers, type SlaEvent, type Timer, type Timers } from '../../src/core/sla';

const CREATED = new Date('2026-11-30T08:30:00+01:00').getTime();
const MINUTE = 60_000;
const SPAN = 40 * 24 * 60;

const STATUSES = [
  'Aperta',
  'In lavorazione',
  'Attesa informazioni',
  'Attesa approvazione',
  'Risolta',
  'Chiusa',
  'In verifica',
];

type Change =
  | { type: 'status'; status: string }
  | { type: 'severity'; severity: Severity | null }
  | { type: 'external-cause'; active: boolean };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ type: fc.constant('status' as const), status: fc.constantFrom(...STATUSES) }),
  fc.record({
    type: fc.constant('severity' as const),
    severity: fc.constantFrom<Severity | null>(1, 2, 3, 4, null),
  }),
  fc.record({ type: fc.constant('external-cause' as const), active: fc.boolean() }),
);

const history = fc
  .array(fc.tuple(fc.integer({ min: 0, max: SPAN }), change), { maxLength: 25 })
  .map((changes): SlaEvent[] => [
    { at: new Date(CREATED), type: 'created' },
    ...changes.map(([offset, what]) => ({ ...what, at: new Date(CREATED + offset * MINUTE) })),
  ]);

const nowOffset = fc.integer({ min: 0, max: SPAN + 2000 });
const kind = fc.constantFrom('anomaly' as const, 'service' as const);

/** Every severity on the support calendar, so that a goal's calendar never changes. */
const supportOnly: SlaConfig = defaultConfig();
/** Severities 1 and 2 on 24x7, so that a severity change can move a clock to another calendar. */
const mixed: SlaConfig = deepMerge(defaultConfig(), {
  severities: { '1': { calendar: '24x7' }, '2': { calendar: '24x7' } },
});

const minuteOf = (iso: string | null) => (iso === null ? null : toEpochMinute(new Date(iso)));

function timersAt(events: SlaEvent[], offset: number, config: SlaConfig, k = 'anomaly' as const) {
  return computeTimers({ kind: k }, events, config, new Date(CREATED + offset * MINUTE)) as Timers;
}

/** Which of the configured calendars a timer runs on, told by the offset its instants carry. */
function calendarOf(timer: Timer, config: SlaConfig) {
  const utc = [timer.startedAt, timer.dueAt].some((iso) => iso?.endsWith('Z'));
  return calendarNamed(utc ? '24x7' : 'support', config.calendars);
}

function consistent(timer: Timer, config: SlaConfig, now: number): boolean {
  const calendar = calendarOf(timer, config);
  const [due, started, stopped] = [timer.dueAt, timer.startedAt, timer.stoppedAt].map(minuteOf);
  const arithmetic =
    timer.remainingMinutes === timer.goalMinutes - timer.elapsedMinutes &&
    timer.breached === timer.elapsedMinutes > timer.goalMinutes &&
    timer.elapsedMinutes >= 0 &&
    (timer.pauseReason !== null) === (timer.state === 'paused');

  if (timer.state === 'not-started') {
    return arithmetic && timer.elapsedMinutes === 0 && started === null && due === null;
  }

  // Counted up to the stop, or to now; a goal already reached was due at or before that end.
  const end = timer.state === 'completed' ? stopped : now;
  const stopAgrees = timer.state === 'completed' ? stopped !== null : stopped === null;
  return (
    arithmetic &&
    stopAgrees &&
    started !== null &&
    end !== null &&
    due !== null &&
    (timer.remainingMinutes <= 0
      ? started <= due && due <= end
      : calendar.workingMinutesBetween(end, due) === timer.remainingMinutes)
  );
}

describe('computeTimers on random histories', () => {
  it('gives timers whose figures and instants agree with each other and with the calendar', () => {
    fc.assert(
      fc.property(history, nowOffset, kind, fc.boolean(), (events, offset, k, useMixed) => {
        const config = useMixed ? mixed : supportOnly;
        const timers = timersAt(events, offset, config, k as 'anomaly');
        const now = toEpochMinute(new Date(CREATED + offset * MINUTE));
        return (
          consistent(timers.response, config, now) && consistent(timers.resolution, config, now)
        );
      }),
    );
  });

  it('never counts more elapsed time with an external-cause interval added', () => {
    const interval = fc
      .tuple(fc.integer({ min: 0, max: SPAN }), fc.integer({ min: 1, max: 5 * 24 * 60 }))
      .map(([from, length]): SlaEvent[] => [
        { at: new Date(CREATED + from * MINUTE), type: 'external-cause', active: true },
        { at: new Date(CREATED + (from + length) * MINUTE), type: 'external-cause', active: false },
      ]);

    fc.assert(
      fc.property(history, interval, nowOffset, fc.boolean(), (events, pause, offset, useMixed) => {
        // Only histories without causes of their own: a closing event of ours could end theirs.
        const plain = events.filter((event) => event.type !== 'external-cause');
        const config = useMixed ? mixed : supportOnly;
        const without = timersAt(plain, offset, config);
        const withPause = timersAt([...plain, ...pause], offset, config);
        return (
          withPause.response.elapsedMinutes <= without.response.elapsedMinutes &&
          withPause.resolution.elapsedMinutes <= without.resolution.elapsedMinutes
        );
      }),
    );
  });

  it('never counts more resolution time with a wait for the customer added while it is worked on', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        (takeInCharge, waitFrom, waitLength, afterwards) => {
          const minute = (offset: number) => new Date(CREATED + offset * MINUTE);
          const start = takeInCharge + waitFrom;
          const events: SlaEvent[] = [
            { at: minute(0), type: 'created' },
            { at: minute(takeInCharge), type: 'status', status: 'In lavorazione' },
          ];
          const waiting: SlaEvent[] = [
            { at: minute(start), type: 'status', status: 'Attesa informazioni' },
            { at: minute(start + waitLength), type: 'status', status: 'In lavorazione' },
          ];
          const now = start + waitLength + afterwards;
          const without = timersAt(events, now, supportOnly).resolution;
          const withWait = timersAt([...events, ...waiting], now, supportOnly).resolution;
          return withWait.elapsedMinutes <= without.elapsedMinutes;
        },
      ),
    );
  });

  it('never runs a clock backwards as now moves on, while its goal stays on one calendar', () => {
    fc.assert(
      fc.property(history, nowOffset, nowOffset, (events, a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        const before = timersAt(events, earlier, supportOnly);
        const after = timersAt(events, later, supportOnly);
        return (
          after.response.elapsedMinutes >= before.response.elapsedMinutes &&
          after.resolution.elapsedMinutes >= before.resolution.elapsedMinutes
        );
      }),
    );
  });

  it('reads events at distinct instants the same in any order', () => {
    fc.assert(
      fc.property(history, nowOffset, fc.integer(), (events, offset, seed) => {
        const distinct = events.filter(
          (event, i) =>
            events.findIndex((other) => other.at.getTime() === event.at.getTime()) === i,
        );
        const shuffled = [...distinct].sort(
          (x, y) => ((x.at.getTime() ^ seed) % 97) - ((y.at.getTime() ^ seed) % 97),
        );
        return (
          JSON.stringify(timersAt(distinct, offset, mixed)) ===
          JSON.stringify(timersAt(shuffled, offset, mixed))
        );
      }),
    );
  });
});
