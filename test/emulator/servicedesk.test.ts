/** The JSM endpoints, and JSM's visibility: customers see their own and their organization's requests. */
import { buildFixtureSite } from './fixture-site';
import { call } from './helpers';

type Json = Record<string, any>;

describe('request types and groups', () => {
  it('pages request types with start, limit and isLastPage', async () => {
    const site = buildFixtureSite();

    const first = await call(site, 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype?limit=2');
    const second = await call(
      site,
      'GET',
      '/rest/servicedeskapi/servicedesk/1/requesttype?start=2&limit=2',
    );

    expect(first.body).toMatchObject({ start: 0, limit: 2, size: 2, isLastPage: false });
    expect((second.body as Json).values.map((t: Json) => t.name)).toEqual(['Uso di DiscoveryNG']);
    expect((second.body as Json).isLastPage).toBe(true);
    expect(site.specViolations).toEqual([]);
  });

  it('places a request type in several groups and filters by group', async () => {
    const site = buildFixtureSite();

    const discovery = await call(
      site,
      'GET',
      '/rest/servicedeskapi/servicedesk/1/requesttype?groupId=2',
    );
    const groups = await call(site, 'GET', '/rest/servicedeskapi/servicedesk/1/requesttypegroup');

    expect((discovery.body as Json).values.map((t: Json) => [t.name, t.groupIds])).toEqual([
      ['Statistiche, report e stampe', ['1', '2']],
      ['Uso di DiscoveryNG', ['2']],
    ]);
    expect((groups.body as Json).values).toEqual([
      { id: '1', name: 'Clavis' },
      { id: '2', name: 'DiscoveryNG' },
    ]);
  });
});

describe('customer requests', () => {
  it('raises a request as a customer, shared with their organization', async () => {
    const site = buildFixtureSite();

    const { status, body } = await call(
      site,
      'POST',
      '/rest/servicedeskapi/request',
      { accountId: 'cust-anna' },
      {
        serviceDeskId: '1',
        requestTypeId: '10',
        requestFieldValues: { summary: 'Il prestito non parte', description: 'Errore 500' },
      },
    );

    expect(status).toBe(201);
    expect(body).toMatchObject({
      issueKey: 'SD-1',
      requestTypeId: '10',
      reporter: { accountId: 'cust-anna' },
      currentStatus: { status: 'Aperta', statusCategory: 'NEW' },
    });
    expect(site.issue('SD-1').organizationIds).toEqual(['1']);
    expect(site.specViolations).toEqual([]);
  });

  it('lets a customer see their own and their organization’s requests, and answers 404 otherwise', async () => {
    const site = buildFixtureSite();
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });
    site.createRequest({ requestType: '10', reporter: 'cust-bruno', summary: 'Cataloghi' });
    site.createRequest({
      requestType: '10',
      reporter: 'cust-carla',
      summary: 'Solo mia',
      organizations: [],
    });

    const colleague = await call(site, 'GET', '/rest/servicedeskapi/request/SD-1', {
      accountId: 'cust-carla',
    });
    const stranger = await call(site, 'GET', '/rest/servicedeskapi/request/SD-1', {
      accountId: 'cust-bruno',
    });
    const privateOne = await call(site, 'GET', '/rest/servicedeskapi/request/SD-3', {
      accountId: 'cust-anna',
    });
    const agent = await call(site, 'GET', '/rest/servicedeskapi/request/SD-2', {
      accountId: 'agent-giulia',
    });
    const list = await call(site, 'GET', '/rest/servicedeskapi/request', {
      accountId: 'cust-carla',
    });

    expect([colleague.status, stranger.status, privateOne.status, agent.status]).toEqual([
      200, 404, 404, 200,
    ]);
    expect((list.body as Json).values.map((r: Json) => r.issueKey).sort()).toEqual([
      'SD-1',
      'SD-3',
    ]);
    expect(site.specViolations).toEqual([]);
  });

  it('keeps internal comments from customers and from public listings', async () => {
    const site = buildFixtureSite();
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });

    await call(
      site,
      'POST',
      '/rest/servicedeskapi/request/SD-1/comment',
      { accountId: 'agent-marco' },
      { body: 'Ci guardiamo', public: true },
    );
    await call(
      site,
      'POST',
      '/rest/servicedeskapi/request/SD-1/comment',
      { accountId: 'agent-marco' },
      { body: 'Bug noto', public: false },
    );
    const refused = await call(
      site,
      'POST',
      '/rest/servicedeskapi/request/SD-1/comment',
      { accountId: 'cust-anna' },
      { body: 'Nascosto?', public: false },
    );
    const customer = await call(site, 'GET', '/rest/servicedeskapi/request/SD-1/comment', {
      accountId: 'cust-anna',
    });
    const internalOnly = await call(
      site,
      'GET',
      '/rest/servicedeskapi/request/SD-1/comment?public=false',
      { accountId: 'agent-giulia' },
    );

    expect(refused.status).toBe(403);
    expect((customer.body as Json).values.map((c: Json) => c.body)).toEqual(['Ci guardiamo']);
    expect((internalOnly.body as Json).values.map((c: Json) => [c.body, c.public])).toEqual([
      ['Bug noto', false],
    ]);
    expect(site.specViolations).toEqual([]);
  });

  it('lists the status history, most recent first', async () => {
    const site = buildFixtureSite();
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });
    site.clock.advanceBy(3_600_000);
    site.transition('SD-1', 'In lavorazione', { by: 'agent-marco' });

    const { body } = await call(site, 'GET', '/rest/servicedeskapi/request/SD-1/status');

    expect((body as Json).values.map((s: Json) => [s.status, s.statusDate.iso8601])).toEqual([
      ['In lavorazione', '2026-12-03T10:00:00+0100'],
      ['Aperta', '2026-12-03T09:00:00+0100'],
    ]);
  });

  it('offers customers only the customer transitions, and performs one with a comment', async () => {
    const site = buildFixtureSite();
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });

    const offered = await call(site, 'GET', '/rest/servicedeskapi/request/SD-1/transition', {
      accountId: 'cust-anna',
    });
    const done = await call(
      site,
      'POST',
      '/rest/servicedeskapi/request/SD-1/transition',
      { accountId: 'cust-anna' },
      {
        id: '41',
        additionalComment: { body: 'Risolto da solo' },
      },
    );
    const agentOnly = await call(
      site,
      'POST',
      '/rest/servicedeskapi/request/SD-1/transition',
      { accountId: 'cust-anna' },
      { id: '51' },
    );

    expect((offered.body as Json).values).toEqual([{ id: '41', name: 'Risolvi' }]);
    expect(done.status).toBe(204);
    expect(site.status(site.issue('SD-1').statusId).name).toBe('Risolta');
    expect(site.issue('SD-1').comments.map((c) => [c.text, c.public])).toEqual([
      ['Risolto da solo', true],
    ]);
    expect(agentOnly.status).toBe(400);
    expect(site.specViolations).toEqual([]);
  });
});

describe('organizations', () => {
  it('lists organizations and their members for agents, and only their own for customers', async () => {
    const site = buildFixtureSite();

    const all = await call(site, 'GET', '/rest/servicedeskapi/servicedesk/1/organization', {
      accountId: 'agent-marco',
    });
    const mine = await call(site, 'GET', '/rest/servicedeskapi/organization', {
      accountId: 'cust-bruno',
    });
    const members = await call(site, 'GET', '/rest/servicedeskapi/organization/1/user', {
      accountId: 'agent-marco',
    });

    expect((all.body as Json).values.map((o: Json) => o.name)).toEqual([
      'Biblioteca civica',
      'Sistema bibliotecario',
    ]);
    expect((mine.body as Json).values.map((o: Json) => o.name)).toEqual(['Sistema bibliotecario']);
    expect((members.body as Json).values.map((u: Json) => u.accountId)).toEqual([
      'cust-anna',
      'cust-carla',
    ]);
    expect(site.specViolations).toEqual([]);
  });
});
