/**
 * A running clock becomes breached as time passes, with no event on the request. The SLA
 * property stores the breach as of its last refresh, so queues filtering on it would miss such a
 * request; this pass finds running clocks whose due instant has passed and refreshes them.
 */
import type { JiraClient } from '../jira/client';
import { searchIssues } from '../jira/issues';
import { timing } from '../jira/timing';
import { refreshSla, type RefreshOutcome } from './refresh-sla';

/** JQL of running clocks, not yet marked breached, whose goal has been reached. */
export const DUE_CLOCKS_JQL = [
  'slaResponseState = "running" AND slaResponseBreached = "false" AND slaResponseDue <= now()',
  'slaResolutionState = "running" AND slaResolutionBreached = "false" AND slaResolutionDue <= now()',
];

export interface DueRefresh {
  found: number;
  outcomes: Partial<Record<RefreshOutcome, number>>;
  /** Requests left for the next pass because the time budget ran out. */
  deferred: number;
}

/** Refreshes every request with a clock just past its goal, until `deadline` (epoch ms). */
export async function refreshDueSlas(
  jira: JiraClient,
  now: Date,
  deadline: number,
): Promise<DueRefresh> {
  const ids = new Set<string>();
  for (const jql of DUE_CLOCKS_JQL) {
    for (const issue of await searchIssues(jira, jql, ['id'])) ids.add(issue.id);
  }

  const outcomes: DueRefresh['outcomes'] = {};
  let done = 0;
  for (const id of ids) {
    if (timing.now() >= deadline) break;
    const outcome = await refreshSla(jira, id, now);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    done += 1;
  }
  return { found: ids.size, outcomes, deferred: ids.size - done };
}
