/**
 * Each rule family of the SLA (SPEC §4) on a live request: agents and customers act on the
 * emulated site, events reach the real trigger, and the entity property says what the rule says.
 * The fixture site opens on Thursday 2026-12-03 at 09:00 in Rome (08:00Z); the support calendar
 * works 09:00–13:00 and 14:00–18:00 there.
 */
import { DateTime } from 'luxon';
import { defaultConfig } from '../../src/core/config/defaults';
import { saveConfig } from '../../src/storage/config';
import { closeExternalCause, recordExternalCause } from '../../src/storage/external-causes';
import { SEVERITY_FIELD_ID } from '../emulator/fixture-site';
import { SLA_PROPERTY_KEY } from '../../src/services/sla-property';
import { useAppRuntime } from '../support/app-runtime';

const env = useAppRuntime();

const PROPERTY = SLA_PROPERTY_KEY;
const agent = { by: 'agent-marco' };
const ANOMALY = 'Segnalazione errore su ClavisNG';

/** Moves the simulated clock to a wall-clock time of 3 December 2026 in Rome. */
async function until(time: string): Promise<void> {
  const target = DateTime.fromISO(`2026-12-03T${time}`, { zone: 'Europe/Rome' }).toMillis();
  await env.runtime.clock.advance({ minutes: (target - env.runtime.clock.now()) / 60_000 });
}

function open(reporter = 'cust-anna', requestType = ANOMALY): string {
  return env.site.createRequest({ requestType, reporter, summary: 'OPAC fermo' }, { by: reporter })
    .key;
}

/** The property after every pending event has reached the trigger. */
async function property(key: string): Promise<Record<string, any>> {
  await env.runtime.deliverPending();
  return env.site.issueProperty(key, PROPERTY) as Record<string, any>;
}

/** Touches the request so that the trigger runs again at the current instant. */
function touch(key: string): void {
  env.site.editIssue(key, { summary: `OPAC fermo (${env.runtime.clock.now()})` }, agent);
}

const rome = (iso: string | null) =>
  iso && DateTime.fromISO(iso).setZone('Europe/Rome').toFormat('HH:mm');

