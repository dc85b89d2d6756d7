/** Every request is checked against the OpenAPI specs; what they do not describe fails the test. */
import { buildFixtureSite } from './fixture-site';
import { call, takeViolations } from './helpers';
import { SpecViolationError } from './site';

describe('spec validation', () => {
  it('answers 400 and records a path no spec describes', async () => {
    const site = buildFixtureSite();

    const response = await call(site, 'GET', '/rest/api/3/issue/SD-1/sla');

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('matches no operation');
    expect(takeViolations(site)).toEqual([
      {
        kind: 'spec',
        problem:
          'GET /rest/api/3/issue/SD-1/sla matches no operation of the Jira or JSM OpenAPI specs',
      },
    ]);
  });

  it('names the methods a path does have when the method is wrong', async () => {
    const site = buildFixtureSite();

    await call(site, 'PATCH', '/rest/api/3/issue/SD-1');

    expect(takeViolations(site)[0]?.problem).toMatch(
      /has only .*GET \/rest\/api\/3\/issue\/\{issueIdOrKey\}/,
    );
  });

  it('rejects an undescribed query parameter and a mistyped one', async () => {
    const site = buildFixtureSite();

    await call(site, 'GET', '/rest/api/3/issue/SD-1/changelog?startAt=abc&limit=5');

    expect(site.specViolations).toHaveLength(1);
    expect(site.specViolations[0]?.problems).toEqual([
      "query parameter 'startAt' value 'abc' is not an integer",
      "query parameter 'limit' is not described for GET /rest/api/3/issue/{issueIdOrKey}/changelog (described: startAt, maxResults)",
    ]);
  });

  it('rejects a body the requestBody schema refuses, naming the property', async () => {
    const site = buildFixtureSite();

    const response = await call(site, 'POST', '/rest/api/3/search/jql', 'app', {
      jql: 'project = SD',
      startAt: 0,
    });

    expect(response.status).toBe(400);
    expect(takeViolations(site)).toEqual([
      {
        kind: 'spec',
        problem: expect.stringContaining("has property 'startAt', which the schema does not allow"),
      },
    ]);
  });

  it('resolves $refs when checking nested bodies', async () => {
    const site = buildFixtureSite();
    site.createIssue({ projectKey: 'CNG', summary: 'Export' });

    await call(site, 'POST', '/rest/api/3/issueLink', 'app', {
      type: { name: 'Relates' },
      inwardIssue: { key: 'CNG-1', colour: 'red' },
      outwardIssue: { key: 'CNG-1' },
    });

    expect(takeViolations(site)[0]?.problem).toContain("body/inwardIssue has property 'colour'");
  });

  it('rejects a JSON body sent without the JSON content type', async () => {
    const site = buildFixtureSite();

    await site.handle({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      caller: 'app',
      body: '{"jql":"project = SD"}',
    });

    expect(takeViolations(site)[0]?.problem).toContain("Content-Type '(none)'");
  });

  it('records a body sent to an operation that takes none', async () => {
    const site = buildFixtureSite();

    await call(site, 'GET', '/rest/api/3/field', 'app', { any: 1 });

    expect(takeViolations(site)[0]?.problem).toContain('takes no request body');
  });

  it('accepts calls the specs describe and records nothing', async () => {
    const site = buildFixtureSite();
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Non parte' });

    const responses = await Promise.all([
      call(
        site,
        'GET',
        '/rest/api/3/issue/SD-1?fields=status,summary&expand=changelog&properties=*all',
      ),
      call(site, 'POST', '/rest/api/3/search/jql', 'app', {
        jql: 'project = SD',
        fields: ['status'],
        maxResults: 10,
      }),
      call(site, 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype?start=0&limit=2'),
    ]);

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(site.specViolations).toEqual([]);
  });

  it('refuses an experimental JSM call without the opt-in header, with 412', async () => {
    const site = buildFixtureSite();
    const body = { name: 'Apparati RFID', issueTypeId: '10100', helpText: 'Dispositivi RFID' };

    const refused = await call(
      site,
      'POST',
      '/rest/servicedeskapi/servicedesk/1/requesttype',
      'app',
      body,
    );
    const accepted = await call(
      site,
      'POST',
      '/rest/servicedeskapi/servicedesk/1/requesttype',
      'app',
      body,
      {
        'X-ExperimentalApi': 'opt-in',
      },
    );

    expect(refused.status).toBe(412);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      name: 'Apparati RFID',
      serviceDeskId: '1',
      groupIds: [],
    });
  });

  it('answers 401 and records a call whose scopes the app was not granted', async () => {
    const site = buildFixtureSite();

    const response = await site.handle({
      method: 'GET',
      path: '/rest/api/3/field',
      caller: 'app',
      grantedScopes: ['storage:app'],
    });

    expect(response.status).toBe(401);
    expect(takeViolations(site)).toEqual([
      { kind: 'scope', problem: expect.stringContaining('read:jira-work') },
    ]);
  });

  it('records an operation the specs describe but the emulator does not implement, with 501', async () => {
    const site = buildFixtureSite();

    const response = await call(site, 'GET', '/rest/api/3/dashboard');

    expect(response.status).toBe(501);
    expect(takeViolations(site)[0]).toEqual({
      kind: 'unsupported',
      problem: expect.stringContaining('getAllDashboards'),
    });
  });

  it('throws every recorded violation from assertNoSpecViolations, then starts clean', async () => {
    const site = buildFixtureSite();
    await call(site, 'GET', '/rest/api/3/nothing');
    await call(site, 'GET', '/rest/api/3/field?foo=1');

    expect(() => site.assertNoSpecViolations()).toThrow(SpecViolationError);
    expect(() => site.assertNoSpecViolations()).not.toThrow();
  });
});
