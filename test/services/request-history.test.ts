/** Reading a request's SLA history from Jira's fields and changelog, and the app's causes. */
import { defaultConfig } from '../../src/core/config/defaults';
import type { ChangelogEntry, IssueBean } from '../../src/jira/types';
import {
  catalogueTypeOf,
  externalCauseEvents,
  requestHistory,
  severityFromText,
} from '../../src/services/request-history';

const fields = {
  severity: 'customfield_10100',
  organizations: 'customfield_10002',
  requestType: 'customfield_10010',
};

function issue(overrides: Record<string, unknown> = {}): IssueBean {
  return {
    id: '10001',
    key: 'SUP-1',
    fields: {
      created: '2026-12-03T09:10:00.000+0100',
      status: { id: '3', name: 'In lavorazione' },
      customfield_10100: 2,
      customfield_10002: [{ id: '7', name: 'Biblioteca civica' }],
      customfield_10010: { requestType: { id: '21', name: 'Segnalazione errore su ClavisNG' } },
      ...overrides,
    },
  };
}

const entry = (id: string, created: string, items: ChangelogEntry['items']): ChangelogEntry => ({
  id,
  created,
  items,
});
const statusItem = (from: string, to: string) => ({
  field: 'status',
  fieldId: 'status',
  from: null,
  fromString: from,
  to: null,
  toString: to,
});
const severityItem = (from: string | null, to: string | null) => ({
  field: 'Gravità',
  fieldId: 'customfield_10100',
  from: null,
  fromString: from,
  to: null,
  toString: to,
});

describe('requestHistory', () => {
  it('starts from the status and severity the request was created with', () => {
    const changelog = [
      entry('2', '2026-12-03T09:30:00.000+0100', [
        severityItem(null, '2'),
        statusItem('Aperta', 'In lavorazione'),
      ]),
    ];
    const history = requestHistory(issue(), changelog, fields, defaultConfig(), []);

    expect(history).toMatchObject({
      organization: 'Biblioteca civica',
      severity: 2,
      catalogueType: { kind: 'anomaly' },
    });
    expect(typeof history !== 'string' && history.events).toEqual([
      { at: new Date('2026-12-03T08:10:00Z'), type: 'created' },
      { at: new Date('2026-12-03T08:10:00Z'), type: 'status', status: 'Aperta' },
      { at: new Date('2026-12-03T08:30:00Z'), type: 'severity', severity: 2 },
      { at: new Date('2026-12-03T08:30:00Z'), type: 'status', status: 'In lavorazione' },
    ]);
  });

  it('uses the current status and severity when the changelog has no change of them', () => {
    const history = requestHistory(
      issue({ status: { id: '1', name: 'Aperta' } }),
      [],
      fields,
      defaultConfig(),
      [],
    );
    expect(typeof history !== 'string' && history.events.map((event) => event.type)).toEqual([
      'created',
      'status',
      'severity',
    ]);
  });

  it('maps Jira statuses by id when the configuration has their ids', () => {
    const config = defaultConfig();
    config.statuses.general['In lavorazione'] = { id: '3', name: 'In progress' };
    const changelog = [
      entry('2', '2026-12-03T10:00:00.000+0100', [
        { ...statusItem('Aperta', 'In progress'), to: '3' },
      ]),
    ];
    const history = requestHistory(issue(), changelog, fields, config, []);
    expect(typeof history !== 'string' && history.events.at(-1)).toMatchObject({
      status: 'In lavorazione',
    });
  });

  it('skips an issue that is not a customer request', () => {
    expect(
      requestHistory(issue({ customfield_10010: null }), [], fields, defaultConfig(), []),
    ).toBe('not-a-customer-request');
  });

  it('skips a request type outside the catalogue', () => {
    const other = issue({ customfield_10010: { requestType: { id: '99', name: 'Varie' } } });
    expect(requestHistory(other, [], fields, defaultConfig(), [])).toBe(
      'request-type-not-in-catalogue',
    );
  });

  it('adds the external-cause intervals in time order', () => {
    const causes = [
      {
        start: '2026-12-03T11:00:00.000Z',
        end: '2026-12-03T14:00:00.000Z',
        reason: 'Internet down',
        recordedBy: 'a1',
        recordedAt: '2026-12-03T15:00:00.000Z',
      },
    ];
    const history = requestHistory(issue(), [], fields, defaultConfig(), causes);
    expect(typeof history !== 'string' && history.events.slice(-2)).toEqual([
      { at: new Date('2026-12-03T11:00:00Z'), type: 'external-cause', active: true },
      { at: new Date('2026-12-03T14:00:00Z'), type: 'external-cause', active: false },
    ]);
  });
});

describe('catalogueTypeOf', () => {
  it('prefers the mapped id over the name', () => {
    const config = defaultConfig();
    config.requestTypes['Stampanti'] = { id: '40', name: 'Stampanti' };
    expect(catalogueTypeOf(config, { id: '40', name: 'Printers' })?.name).toBe('Stampanti');
    expect(catalogueTypeOf(config, { id: '41', name: 'Stampanti' })).toBeUndefined();
  });
});

describe('externalCauseEvents', () => {
  const cause = (start: string, end: string | null) => ({
    start,
    end,
    reason: 'x',
    recordedBy: 'a',
    recordedAt: start,
  });

  it('merges overlapping intervals into one', () => {
    const events = externalCauseEvents([
      cause('2026-12-03T10:00:00Z', '2026-12-03T12:00:00Z'),
      cause('2026-12-03T11:00:00Z', '2026-12-03T13:00:00Z'),
    ]);
    expect(events.map((event) => event.at.toISOString())).toEqual([
      '2026-12-03T10:00:00.000Z',
      '2026-12-03T13:00:00.000Z',
    ]);
  });

  it('leaves an open interval open', () => {
    expect(externalCauseEvents([cause('2026-12-03T10:00:00Z', null)])).toHaveLength(1);
  });
});

describe('severityFromText', () => {
  it('reads Jira number texts and drops anything outside 1–4', () => {
    expect(severityFromText('2')).toBe(2);
    expect(severityFromText('3.0')).toBe(3);
    expect(severityFromText('7')).toBeNull();
    expect(severityFromText(null)).toBeNull();
  });
});
