/** The configuration's defaults, its deep merge, and every check of its validator. */
import { defaultConfig } from '../../src/core/config/defaults';
import { deepMerge } from '../../src/core/config/merge';
import { parseRange, validateConfig, type ConfigProblem } from '../../src/core/config/validate';

/** The problems found in the default configuration changed by `change`. */
function problemsAfter(change: (config: Record<string, any>) => void): ConfigProblem[] {
  const config = defaultConfig() as unknown as Record<string, any>;
  change(config);
  const result = validateConfig(config);
  return result.ok ? [] : result.problems;
}

describe('defaultConfig', () => {
  it('is valid', () => {
    expect(validateConfig(defaultConfig())).toMatchObject({ ok: true });
  });

  it('has the policy targets on the support calendar', () => {
    const config = defaultConfig();
    expect(config.severities['1']).toEqual({
      responseMinutes: 15,
      resolutionMinutes: 30,
      calendar: 'support',
    });
    expect(config.severities['4']).toMatchObject({ responseMinutes: 240, resolutionMinutes: 1440 });
    expect(config.calendars.support.hours.mon).toEqual(['09:00-13:00', '14:00-18:00']);
    expect(config.calendars.support.hours.sat).toEqual([]);
    expect(config.warningPercent).toBe(80);
  });

  it('maps every policy status and request type by its Italian name until synced', () => {
    const config = defaultConfig();
    expect(config.statuses.general['Attesa informazioni']).toEqual({
      id: null,
      name: 'Attesa informazioni',
    });
    expect(Object.keys(config.statuses.suggestion)).toHaveLength(7);
    expect(Object.keys(config.requestTypes)).toHaveLength(19);
  });

  it('returns a fresh copy each time', () => {
    const first = defaultConfig();
    first.calendars.support.hours.mon.push('19:00-20:00');
    expect(defaultConfig().calendars.support.hours.mon).toHaveLength(2);
  });
});

describe('deepMerge', () => {
  it('merges objects key by key and replaces arrays', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] } })).toEqual({
      a: { b: 1, c: [3] },
      d: 1,
    });
  });

  it('adds keys that the base does not have', () => {
    expect(deepMerge({ a: 1 }, { organizations: { X: { severities: {} } } })).toEqual({
      a: 1,
      organizations: { X: { severities: {} } },
    });
  });
});

describe('parseRange', () => {
  it('reads a range as minutes after midnight', () => {
    expect(parseRange('09:00-13:30')).toEqual({ start: 540, end: 810 });
    expect(parseRange('22:00-24:00')).toEqual({ start: 1320, end: 1440 });
  });

  it.each([
    '13:00-09:00',
    '09:00-09:00',
    '9:00-13:00',
    '09:60-10:00',
    '24:00-24:00',
    '08:00-24:30',
  ])('refuses %s', (range) => {
    expect(parseRange(range)).toHaveProperty('error');
  });
});

