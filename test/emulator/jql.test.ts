/** JQL over issue properties: the small grammar the app needs, and loud rejection of the rest. */
import { buildFixtureSite } from './fixture-site';
import { call, takeViolations } from './helpers';
import type { JsmSite } from './site';

type Json = Record<string, any>;

function searchableSite(): JsmSite {
  const site = buildFixtureSite();
  site.indexEntityProperty({
    propertyKey: 'fixture-sla',
    values: [
      { path: 'state', type: 'string', searchAlias: 'fixtureState' },
      { path: 'severity', type: 'number', searchAlias: 'fixtureSeverity' },
      { path: 'dueAt', type: 'date', searchAlias: 'fixtureDue' },
    ],
  });
  const properties = [
    { state: 'open', severity: 2, dueAt: '2026-12-03T09:30:00.000Z' },
    { state: 'open', severity: 1, dueAt: '2026-12-03T08:45:00.000Z' },
    { state: 'paused', severity: 3, dueAt: '2026-12-04T12:00:00.000Z' },
  ];
  for (const [i, value] of properties.entries()) {
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: `Richiesta ${i + 1}` });
    site.setIssueProperty(`SD-${i + 1}`, 'fixture-sla', value);
  }
  site.createRequest({ requestType: '10', reporter: 'cust-bruno', summary: 'Senza proprietà' });
  site.transition('SD-4', 'In lavorazione', { by: 'agent-marco' });

  return site;
}

async function keys(
  site: JsmSite,
  jql: string,
  caller: 'app' | { accountId: string } = 'app',
): Promise<string[]> {
  const { status, body } = await call(site, 'POST', '/rest/api/3/search/jql', caller, {
    jql,
    fields: ['key'],
  });
  if (status !== 200) throw new Error(`search answered ${status}: ${JSON.stringify(body)}`);

  return ((body as Json).issues as Json[]).map((i) => i.key as string);
}

describe('JQL search', () => {
  it('filters on indexed property aliases and paths with their types', async () => {
    const site = searchableSite();

    expect(
      await keys(site, 'project = SD AND fixtureState = "open" ORDER BY fixtureSeverity ASC'),
    ).toEqual(['SD-2', 'SD-1']);
    expect(await keys(site, 'issue.property[fixture-sla].severity >= 2 ORDER BY key ASC')).toEqual([
      'SD-1',
      'SD-3',
    ]);
    expect(
      await keys(site, 'fixtureState in (open, paused) AND fixtureSeverity != 1 ORDER BY key ASC'),
    ).toEqual(['SD-1', 'SD-3']);
    expect(await keys(site, 'project = SD AND fixtureState is EMPTY')).toEqual(['SD-4']);
    expect(
      await keys(site, 'project = SD AND fixtureState is not EMPTY ORDER BY created DESC'),
    ).toEqual(['SD-3', 'SD-2', 'SD-1']);
    expect(site.specViolations).toEqual([]);
  });

  it('compares date properties with absolute, relative and now() values', async () => {
    const site = searchableSite();

    site.clock.set('2026-12-03T09:00:00Z');

    expect(await keys(site, 'fixtureDue <= "2026-12-03 10:30" ORDER BY fixtureDue ASC')).toEqual([
      'SD-2',
      'SD-1',
    ]);
    expect(await keys(site, 'fixtureDue < now()')).toEqual(['SD-2']);
    expect(await keys(site, 'fixtureDue > "1d"')).toEqual(['SD-3']);
  });

  it('filters on project, key, status and statusCategory', async () => {
    const site = searchableSite();

    expect(await keys(site, 'status = "In lavorazione"')).toEqual(['SD-4']);
    expect(
      await keys(site, 'statusCategory != Done AND key in (SD-1, SD-4) ORDER BY key ASC'),
    ).toEqual(['SD-1', 'SD-4']);
    expect(await keys(site, 'project = SD AND issuekey > SD-2 ORDER BY key DESC')).toEqual([
      'SD-4',
      'SD-3',
    ]);
  });

  it('returns only what the caller may see', async () => {
    const site = searchableSite();

    expect(await keys(site, 'project = SD ORDER BY key ASC', { accountId: 'cust-bruno' })).toEqual([
      'SD-4',
    ]);
  });

  it('pages with nextPageToken and isLast', async () => {
    const site = searchableSite();
    const body = { jql: 'project = SD ORDER BY key ASC', fields: ['key'], maxResults: 3 };

    const first = await call(site, 'POST', '/rest/api/3/search/jql', 'app', body);
    const second = await call(site, 'POST', '/rest/api/3/search/jql', 'app', {
      ...body,
      nextPageToken: (first.body as Json).nextPageToken,
    });

    expect((first.body as Json).isLast).toBe(false);
    expect((second.body as Json).issues.map((i: Json) => i.key)).toEqual(['SD-4']);
    expect(second.body).toMatchObject({ isLast: true });
    expect((second.body as Json).nextPageToken).toBeUndefined();
  });

  it.each([
    ['fixtureState = open OR fixtureSeverity = 1', /OR at position .* is not supported/],
    ['(fixtureState = open)', /parentheses/],
    ['summary ~ "prestito"', /Field 'summary' does not exist/],
    ['issue.property[fixture-sla].owner = x', /is not indexed by any jira:entityProperty module/],
    ['fixtureSeverity = high', /is indexed as a number; 'high' is not one/],
    ['fixtureState > open', /operator '>' cannot be used with fixtureState \(string\)/],
    ['project = SD ORDER BY fixtureState ASC, key DESC', /more than one field/],
    ['status was Aperta', /history operator was/],
    ['assignee = currentUser()', /Field 'assignee' does not exist/],
  ])('rejects %s loudly', async (jql, message) => {
    const site = searchableSite();

    const response = await call(site, 'POST', '/rest/api/3/search/jql', 'app', { jql });

    expect(response.status).toBe(400);
    const violations = takeViolations(site);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.kind).toBe('jql');
    expect(violations[0]?.problem).toMatch(message);
  });

  it('answers 400 without a violation for a value that does not exist, as Jira does', async () => {
    const site = searchableSite();

    const response = await call(site, 'POST', '/rest/api/3/search/jql', 'app', {
      jql: 'status = Sconosciuto',
    });

    expect(response.status).toBe(400);
    expect((response.body as Json).errorMessages).toEqual([
      "The value 'Sconosciuto' does not exist for the field 'status'.",
    ]);
    expect(site.specViolations).toEqual([]);
  });
});
