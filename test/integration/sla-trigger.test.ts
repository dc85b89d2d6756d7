/**
 * End to end: product events reach the real trigger through the real @forge SDKs, which recompute
 * the request's timers against the emulated site and write its SLA entity property.
 * The SLA rules themselves, long changelogs and rate limits are in sla-rules.test.ts.
 */
import { SEVERITY_FIELD_ID } from '../emulator/fixture-site';
import { JiraClient } from '../../src/jira/client';
import { searchIssues } from '../../src/jira/issues';
import { SLA_PROPERTY_KEY } from '../../src/services/sla-property';
import { useAppRuntime } from '../support/app-runtime';

const env = useAppRuntime();

const PROPERTY = SLA_PROPERTY_KEY;
const agent = { by: 'agent-marco' };

/** An anomaly opened by a customer at 09:10 Rome time, triaged severity 2 at 09:30. */
async function openAndTriage(): Promise<string> {
  const { site } = env;
  const request = site.createRequest(
    {
      requestType: 'Segnalazione errore su ClavisNG',
      reporter: 'cust-anna',
      summary: 'OPAC fermo',
      at: '2026-12-03T08:10:00Z',
    },
    { by: 'cust-anna' },
  );
  await env.runtime.clock.advance({ minutes: 30 });
  site.editIssue(request.key, { [SEVERITY_FIELD_ID]: 2 }, agent);
  site.transition(request.key, 'Prendi in carico', agent);
  return request.key;
}

describe('SLA trigger', () => {
  it('writes both clocks to the entity property when a request is triaged', async () => {
    const key = await openAndTriage();
    await env.runtime.deliverPending();

    const property = env.site.issueProperty(key, PROPERTY) as Record<string, any>;
    expect(property).toMatchObject({ kind: 'anomaly', severity: 2, severitySet: true });
    expect(property.response).toMatchObject({
      state: 'completed',
      goalMinutes: 60,
      breached: false,
    });
    expect(property.resolution).toMatchObject({ state: 'running', goalMinutes: 180 });
  });

  it('gives the same property for events delivered twice and shuffled', async () => {
    const key = await openAndTriage();
    await env.runtime.deliverPending({ order: 'shuffled', times: 2 });
    const shuffled = env.site.issueProperty(key, PROPERTY);
    expect(shuffled).toMatchObject({ severity: 2 });

    env.site.deleteIssueProperty(key, PROPERTY);
    env.site.editIssue(key, { summary: 'OPAC fermo (aggiornato)' }, agent);
    await env.runtime.deliverPending();
    expect(env.site.issueProperty(key, PROPERTY)).toEqual(shuffled);
  });

  it('does not write again when nothing changed', async () => {
    const key = await openAndTriage();
    await env.runtime.deliverPending();
    env.site.editIssue(key, { summary: 'OPAC fermo da stamattina' }, agent);
    await env.runtime.deliverPending();

    const last = env.runtime.invocations.at(-1);
    expect(last?.calls.writes).toBe(0);
    expect(last?.calls.reads).toBeLessThanOrEqual(2);
  });

  it('handles an event for a request deleted meanwhile quietly', async () => {
    const key = await openAndTriage();
    env.site.deleteIssue(key, agent);
    await env.runtime.deliverPending();

    const last = env.runtime.invocations.at(-1);
    expect(last?.kind).toBe('trigger');
    expect(last?.error).toBeUndefined();
    expect(last?.calls.writes).toBe(0);
  });

  it('makes the clocks searchable, so that a queue lists what is due first', async () => {
    const later = await openAndTriage();
    const sooner = env.site.createRequest(
      { requestType: 'Segnalazione errore su ClavisNG', reporter: 'cust-bruno', summary: 'RFID' },
      { by: 'cust-bruno' },
    ).key;
    env.site.editIssue(sooner, { [SEVERITY_FIELD_ID]: 1 }, agent);
    const service = env.site.createRequest(
      { requestType: 'Uso di DiscoveryNG', reporter: 'cust-anna', summary: 'Domanda' },
      { by: 'cust-anna' },
    ).key;
    await env.runtime.deliverPending();

    const jira = JiraClient.asApp(20_000);
    const queue = await searchIssues(
      jira,
      'project = SD AND slaResponseState = "running" ORDER BY slaResponseDue ASC',
      ['summary'],
    );
    expect(queue.map((issue) => issue.key)).toEqual([sooner, service]);
    const severe = await searchIssues(jira, 'project = SD AND slaSeverity <= 2', ['summary']);
    expect(severe.map((issue) => issue.key).sort()).toEqual([later, sooner].sort());
  });
});