describe('validateConfig', () => {
  it('refuses a value that is not an object', () => {
    expect(validateConfig('nope')).toMatchObject({ ok: false });
    expect(validateConfig(null)).toMatchObject({ ok: false });
  });

  it('reports every problem at once, each with its path', () => {
    const problems = problemsAfter((config) => {
      config.warningPercent = 0;
      config.severities['2'].resolutionMinutes = -1;
    });
    expect(problems.map((problem) => problem.path)).toEqual([
      'severities.2.resolutionMinutes',
      'warningPercent',
    ]);
  });

  it.each([
    [
      'a range that ends before it starts',
      (c: any) => (c.calendars.support.hours.mon = ['13:00-09:00']),
      'calendars.support.hours.mon[0]',
      /ends before it starts/,
    ],
    [
      'a range that is not HH:MM-HH:MM',
      (c: any) => (c.calendars.support.hours.fri = ['9-13']),
      'calendars.support.hours.fri[0]',
      /HH:MM-HH:MM/,
    ],
    [
      'overlapping ranges',
      (c: any) => (c.calendars.support.hours.tue = ['09:00-13:00', '12:00-18:00']),
      'calendars.support.hours.tue',
      /overlap/,
    ],
    [
      'a weekday without hours',
      (c: any) => delete c.calendars.support.hours.wed,
      'calendars.support.hours.wed',
      /list of ranges/,
    ],
    [
      'an unknown time zone',
      (c: any) => (c.calendars.support.zone = 'Europe/Atlantis'),
      'calendars.support.zone',
      /Europe\/Atlantis/,
    ],
    [
      'an unknown holiday country',
      (c: any) => (c.calendars.support.holidays = ['XX']),
      'calendars.support.holidays[0]',
      /"XX"/,
    ],
    [
      'a closure that is not a date',
      (c: any) => (c.calendars.support.closures = ['2026-13-01']),
      'calendars.support.closures[0]',
      /YYYY-MM-DD/,
    ],
    [
      'a calendar named like the built-in one',
      (c: any) => (c.calendars['24x7'] = c.calendars.support),
      'calendars.24x7',
      /built in/,
    ],
    [
      'a negative target',
      (c: any) => (c.severities['1'].responseMinutes = -15),
      'severities.1.responseMinutes',
      /at least 1 minute/,
    ],
    [
      'a fractional target',
      (c: any) => (c.severities['3'].resolutionMinutes = 7.5),
      'severities.3.resolutionMinutes',
      /whole number/,
    ],
    [
      'a severity key other than 1–4',
      (c: any) => (c.severities['5'] = c.severities['4']),
      'severities.5',
      /"1" to "4"/,
    ],
    ['a missing severity', (c: any) => delete c.severities['2'], 'severities.2', /missing/],
    [
      'an unknown calendar in a target',
      (c: any) => (c.severities['2'].calendar = 'office'),
      'severities.2.calendar',
      /unknown calendar "office"/,
    ],
    [
      'an unknown calendar in an organization',
      (c: any) =>
        (c.organizations['Biblioteca civica'] = { severities: { '1': { calendar: 'night' } } }),
      'organizations["Biblioteca civica"].severities.1.calendar',
      /unknown calendar "night"/,
    ],
    [
      'an organization severity other than 1–4',
      (c: any) => (c.organizations.Comune = { severities: { '0': { calendar: '24x7' } } }),
      'organizations.Comune.severities.0',
      /"1" to "4"/,
    ],
    [
      'a warning threshold over 99 %',
      (c: any) => (c.warningPercent = 100),
      'warningPercent',
      /between 1 and 99/,
    ],
    ['an unknown field', (c: any) => (c.calendar = {}), 'calendar', /unknown field "calendar"/],
    [
      'a status left unmapped',
      (c: any) => delete c.statuses.general.Risolta,
      'statuses.general.Risolta',
      /missing/,
    ],
    [
      'a status the workflow does not have',
      (c: any) => (c.statuses.suggestion.Chiusa = { id: null, name: 'Chiusa' }),
      'statuses.suggestion.Chiusa',
      /unknown field/,
    ],
    [
      'a status id that is not numeric',
      (c: any) => (c.statuses.general.Aperta.id = 'open'),
      'statuses.general.Aperta.id',
      /digits/,
    ],
    [
      'a request type outside the catalogue',
      (c: any) => (c.requestTypes.Varie = { id: null, name: 'Varie' }),
      'requestTypes.Varie',
      /unknown field/,
    ],
    [
      'a service desk id that is not numeric',
      (c: any) => (c.serviceDeskId = 'desk'),
      'serviceDeskId',
      /digits/,
    ],
    [
      'a severity field that is not a custom field id',
      (c: any) => (c.severitySource = { kind: 'custom-field', fieldId: 'priority' }),
      'severitySource.fieldId',
      /customfield_/,
    ],
    [
      'a malformed project key',
      (c: any) => (c.developmentProjects['cng'] = { product: 'x', releaseNotesUrl: null }),
      'developmentProjects.cng',
      /project key/,
    ],
    [
      'a release notes template without {version}',
      (c: any) => (c.developmentProjects.CNG.releaseNotesUrl = 'https://example.com/notes'),
      'developmentProjects.CNG.releaseNotesUrl',
      /\{version\}/,
    ],
    [
      'a release notes template that is not https',
      (c: any) => (c.developmentProjects.CNG.releaseNotesUrl = 'http://example.com/{version}'),
      'developmentProjects.CNG.releaseNotesUrl',
      /https/,
    ],
  ])('refuses %s', (_name, change, path, message) => {
    const problems = problemsAfter(change);
    expect(problems).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('accepts organization overrides of target and calendar', () => {
    expect(
      problemsAfter((config) => {
        config.organizations['Sistema bibliotecario esempio'] = {
          severities: { '1': { calendar: '24x7' }, '2': { resolutionMinutes: 120 } },
        };
        config.calendars.night = {
          ...config.calendars.support,
          hours: { ...config.calendars.support.hours, sat: ['00:00-24:00'] },
        };
        config.severities['4'].calendar = 'night';
        config.developmentProjects.CNG.releaseNotesUrl =
          'https://docs.example.com/{project}/note-di-rilascio/{version}';
      }),
    ).toEqual([]);
  });
});
