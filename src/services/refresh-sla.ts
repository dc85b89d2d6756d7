/**
 * Recomputes a request's SLA timers from its whole history and writes them to its entity
 * property when they changed. Because the history is read afresh each time, a duplicate, late or
 * missing event cannot make the property wrong.
 */
import type { JiraClient } from '../jira/client';
import { JiraNotFoundError } from '../jira/errors';
import { deleteIssueProperty, setIssueProperty } from '../jira/issues';
import type { SkipReason } from './request-history';
import { loadRequestTimers } from './request-timers';
import { SLA_PROPERTY_KEY, sameJson, slaProperty } from './sla-property';

export type RefreshOutcome =
  'written' | 'unchanged' | 'removed' | 'no-sla' | 'not-found' | SkipReason;

/** Recomputes and stores the timers of one request as of `now`. */
export async function refreshSla(
  jira: JiraClient,
  issueId: string,
  now: Date,
): Promise<RefreshOutcome> {
  const loaded = await loadRequestTimers(jira, issueId, now);
  if (typeof loaded === 'string') return loaded;

  const { issue, kind, severity, severitySet, timers } = loaded;
  const existing = issue.properties?.[SLA_PROPERTY_KEY];
  try {
    if (timers === null || severity === null) {
      // A request corrected to a suggestion at triage loses the clocks it had.
      if (existing === undefined) return 'no-sla';
      await deleteIssueProperty(jira, issue.id, SLA_PROPERTY_KEY);
      return 'removed';
    }

    const value = slaProperty(kind, severity, severitySet, timers);
    if (sameJson(existing, value)) return 'unchanged';
    await setIssueProperty(jira, issue.id, SLA_PROPERTY_KEY, value);
    return 'written';
  } catch (error) {
    // The request was deleted between the read and the write: nothing is left to keep.
    if (error instanceof JiraNotFoundError) return 'not-found';
    throw error;
  }
}
