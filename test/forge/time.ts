/**
 * Simulated time for the app's code: a global `Date` whose no-argument constructor and `now()`
 * read the simulated clock, and `setTimeout` calls made inside a handler invocation that wait on
 * the simulated clock instead of the machine's (so a client's retry back-off costs no real time
 * and eats into the invocation's time budget as it would on Forge). Works under jest and tsx.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SimulatedClock } from '../emulator/clock';

/** What a `setTimeout` inside a handler does: move the simulated clock, fire at once, or wait. */
export type SleepMode = 'advance-clock' | 'instant' | 'real';

type DateConstructor = typeof Date;

/** Replaces the global Date; returns the function that puts the real one back. */
export function patchDate(clock: SimulatedClock): () => void {
  const RealDate = globalThis.Date;
  const FakeDate = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget) {
      return Reflect.construct(
        target,
        args.length === 0 ? [clock.now()] : args,
        newTarget,
      ) as object;
    },
    apply() {
      return new RealDate(clock.now()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return () => clock.now();

      return Reflect.get(target, property, receiver) as unknown;
    },
  }) as DateConstructor;
  globalThis.Date = FakeDate;

  return () => {
    if (globalThis.Date === FakeDate) globalThis.Date = RealDate;
  };
}

interface VirtualTimer {
  id: number;
  due: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * Patches `setTimeout`/`clearTimeout` so that calls made while `scope` has a store (inside an
 * invocation) are virtual; every other call goes to the real timers.
 */
export function patchTimers(
  clock: SimulatedClock,
  scope: AsyncLocalStorage<unknown>,
  mode: SleepMode,
): () => void {
  if (mode === 'real') return () => undefined;
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const pending: VirtualTimer[] = [];
  let nextId = 1;
  let pumping = false;

  const pump = (): void => {
    pumping = false;
    pending.sort((a, b) => a.due - b.due || a.id - b.id);
    const timer = pending.shift();
    if (timer === undefined) return;
    if (pending.length > 0) schedulePump();
    if (timer.cancelled) return;
    if (mode === 'advance-clock' && clock.now() < timer.due) clock.set(timer.due);
    timer.callback();
  };
  const schedulePump = (): void => {
    if (pumping) return;
    pumping = true;
    setImmediate(pump);
  };

  const fakeSetTimeout = ((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    if (scope.getStore() === undefined || typeof callback !== 'function') {
      return realSetTimeout(callback, ms, ...args);
    }
    const timer: VirtualTimer = {
      id: nextId++,
      due: clock.now() + Math.max(0, Number(ms) || 0),
      callback: () => callback(...args),
      cancelled: false,
    };
    pending.push(timer);
    schedulePump();

    return virtualHandle(timer);
  }) as typeof setTimeout;

  const fakeClearTimeout = ((handle?: unknown) => {
    const timer = (handle as { [VIRTUAL]?: VirtualTimer } | undefined)?.[VIRTUAL];
    if (timer !== undefined) {
      timer.cancelled = true;

      return;
    }
    realClearTimeout(handle as Parameters<typeof clearTimeout>[0]);
  }) as typeof clearTimeout;

  globalThis.setTimeout = fakeSetTimeout;
  globalThis.clearTimeout = fakeClearTimeout;

  return () => {
    if (globalThis.setTimeout === fakeSetTimeout) globalThis.setTimeout = realSetTimeout;
    if (globalThis.clearTimeout === fakeClearTimeout) globalThis.clearTimeout = realClearTimeout;
  };
}

const VIRTUAL = Symbol('virtualTimer');

function virtualHandle(timer: VirtualTimer): object {
  const handle = {
    [VIRTUAL]: timer,
    ref: () => handle,
    unref: () => handle,
    hasRef: () => false,
    refresh: () => handle,
    [Symbol.toPrimitive]: () => timer.id,
  };

  return handle;
}

/** A duration in milliseconds, or in named units (summed). */
export type Duration =
  number | { ms?: number; seconds?: number; minutes?: number; hours?: number; days?: number };

export function durationMs(duration: Duration): number {
  if (typeof duration === 'number') return duration;
  const ms =
    (duration.ms ?? 0) +
    (duration.seconds ?? 0) * 1000 +
    (duration.minutes ?? 0) * 60_000 +
    (duration.hours ?? 0) * 3_600_000 +
    (duration.days ?? 0) * 86_400_000;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(
      `a duration must be a non-negative number of milliseconds, got ${JSON.stringify(duration)}`,
    );
  }

  return ms;
}
