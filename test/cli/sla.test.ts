/** The sla and scenarios commands: output, exit codes, and how malformed files are reported. */
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { runCli } from '../support/cli';

const SCENARIO = {
  description: 'taken in charge after 20 minutes',
  request: { kind: 'anomaly' },
  events: [
    { at: '2026-12-03T09:10:00+01:00', type: 'created' },
    { at: '2026-12-03T09:30:00+01:00', type: 'status', status: 'In lavorazione' },
  ],
  now: '2026-12-03T10:00:00+01:00',
  expect: { response: { elapsedMinutes: 20 }, resolution: { elapsedMinutes: 30 } },
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe('support-policy sla', () => {
  it('prints the timers of a scenario as JSON', async () => {
    const run = await runCli(['sla', 'one.json'], { 'one.json': json(SCENARIO) });
    const timers = JSON.parse(run.out.join('\n'));

    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(timers.response).toEqual({
      state: 'completed',
      goalMinutes: 120,
      elapsedMinutes: 20,
      remainingMinutes: 100,
      breached: false,
      dueAt: '2026-12-03T11:10:00+01:00',
      startedAt: '2026-12-03T09:10:00+01:00',
      stoppedAt: '2026-12-03T09:30:00+01:00',
      pauseReason: null,
    });
    expect(timers.resolution).toMatchObject({ state: 'running', elapsedMinutes: 30 });
  });

  it('prints both timers as null for a suggestion', async () => {
    const suggestion = { ...SCENARIO, request: { kind: 'suggestion' }, expect: undefined };
    const run = await runCli(['sla', 's.json'], { 's.json': json(suggestion) });

    expect(JSON.parse(run.out.join('\n'))).toEqual({ response: null, resolution: null });
    expect(run.code).toBe(0);
  });

  it('prints the timers even when they differ from what the file expects', async () => {
    const wrong = { ...SCENARIO, expect: { response: { elapsedMinutes: 99 } } };
    const run = await runCli(['sla', 'w.json'], { 'w.json': json(wrong) });

    expect(JSON.parse(run.out.join('\n')).response.elapsedMinutes).toBe(20);
    expect(run.code).toBe(0);
  });

  it('reports every problem of a malformed file with its name and field path, and exits 1', async () => {
    const bad = {
      ...SCENARIO,
      events: [
        { at: '2026-12-03 09:10', type: 'created' },
        { at: '2026-12-03T09:30:00+01:00', type: 'severity', severity: 0 },
      ],
    };
    const run = await runCli(['sla', 'bad.json'], { 'bad.json': json(bad) });

    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      expect.stringMatching(/^bad\.json: events\[0\]\.at: "2026-12-03 09:10" is not valid/),
      'bad.json: events[1].severity: expected a severity 1, 2, 3 or 4, or null to clear it, not 0',
    ]);
    expect(run.code).toBe(1);
  });

  it('reports a file it cannot read', async () => {
    const run = await runCli(['sla', 'missing.json']);

    expect(run.err).toEqual(['missing.json: cannot be read (ENOENT)']);
    expect(run.code).toBe(1);
  });

  it.each([[[]], [['a.json', 'b.json']], [['--json']]])('exits 2 on the usage %j', async (args) => {
    const run = await runCli(['sla', ...args]);

    expect(run.code).toBe(2);
    expect(run.err[0]).toMatch(/^support-policy sla: /);
    expect(run.err).toContain(
      '  sla FILE                 the SLA timers of one scenario file, as JSON',
    );
  });
});

describe('support-policy scenarios', () => {
  const files = {
    'dir/a.json': json(SCENARIO),
    'dir/sub/b.json': json({ ...SCENARIO, expect: { resolution: { state: 'paused' } } }),
    'dir/sub/c.json': '{ "request": ',
    'dir/sub/d.json': json({
      ...SCENARIO,
      events: [],
      config: { severities: { '1': { calendar: 'x' } } },
    }),
    'dir/e.json': json({ ...SCENARIO, description: 'also fine' }),
    'dir/notes.txt': 'not a scenario',
  };

  it('runs every scenario below the folder, reports each failure in one line and counts them', async () => {
    const run = await runCli(['scenarios', 'dir'], files);

    expect(run.out).toEqual([
      'FAIL dir/sub/b.json: resolution.state: expected "paused", got "running"',
      expect.stringMatching(/^FAIL dir\/sub\/c\.json: malformed: \(file\): not valid JSON: /),
      'FAIL dir/sub/d.json: malformed: config.severities.1.calendar: unknown calendar "x"; use "24x7" or one of: support (and 1 more problem)',
      '2 passed, 3 failed',
    ]);
    expect(run.code).toBe(1);
  });

  it('reports a file it cannot read as a failure and goes on', async () => {
    const out: string[] = [];
    const io: CliIo = {
      out: (line) => out.push(line),
      err: () => undefined,
      listFiles: () => ['dir/a.json', 'dir/locked.json'],
      readFile: (path) => {
        if (path === 'dir/a.json') return files['dir/a.json'];
        throw Object.assign(new Error(`EACCES: ${path}`), { code: 'EACCES' });
      },
    };

    expect(await main(['scenarios', 'dir'], io)).toBe(1);
    expect(out).toEqual(['FAIL dir/locked.json: cannot be read (EACCES)', '1 passed, 1 failed']);
  });

  it('exits 0 when every scenario passes', async () => {
    const run = await runCli(['scenarios', 'dir'], {
      'dir/a.json': files['dir/a.json'],
      'dir/e.json': files['dir/e.json'],
    });

    expect(run.out).toEqual(['2 passed, 0 failed']);
    expect(run.code).toBe(0);
  });

  it('fails a folder without scenarios rather than passing nothing', async () => {
    const run = await runCli(['scenarios', 'empty']);

    expect(run.err).toEqual(['empty: no *.json scenario file below it']);
    expect(run.out).toEqual(['0 passed, 0 failed']);
    expect(run.code).toBe(1);
  });

  it('exits 2 without a folder', async () => {
    const run = await runCli(['scenarios']);

    expect(run.code).toBe(2);
    expect(run.err[0]).toBe('support-policy scenarios: scenarios needs a DIR');
  });
});
