/** The catalogue and config commands, and the command line's usage errors. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { defaultConfig } from '../../src/core/config/defaults';
import { runCli } from '../support/cli';

describe('support-policy catalogue', () => {
  it('prints the catalogue as JSON with Italian names, kinds and groups', async () => {
    const run = await runCli(['catalogue', '--json']);
    const catalogue = JSON.parse(run.out.join('\n'));

    expect(run.code).toBe(0);
    expect(catalogue.groups[0]).toEqual({ name: 'Clavis', en: 'Clavis' });
    expect(catalogue.groups).toHaveLength(7);
    expect(catalogue.requestTypes).toHaveLength(19);
    expect(catalogue.requestTypes[4]).toEqual({
      name: 'Attività Centro Servizi',
      description:
        'Richieste relative alla gestione degli operatori e delle rispettive autorizzazioni, alle configurazioni di Clavis, all’inserimento di informazioni e avvisi in OPAC, ecc.',
      kind: 'service',
      groups: ['Clavis', 'DiscoveryNG', 'Biblioteconomia, catalogazione, SBN'],
      provisionalSeverity: 4,
      en: expect.objectContaining({ name: 'Service Centre tasks' }),
    });
    expect(catalogue.requestTypes[5]).toMatchObject({
      kind: 'suggestion',
      provisionalSeverity: null,
    });
  });

  it('prints a table of 22 placements that fits 100 columns', async () => {
    const run = await runCli(['catalogue']);
    const rows = run.out.filter((line) => /\s(anomalia|servizio|proposta)\s/.test(line));

    expect(run.code).toBe(0);
    expect(rows).toHaveLength(22);
    expect(Math.max(...run.out.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(run.out).toContain('Hardware e dispositivi');
    expect(run.out.at(-1)).toBe('7 gruppi, 19 tipi di richiesta, 22 collocazioni');
  });

  it('refuses an unknown option with the usage and exit code 2', async () => {
    const run = await runCli(['catalogue', '--xml']);
    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toMatch(/unknown option '--xml'[\s\S]*Usage:/);
  });
});

describe('support-policy config', () => {
  it('prints the default configuration as JSON', async () => {
    const run = await runCli(['config', 'defaults']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toEqual(defaultConfig());
  });

  it('accepts a valid configuration with a one-line summary', async () => {
    const run = await runCli(['config', 'check', 'ok.json'], {
      'ok.json': JSON.stringify(defaultConfig()),
    });
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      'ok.json: valid configuration (1 calendar, 0 organization overrides)',
    ]);
  });

  it('lists each problem with its field path and exits 1', async () => {
    const config = defaultConfig() as unknown as Record<string, any>;
    config.calendars.support.hours.thu = ['13:00-09:00'];
    config.severities['7'] = config.severities['1'];
    const run = await runCli(['config', 'check', 'bad.json'], {
      'bad.json': JSON.stringify(config),
    });

    expect(run.code).toBe(1);
    expect(run.out).toEqual([
      'bad.json: calendars.support.hours.thu[0]: "13:00-09:00" ends before it starts; the end must come after the start',
      'bad.json: severities.7: unknown severity "7"; severities are "1" to "4"',
      '2 problems found',
    ]);
  });

  it('reports a file that is not JSON as a problem', async () => {
    const run = await runCli(['config', 'check', 'broken.json'], { 'broken.json': '{"a": ' });
    expect(run.code).toBe(1);
    expect(run.out[0]).toMatch(/^broken\.json: not valid JSON/);
  });

  it('reports a file that cannot be read', async () => {
    const run = await runCli(['config', 'check', 'missing.json']);
    expect(run.code).toBe(1);
    expect(run.err).toEqual(['missing.json: cannot be read (ENOENT)']);
  });

  it.each([[['config']], [['config', 'check']], [['config', 'show']], [['nonsense']]])(
    'treats %j as a usage error',
    async (argv) => {
      const run = await runCli(argv);
      expect(run.code).toBe(2);
      expect(run.err.join('\n')).toMatch(/Usage: support-policy/);
    },
  );
});

describe('the installed command', () => {
  it('runs through the package bin', () => {
    const bin = join(__dirname, '../../bin/support-policy.js');
    const output = execFileSync(process.execPath, [bin, 'catalogue', '--json'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(output).requestTypes).toHaveLength(19);
  });
});
