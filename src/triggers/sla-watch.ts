/** Scheduled trigger: marks clocks breached once their goal has passed without an event. */
import { SupportPolicyError } from '../errors';
import { JiraClient } from '../jira/client';
import { timing } from '../jira/timing';
import { refreshDueSlas } from '../services/refresh-due-slas';

/** The function's timeout is 300 s (manifest.yml); the pass stops well before it. */
const BUDGET_MS = 240_000;

export async function onSlaWatch(): Promise<void> {
  const deadline = timing.now() + BUDGET_MS;
  try {
    const result = await refreshDueSlas(JiraClient.asApp(BUDGET_MS), new Date(), deadline);
    console.info('sla watch done', {
      found: result.found,
      deferred: result.deferred,
      ...result.outcomes,
    });
  } catch (error) {
    if (error instanceof SupportPolicyError) {
      console.error('sla watch failed', { error: error.name, message: error.message });
    }
    throw error;
  }
}
