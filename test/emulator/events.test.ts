/** The product events the site emits, with Forge's payload shapes. */
import { buildFixtureSite, SEVERITY_FIELD_ID, STATUS } from './fixture-site';
import { call } from './helpers';

describe('emitted events', () => {
  it('emits avi:jira:created:issue with the issue, who caused it and the associated user', () => {
    const site = buildFixtureSite();

    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });

    const [event] = site.emittedEvents;
    expect(event).toMatchObject({
      eventType: 'avi:jira:created:issue',
      actorAccountId: 'cust-anna',
      viaApp: false,
    });
    expect(event?.payload).toMatchObject({
      eventType: 'avi:jira:created:issue',
      atlassianId: 'cust-anna',
      associatedUsers: [{ accountId: 'cust-anna' }],
      issue: {
        key: 'SD-1',
        fields: {
          summary: 'Prestiti',
          reporter: { accountId: 'cust-anna' },
          project: { key: 'SD' },
          status: { id: STATUS.aperta },
        },
      },
    });
  });

  it('emits avi:jira:updated:issue with the changelog items of the change', () => {
    const site = buildFixtureSite();
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });

    site.editIssue('SD-1', { [SEVERITY_FIELD_ID]: 3 }, { by: 'agent-marco' });
    site.transition('SD-1', 'Chiedi informazioni', { by: 'agent-marco' });

    const updates = site.emittedEvents.filter((e) => e.eventType === 'avi:jira:updated:issue');
    expect(updates.map((e) => e.payload.changelog)).toEqual([
      {
        id: expect.any(String),
        items: [
          { field: 'Gravità', fieldtype: 'custom', fieldId: SEVERITY_FIELD_ID, toString: '3' },
        ],
      },
      {
        id: expect.any(String),
        items: [
          {
            field: 'status',
            fieldtype: 'jira',
            fieldId: 'status',
            from: STATUS.aperta,
            fromString: 'Aperta',
            to: STATUS.attesaInformazioni,
            toString: 'Attesa informazioni',
          },
        ],
      },
    ]);
  });

  it('fires no updated event for a silent transition, though the changelog records it', () => {
    const site = buildFixtureSite();
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });
    site.transition('SD-1', 'Risolvi', { by: 'agent-marco' });
    const before = site.emittedEvents.length;

    site.transition('SD-1', 'Chiudi', { by: 'agent-marco' });

    expect(site.emittedEvents).toHaveLength(before);
    expect(site.issue('SD-1').changelog.at(-1)?.items[0]?.toString).toBe('Chiusa');
  });

  it('emits commented, deleted and released-version events', () => {
    const site = buildFixtureSite();
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });

    site.addComment('SD-1', { body: 'Grazie', public: true }, { by: 'cust-anna' });
    site.releaseVersion('20001', {}, { by: 'agent-marco' });
    site.deleteIssue('SD-1', { by: 'agent-marco' });

    const [commented, released, deleted] = site.emittedEvents.slice(1);
    expect(commented?.payload).toMatchObject({
      eventType: 'avi:jira:commented:issue',
      comment: { author: { accountId: 'cust-anna' }, jsdPublic: true },
      issue: { key: 'SD-1' },
    });
    expect(released?.payload).toMatchObject({
      eventType: 'avi:jira:released:version',
      version: { id: '20001', released: true, releaseDate: '2026-12-03', projectId: 10100 },
    });
    expect(deleted?.payload).toMatchObject({
      eventType: 'avi:jira:deleted:issue',
      issue: { key: 'SD-1' },
    });
    expect(site.findIssue('SD-1')).toBeUndefined();
  });

  it('marks events caused through the app runtime, and emits nothing while seeding', async () => {
    const site = buildFixtureSite();
    site.withoutEvents(() =>
      site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' }),
    );

    await site.handle({
      method: 'PUT',
      path: '/rest/api/3/issue/SD-1',
      caller: 'app',
      viaApp: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { labels: ['seen'] } }),
    });
    await call(
      site,
      'PUT',
      '/rest/api/3/issue/SD-1',
      { accountId: 'agent-marco' },
      { fields: { summary: 'Prestiti bloccati' } },
    );

    expect(site.emittedEvents.map((e) => [e.eventType, e.actorAccountId, e.viaApp])).toEqual([
      ['avi:jira:updated:issue', site.appAccountId, true],
      ['avi:jira:updated:issue', 'agent-marco', false],
    ]);
  });
});
