/**
 * The sandbox of `npm start`: its simulated day through the real handlers prints the agents'
 * queue, and the day passes on the simulated clock only.
 * Not tested here: the exact figures of each timer, which the SLA engine's tests own.
 */
import { runSandbox } from '../../scripts/sandbox';

const DEMO_KEYS = ['SD-1', 'SD-2', 'SD-3', 'SD-4', 'SD-5', 'SD-6', 'SD-7', 'SD-8'];
const TIMER = /(completed|running|paused|not started) +\d+\/\d+ min/g;

let lines: string[];
let realTimerDelays: number[];

beforeAll(async () => {
  const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
  try {
    lines = await runSandbox();
  } finally {
    realTimerDelays = setTimeoutSpy.mock.calls.map(([, ms]) => Number(ms ?? 0));
    setTimeoutSpy.mockRestore();
  }
});

describe('runSandbox', () => {
  it('prints one line per demo request, followed by both of its timers', () => {
    for (const key of DEMO_KEYS) {
      const at = lines.findIndex((line) => line.startsWith(`${key} `));
      const timers = lines[at + 1] ?? '';

      expect(lines.filter((line) => line.startsWith(`${key} `))).toHaveLength(1);
      const clocks = timers.match(TIMER)?.length ?? timers.match(/no SLA/g)?.length;
      expect({ key, clocks }).toEqual({ key, clocks: 2 });
    }
  });

  it('lists no request but the demo ones', () => {
    const keys = lines.map((line) => /^(SD-\d+) /.exec(line)?.[1]).filter(Boolean);

    expect(keys.sort()).toEqual([...DEMO_KEYS].sort());
  });

  it('says what was simulated and shows the breach of the day', () => {
    expect(lines.join('\n')).toMatch(/Simulated Thursday 3 December 2026, 08:30–18:00/);
    expect(lines.join('\n')).toMatch(/Breached: SD-\d+ take in charge \(\d+\/60 min\)/);
  });

  it('keeps every line within 100 columns', () => {
    expect(lines.filter((line) => line.length > 100)).toEqual([]);
  });

  it('waits on no real timer: the day passes on the simulated clock', () => {
    expect(realTimerDelays.filter((ms) => ms > 0)).toEqual([]);
  });
});
