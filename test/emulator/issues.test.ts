/** The Jira platform endpoints: issues, changelogs, search, properties, transitions, links. */
import { buildFixtureSite, SEVERITY_FIELD_ID, STATUS } from './fixture-site';
import { call } from './helpers';
import type { JsmSite } from './site';

type Json = Record<string, any>;

function siteWithRequest(): JsmSite {
  const site = buildFixtureSite();
  site.createRequest({
    requestType: '10',
    reporter: 'cust-anna',
    summary: 'Il prestito non parte',
  });

  return site;
}

describe('GET /rest/api/3/issue', () => {
  it('returns the fields asked for, with Jira-formatted instants in the site zone', async () => {
    const site = siteWithRequest();

    const { status, body } = await call(
      site,
      'GET',
      '/rest/api/3/issue/SD-1?fields=status,created,customfield_10010',
    );

    expect(status).toBe(200);
    expect(Object.keys((body as Json).fields).sort()).toEqual([
      'created',
      'customfield_10010',
      'status',
    ]);
    expect((body as Json).fields.created).toBe('2026-12-03T09:00:00.000+0100');
    expect((body as Json).fields.status).toMatchObject({
      id: STATUS.aperta,
      name: 'Aperta',
      statusCategory: { key: 'new' },
    });
    expect((body as Json).fields.customfield_10010.requestType).toMatchObject({
      id: '10',
      name: 'Segnalazione errore su ClavisNG',
    });
    expect(site.specViolations).toEqual([]);
  });

  it('records every field change and transition in the changelog, with author and instant', async () => {
    const site = siteWithRequest();
    site.clock.advanceBy(20 * 60_000);
    site.editIssue('SD-1', { [SEVERITY_FIELD_ID]: 2 }, { by: 'agent-marco' });
    site.clock.advanceBy(10 * 60_000);
    site.transition('SD-1', 'Prendi in carico', { by: 'agent-marco' });
    site.transition('SD-1', 'Risolvi', { by: 'agent-giulia' });

    const { body } = await call(
      site,
      'GET',
      '/rest/api/3/issue/SD-1?fields=status&expand=changelog',
    );
    const histories = (body as Json).changelog.histories as Json[];

    expect((body as Json).changelog.total).toBe(3);
    expect(histories[2]).toMatchObject({
      author: { accountId: 'agent-marco', accountType: 'atlassian' },
      created: '2026-12-03T09:20:00.000+0100',
      items: [{ field: 'Gravità', fieldtype: 'custom', fieldId: SEVERITY_FIELD_ID, toString: '2' }],
    });
    expect(histories[1]?.items).toEqual([
      {
        field: 'status',
        fieldtype: 'jira',
        fieldId: 'status',
        from: STATUS.aperta,
        fromString: 'Aperta',
        to: STATUS.inLavorazione,
        toString: 'In lavorazione',
      },
    ]);
    expect(histories[0]?.items).toEqual([
      expect.objectContaining({ fieldId: 'status', toString: 'Risolta' }),
      {
        field: 'resolution',
        fieldtype: 'jira',
        fieldId: 'resolution',
        to: '10000',
        toString: 'Done',
      },
    ]);
    expect(site.specViolations).toEqual([]);
  });

  it('answers 404 to a customer for a request of another organization', async () => {
    const site = siteWithRequest();

    const stranger = await call(site, 'GET', '/rest/api/3/issue/SD-1', { accountId: 'cust-bruno' });
    const colleague = await call(site, 'GET', '/rest/api/3/issue/SD-1', {
      accountId: 'cust-carla',
    });

    expect(stranger.status).toBe(404);
    expect(stranger.body).toEqual({
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
    expect(colleague.status).toBe(200);
  });

  it('expands transitions, and refuses expansions it cannot render instead of ignoring them', async () => {
    const site = siteWithRequest();

    const expanded = await call(
      site,
      'GET',
      '/rest/api/3/issue/SD-1?fields=status&expand=transitions,names',
    );
    const refused = await call(site, 'GET', '/rest/api/3/issue/SD-1?expand=renderedFields');

    expect((expanded.body as Json).transitions.map((t: Json) => t.name)).toEqual([
      'Prendi in carico',
      'Chiedi informazioni',
      'Risolvi',
    ]);
    expect((expanded.body as Json).names).toEqual({ status: 'Status' });
    expect(refused.status).toBe(400);
    expect(site.specViolations.splice(0).map((v) => [v.kind, v.problems[0]])).toEqual([
      ['unsupported', expect.stringContaining('does not render expand=renderedFields')],
    ]);
  });

  it('hides internal comments from customers', async () => {
    const site = siteWithRequest();
    site.addComment('SD-1', { body: 'Serve il log', public: true }, { by: 'agent-marco' });
    site.addComment(
      'SD-1',
      { body: 'Forse un bug del modulo prestiti', public: false },
      { by: 'agent-marco' },
    );

    const agent = await call(site, 'GET', '/rest/api/3/issue/SD-1/comment', {
      accountId: 'agent-giulia',
    });
    const customer = await call(site, 'GET', '/rest/api/3/issue/SD-1/comment', {
      accountId: 'cust-anna',
    });

    expect(((agent.body as Json).comments as Json[]).map((c) => c.jsdPublic)).toEqual([
      true,
      false,
    ]);
    expect(
      ((customer.body as Json).comments as Json[]).map((c) => c.body.content[0].content[0].text),
    ).toEqual(['Serve il log']);
  });
});

describe('GET /rest/api/3/issue/{key}/changelog', () => {
  it('pages with startAt, maxResults and isLast, oldest first', async () => {
    const site = siteWithRequest();
    for (let i = 0; i < 5; i += 1)
      site.editIssue('SD-1', { summary: `Titolo ${i}` }, { by: 'agent-marco' });

    const first = await call(site, 'GET', '/rest/api/3/issue/SD-1/changelog?maxResults=2');
    const last = await call(site, 'GET', '/rest/api/3/issue/SD-1/changelog?startAt=4&maxResults=2');

    expect(first.body).toMatchObject({ startAt: 0, maxResults: 2, total: 5, isLast: false });
    expect(((first.body as Json).values as Json[]).map((v) => v.items[0].toString)).toEqual([
      'Titolo 0',
      'Titolo 1',
    ]);
    expect(last.body).toMatchObject({ startAt: 4, total: 5, isLast: true });
    expect(site.specViolations).toEqual([]);
  });
});

describe('POST /rest/api/3/changelog/bulkfetch', () => {
  it('returns the changelogs of several issues, filtered by field, paged by token', async () => {
    const site = siteWithRequest();
    site.createRequest({ requestType: '11', reporter: 'cust-bruno', summary: 'Report prestiti' });
    site.transition('SD-1', 'Prendi in carico', { by: 'agent-marco' });
    site.editIssue('SD-2', { summary: 'Report dei prestiti' }, { by: 'agent-marco' });
    site.transition('SD-2', 'Chiedi informazioni', { by: 'agent-marco' });

    const first = await call(site, 'POST', '/rest/api/3/changelog/bulkfetch', 'app', {
      issueIdsOrKeys: ['SD-1', 'SD-2'],
      fieldIds: ['status'],
      maxResults: 1,
    });
    const token = (first.body as Json).nextPageToken as string;
    const second = await call(site, 'POST', '/rest/api/3/changelog/bulkfetch', 'app', {
      issueIdsOrKeys: ['SD-1', 'SD-2'],
      fieldIds: ['status'],
      maxResults: 1,
      nextPageToken: token,
    });

    expect((first.body as Json).issueChangeLogs).toEqual([
      {
        issueId: site.issue('SD-1').id,
        changeHistories: [
          expect.objectContaining({
            items: [expect.objectContaining({ toString: 'In lavorazione' })],
          }),
        ],
      },
    ]);
    expect((second.body as Json).issueChangeLogs[0].issueId).toBe(site.issue('SD-2').id);
    expect((second.body as Json).nextPageToken).toBeUndefined();
    expect(site.specViolations).toEqual([]);
  });
});

describe('POST /rest/api/3/issue/bulkfetch', () => {
  it('returns visible issues and an error entry for the others', async () => {
    const site = siteWithRequest();

    const { body } = await call(site, 'POST', '/rest/api/3/issue/bulkfetch', 'app', {
      issueIdsOrKeys: ['SD-1', 'SD-99'],
      fields: ['summary'],
    });

    expect((body as Json).issues.map((i: Json) => i.key)).toEqual(['SD-1']);
    expect((body as Json).issueErrors).toEqual([
      { id: 'SD-99', errorMessage: expect.stringContaining('does not exist') },
    ]);
  });
});

describe('issue properties', () => {
  it('creates (201), updates (200), reads and deletes a property', async () => {
    const site = siteWithRequest();

    const created = await call(
      site,
      'PUT',
      '/rest/api/3/issue/SD-1/properties/fixture-sla',
      'app',
      { state: 'open' },
    );
    const updated = await call(
      site,
      'PUT',
      '/rest/api/3/issue/SD-1/properties/fixture-sla',
      'app',
      { state: 'paused' },
    );
    const read = await call(site, 'GET', '/rest/api/3/issue/SD-1/properties/fixture-sla');
    const keys = await call(site, 'GET', '/rest/api/3/issue/SD-1/properties');
    const deleted = await call(site, 'DELETE', '/rest/api/3/issue/SD-1/properties/fixture-sla');
    const missing = await call(site, 'GET', '/rest/api/3/issue/SD-1/properties/fixture-sla');

    expect([created.status, updated.status, deleted.status, missing.status]).toEqual([
      201, 200, 204, 404,
    ]);
    expect(read.body).toEqual({ key: 'fixture-sla', value: { state: 'paused' } });
    expect((keys.body as Json).keys.map((k: Json) => k.key)).toEqual(['fixture-sla']);
    expect(site.specViolations).toEqual([]);
  });

  it('refuses a customer writing a property, and a value over 32 KB', async () => {
    const site = siteWithRequest();

    const customer = await call(
      site,
      'PUT',
      '/rest/api/3/issue/SD-1/properties/x',
      { accountId: 'cust-anna' },
      { a: 1 },
    );
    const huge = await call(site, 'PUT', '/rest/api/3/issue/SD-1/properties/x', 'app', {
      text: 'x'.repeat(33_000),
    });

    expect(customer.status).toBe(403);
    expect(huge.status).toBe(400);
  });

  it('lists requested properties in the issue bean', async () => {
    const site = siteWithRequest();
    site.setIssueProperty('SD-1', 'fixture-sla', { state: 'open' });

    const { body } = await call(
      site,
      'GET',
      '/rest/api/3/issue/SD-1?fields=summary&properties=fixture-sla',
    );

    expect((body as Json).properties).toEqual({ 'fixture-sla': { state: 'open' } });
  });
});

describe('transitions', () => {
  it('lists the transitions of the current status and performs one', async () => {
    const site = siteWithRequest();

    const listed = await call(site, 'GET', '/rest/api/3/issue/SD-1/transitions');
    const done = await call(
      site,
      'POST',
      '/rest/api/3/issue/SD-1/transitions',
      { accountId: 'agent-marco' },
      { transition: { id: '11' } },
    );
    const refused = await call(site, 'POST', '/rest/api/3/issue/SD-1/transitions', 'app', {
      transition: { id: '11' },
    });

    expect(((listed.body as Json).transitions as Json[]).map((t) => [t.id, t.to.name])).toEqual([
      ['11', 'In lavorazione'],
      ['21', 'Attesa informazioni'],
      ['41', 'Risolta'],
    ]);
    expect(done.status).toBe(204);
    expect(site.issue('SD-1').statusId).toBe(STATUS.inLavorazione);
    expect(refused.status).toBe(400);
    expect(site.specViolations).toEqual([]);
  });
});

describe('PUT /rest/api/3/issue', () => {
  it('edits fields and labels with update operations, in one changelog entry', async () => {
    const site = siteWithRequest();

    const response = await call(
      site,
      'PUT',
      '/rest/api/3/issue/SD-1',
      { accountId: 'agent-marco' },
      {
        fields: { [SEVERITY_FIELD_ID]: 1, customfield_10002: [2] },
        update: { labels: [{ add: 'urgente' }] },
      },
    );

    expect(response.status).toBe(204);
    const entry = site.issue('SD-1').changelog.at(-1);
    expect(entry?.items.map((i) => [i.field, i.toString])).toEqual([
      ['Gravità', '1'],
      ['Organizations', '[Sistema bibliotecario]'],
      ['labels', 'urgente'],
    ]);
    expect(site.specViolations).toEqual([]);
  });

  it('answers 400 naming a field that cannot be set', async () => {
    const site = siteWithRequest();

    const response = await call(site, 'PUT', '/rest/api/3/issue/SD-1', 'app', {
      fields: { customfield_99999: 1 },
    });

    expect(response.status).toBe(400);
    expect((response.body as Json).errors).toEqual({
      customfield_99999: expect.stringContaining("Field 'customfield_99999' cannot be set"),
    });
  });
});

describe('issue links, versions and related work', () => {
  it('links a request to a work item and shows it on both sides', async () => {
    const site = siteWithRequest();
    site.createIssue({ projectKey: 'CNG', summary: 'Correggere il prestito' });

    const created = await call(
      site,
      'POST',
      '/rest/api/3/issueLink',
      { accountId: 'agent-marco' },
      {
        type: { name: 'Relates' },
        inwardIssue: { key: 'CNG-1' },
        outwardIssue: { key: 'SD-1' },
      },
    );
    const request = await call(site, 'GET', '/rest/api/3/issue/SD-1?fields=issuelinks');
    const work = await call(site, 'GET', '/rest/api/3/issue/CNG-1?fields=issuelinks');

    expect(created.status).toBe(201);
    expect((request.body as Json).fields.issuelinks).toEqual([
      expect.objectContaining({
        type: expect.objectContaining({ name: 'Relates' }),
        outwardIssue: expect.objectContaining({ key: 'CNG-1' }),
      }),
    ]);
    expect((work.body as Json).fields.issuelinks[0].inwardIssue.key).toBe('SD-1');
    expect(site.specViolations).toEqual([]);
  });

  it('does not show a customer the links to issues they cannot open', async () => {
    const site = siteWithRequest();
    site.createIssue({ projectKey: 'CNG', summary: 'Correggere il prestito' });
    site.linkIssues({ type: 'Relates', outward: 'SD-1', inward: 'CNG-1' }, { by: 'agent-marco' });

    const { body } = await call(site, 'GET', '/rest/api/3/issue/SD-1?fields=issuelinks', {
      accountId: 'cust-anna',
    });

    expect((body as Json).fields.issuelinks).toEqual([]);
  });

  it('lists project versions with their release state and related work', async () => {
    const site = buildFixtureSite();
    site.releaseVersion('20001', { releaseDate: '2026-12-04' }, { by: 'agent-marco' });

    const versions = await call(site, 'GET', '/rest/api/3/project/CNG/versions');
    const paged = await call(site, 'GET', '/rest/api/3/project/CNG/version?status=released');
    const related = await call(site, 'GET', '/rest/api/3/version/20001/relatedwork');

    expect(versions.body).toEqual([
      expect.objectContaining({
        id: '20001',
        name: '4.2',
        released: true,
        releaseDate: '2026-12-04',
        projectId: 10100,
      }),
    ]);
    expect((paged.body as Json).values).toHaveLength(1);
    expect(related.body).toEqual([
      {
        relatedWorkId: expect.any(String),
        category: 'Release notes',
        title: 'Note di rilascio 4.2',
        url: 'https://docs.example.com/clavisng/4.2',
      },
    ]);
    expect(site.specViolations).toEqual([]);
  });
});

describe('fields, users and permissions', () => {
  it("lists the app's Forge field with its extension ARI and the JSM fields", async () => {
    const site = buildFixtureSite();

    const { body } = await call(site, 'GET', '/rest/api/3/field');
    const byId = new Map((body as Json[]).map((f) => [f.id, f]));

    expect(byId.get(SEVERITY_FIELD_ID)?.schema).toEqual({
      type: 'number',
      custom:
        'ari:cloud:ecosystem::extension/8f0e5c8a-1111-4c8e-9d55-3c2f1b7a0e01/c7b8d2e4-0a1b-4c3d-9e8f-5a6b7c8d9e0f/static/severity-field',
      customId: 10050,
    });
    expect(byId.get('customfield_10002')?.schema.custom).toBe(
      'com.atlassian.servicedesk:sd-customer-organizations',
    );
    expect(byId.get('customfield_10010')?.name).toBe('Request Type');
  });

  it('tells account types apart and answers permission checks', async () => {
    const site = buildFixtureSite();

    const customer = await call(site, 'GET', '/rest/api/3/user?accountId=cust-anna');
    const app = await call(site, 'GET', '/rest/api/3/myself');
    const admin = await call(site, 'GET', '/rest/api/3/mypermissions?permissions=ADMINISTER', {
      accountId: 'agent-marco',
    });
    const agent = await call(site, 'GET', '/rest/api/3/mypermissions?permissions=ADMINISTER', {
      accountId: 'agent-giulia',
    });

    expect((customer.body as Json).accountType).toBe('customer');
    expect((app.body as Json).accountType).toBe('app');
    expect((admin.body as Json).permissions.ADMINISTER.havePermission).toBe(true);
    expect((agent.body as Json).permissions.ADMINISTER.havePermission).toBe(false);
    expect(site.specViolations).toEqual([]);
  });
});

describe('the old search', () => {
  it('answers 410 Gone, as Jira Cloud does', async () => {
    const site = buildFixtureSite();

    const response = await call(site, 'GET', '/rest/api/3/search?jql=project%20%3D%20SD');

    expect(response.status).toBe(410);
  });
});
