/** Product trigger: a customer request was created or changed, so its SLA timers are refreshed. */
import { SupportPolicyError } from '../errors';
import { JiraClient } from '../jira/client';
import { refreshSla } from '../services/refresh-sla';

/** Product triggers have 25 s; retries stop early enough to leave room for the write. */
const BUDGET_MS = 20_000;

export interface IssueEvent {
  eventType?: string;
  issue?: { id?: string; key?: string };
}

export async function onRequestChanged(event: IssueEvent): Promise<void> {
  const issueId = event.issue?.id;
  if (!issueId) {
    console.warn('sla refresh skipped: event without an issue id', { eventType: event.eventType });
    return;
  }

  try {
    const outcome = await refreshSla(JiraClient.asApp(BUDGET_MS), issueId, new Date());
    console.info('sla refreshed', { issueId, outcome });
  } catch (error) {
    if (!(error instanceof SupportPolicyError)) throw error;
    // Known failures are logged without payloads; the run is still marked failed so it shows.
    console.error('sla refresh failed', { issueId, error: error.name, message: error.message });
    throw error;
  }
}