describe('the SLA on a live request', () => {
  it('stops the response clock at take-in-charge and starts resolution there', async () => {
    const key = open();
    await until('09:20');
    env.site.editIssue(key, { [SEVERITY_FIELD_ID]: 2 }, agent);
    env.site.transition(key, 'Prendi in carico', agent);

    const sla = await property(key);
    // Response 09:00–09:20 = 20 of 60; resolution 180 from 09:20: 220 to 13:00 → due 12:20.
    expect(sla.response).toMatchObject({ state: 'completed', elapsedMinutes: 20, goalMinutes: 60 });
    expect(sla.resolution).toMatchObject({ state: 'running', goalMinutes: 180, breached: false });
    expect(rome(sla.resolution.dueAt)).toBe('12:20');
  });

  it('pauses resolution while waiting for the customer and resumes on the answer', async () => {
    const key = open();
    await until('09:20');
    env.site.editIssue(key, { [SEVERITY_FIELD_ID]: 2 }, agent);
    env.site.transition(key, 'Prendi in carico', agent);
    await until('10:00');
    env.site.transition(key, 'Chiedi informazioni', agent);

    // 09:20–10:00 counted 40; waiting since.
    expect((await property(key)).resolution).toMatchObject({
      state: 'paused',
      pauseReason: 'waiting',
      elapsedMinutes: 40,
    });

    await until('11:30');
    env.site.transition(key, 'Riprendi', agent);
    // 140 left from 11:30: 90 to 13:00, 50 after 14:00 → due 14:50.
    const sla = await property(key);
    expect(sla.resolution.state).toBe('running');
    expect(rome(sla.resolution.dueAt)).toBe('14:50');
  });

  it('does not count an external cause recorded after the fact', async () => {
    const key = open();
    await until('09:20');
    env.site.editIssue(key, { [SEVERITY_FIELD_ID]: 2 }, agent);
    env.site.transition(key, 'Prendi in carico', agent);
    await property(key);
    await until('12:00');

    const issueId = env.site.issue(key).id;
    const start = DateTime.fromISO('2026-12-03T10:00', { zone: 'Europe/Rome' }).toJSDate();
    await recordExternalCause(
      issueId,
      { start: start.toISOString(), end: null, reason: 'Internet down', recordedBy: 'agent-marco' },
      new Date(env.runtime.clock.now()),
    );
    await closeExternalCause(issueId, new Date(Date.parse(start.toISOString()) + 60 * 60_000));
    touch(key);

    // Counted 09:20–10:00 and from 11:00: 140 left at 11:00, 120 to 13:00, 20 after 14:00 → 14:20;
    // the reason stays in Forge storage, out of the property.
    const sla = await property(key);
    expect(rome(sla.resolution.dueAt)).toBe('14:20');
    expect(JSON.stringify(sla)).not.toMatch(/Internet|agent-marco/);
  });

  it('re-applies a severity raised late to the whole response cycle', async () => {
    const key = open();
    await until('11:30');
    env.site.editIssue(key, { [SEVERITY_FIELD_ID]: 2 }, agent);

    // 150 minutes in Aperta: past the 60 of severity 2, which fell at 10:00.
    const sla = await property(key);
    expect(sla).toMatchObject({ severity: 2, severitySet: true });
    expect(sla.response).toMatchObject({ state: 'running', goalMinutes: 60, breached: true });
    expect(rome(sla.response.dueAt)).toBe('10:00');
  });

  it('follows the provisional severity of the kind until triage sets one', async () => {
    const key = open('cust-anna', 'Statistiche, report e stampe');
    const sla = await property(key);
    expect(sla).toMatchObject({ kind: 'service', severity: 4, severitySet: false });
    expect(sla.response.goalMinutes).toBe(240);
  });

  it('resumes the same resolution cycle when a resolved request is reopened', async () => {
    const key = open();
    await until('09:20');
    env.site.editIssue(key, { [SEVERITY_FIELD_ID]: 3 }, agent);
    env.site.transition(key, 'Prendi in carico', agent);
    await until('10:20');
    env.site.transition(key, 'Risolvi', agent);
    expect((await property(key)).resolution).toMatchObject({
      state: 'completed',
      elapsedMinutes: 60,
    });

    await until('15:00');
    env.site.transition(key, 'Riapri', { by: 'cust-anna' });
    // 60 counted before; 420 of 480 left from 15:00: 180 today, 240 on Friday 09:00–13:00.
    const sla = await property(key);
    expect(sla.resolution).toMatchObject({ state: 'running', stoppedAt: null });
    expect(DateTime.fromISO(sla.resolution.dueAt).setZone('Europe/Rome').toISO()).toBe(
      '2026-12-04T13:00:00.000+01:00',
    );
  });

  it('stops only the response clock when the customer resolves before take-in-charge', async () => {
    const key = open();
    await until('09:30');
    env.site.transition(key, 'Risolvi', { by: 'cust-anna' });

    const sla = await property(key);
    expect(sla.response).toMatchObject({ state: 'completed', elapsedMinutes: 30 });
    expect(sla.resolution.state).toBe('not-started');
  });

  it("runs an organization's contract on its own calendar", async () => {
    const config = defaultConfig();
    config.organizations['Biblioteca civica'] = { severities: { '2': { calendar: '24x7' } } };
    await saveConfig(config);
    await until('18:30');
    const contract = open('cust-anna');
    const standard = open('cust-bruno');
    for (const key of [contract, standard])
      env.site.editIssue(key, { [SEVERITY_FIELD_ID]: 2 }, agent);
    await until('19:30');
    touch(contract);
    touch(standard);

    // 24×7 counts 18:30–19:30 and due lands at 19:30 exactly: not a breach. The support
    // calendar counts nothing after 18:00, so the other request is due Friday at 10:00.
    const [withContract, without] = [await property(contract), await property(standard)];
    expect(rome(withContract.response.dueAt)).toBe('19:30');
    expect(withContract.response.breached).toBe(false);
    expect(DateTime.fromISO(without.response.dueAt).setZone('Europe/Rome').toISO()).toBe(
      '2026-12-04T10:00:00.000+01:00',
    );
  });

  it('reads a changelog longer than one page within the call budget', async () => {
    const key = open();
    env.site.withoutEvents(() => {
      for (let i = 0; i < 130; i++) env.site.editIssue(key, { summary: `nota ${i}` }, agent);
    });
    await until('09:20');
    env.site.editIssue(key, { [SEVERITY_FIELD_ID]: 2 }, agent);
    env.site.transition(key, 'Prendi in carico', agent);

    const sla = await property(key);
    expect(sla.response).toMatchObject({ state: 'completed', elapsedMinutes: 20 });
    const last = env.runtime.invocations.at(-1);
    expect(last?.calls.reads).toBe(2);
    expect(last?.calls.writes).toBeLessThanOrEqual(1);
  });

  it('keeps every write when 30 % of Jira calls are rate limited', async () => {
    const key = open();
    await until('09:20');
    env.site.editIssue(key, { [SEVERITY_FIELD_ID]: 2 }, agent);
    env.site.transition(key, 'Prendi in carico', agent);
    const limited = env.site.faults.add({ type: 'rate-limit' }, { probability: 0.3 });
    const withFaults = await property(key);
    limited.remove();

    expect(limited.hits).toBeGreaterThan(0);
    env.site.deleteIssueProperty(key, PROPERTY);
    touch(key);
    expect(await property(key)).toEqual(withFaults);
  });

  it('marks a running clock breached when its goal passes without any event', async () => {
    const key = open();
    await until('09:20');
    env.site.editIssue(key, { [SEVERITY_FIELD_ID]: 2 }, agent);
    env.site.transition(key, 'Prendi in carico', agent);
    await property(key);

    // Resolution is due at 12:20; the five-minute watch runs as the clock passes it.
    await until('12:15');
    expect(env.site.issueProperty(key, PROPERTY)).toMatchObject({
      resolution: { breached: false },
    });
    await until('12:30');
    expect(env.site.issueProperty(key, PROPERTY)).toMatchObject({
      resolution: { state: 'running', breached: true },
    });
    const watches = env.runtime.invocations.filter((run) => run.kind === 'scheduledTrigger');
    expect(watches.length).toBeGreaterThan(30);
    expect(watches.every((run) => run.calls.writes <= 1)).toBe(true);
  });
});
