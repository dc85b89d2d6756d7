/**
 * Recomputes a request's SLA timers from its whole history and writes them to its entity
 * property when they changed. Because the history is read afresh each time, a duplicate, late or
 * missing event cannot make the property wrong.
 */
import type { PolicyConfig } from '../core/config/types';
import { computeTimers, provisionalSeverity } from '../core/sla';
import type { JiraClient } from '../jira/client';
import { JiraNotFoundError } from '../jira/errors';
import { findPolicyFields } from '../jira/fields';
import { deleteIssueProperty, getIssueWithHistory, setIssueProperty } from '../jira/issues';
import { SupportPolicyError } from '../errors';
import { loadSlaInputs, saveJiraFieldIds, type JiraFieldIds } from '../storage/sla-inputs';
import { requestHistory, type SkipReason } from './request-history';
import { SLA_PROPERTY_KEY, sameJson, slaProperty } from './sla-property';

export type RefreshOutcome =
  'written' | 'unchanged' | 'removed' | 'no-sla' | 'not-found' | SkipReason;

/** The app's severity field is not on the site: the app is not installed there properly. */
export class SeverityFieldMissingError extends SupportPolicyError {
  override name = 'SeverityFieldMissingError';

  constructor() {
    super('the Gravità field of the app is not on this site; reinstall the app with forge install');
  }
}

async function fieldIds(jira: JiraClient, cached: JiraFieldIds | undefined): Promise<JiraFieldIds> {
  if (cached) return cached;

  const found = await findPolicyFields(jira);
  if (!found.severity) throw new SeverityFieldMissingError();
  const fields = { ...found, severity: found.severity };
  await saveJiraFieldIds(fields);
  return fields;
}

function severityFieldOf(config: PolicyConfig, fields: JiraFieldIds): JiraFieldIds {
  const source = config.severitySource;
  return source.kind === 'custom-field' ? { ...fields, severity: source.fieldId } : fields;
}

/** Recomputes and stores the timers of one request as of `now`. */
export async function refreshSla(
  jira: JiraClient,
  issueId: string,
  now: Date,
): Promise<RefreshOutcome> {
  const stored = await loadSlaInputs(issueId);
  const fields = severityFieldOf(stored.config, await fieldIds(jira, stored.fields));
  const wanted = ['status', 'created', fields.severity, fields.organizations, fields.requestType];

  try {
    const { issue, changelog } = await getIssueWithHistory(
      jira,
      issueId,
      wanted.filter((field): field is string => field !== null),
      SLA_PROPERTY_KEY,
    );
    const history = requestHistory(issue, changelog, fields, stored.config, stored.externalCauses);
    if (typeof history === 'string') return history;

    const kind = history.catalogueType.kind;
    const existing = issue.properties?.[SLA_PROPERTY_KEY];
    const timers = computeTimers(
      { kind, organization: history.organization },
      history.events,
      stored.config,
      now,
    );
    const severity = history.severity ?? provisionalSeverity(kind);
    if (timers === null || severity === null) {
      // A request corrected to a suggestion at triage loses the clocks it had.
      if (existing === undefined) return 'no-sla';
      await deleteIssueProperty(jira, issue.id, SLA_PROPERTY_KEY);
      return 'removed';
    }

    const value = slaProperty(kind, severity, history.severity !== null, timers);
    if (sameJson(existing, value)) return 'unchanged';
    await setIssueProperty(jira, issue.id, SLA_PROPERTY_KEY, value);
    return 'written';
  } catch (error) {
    // The request was deleted after the event was sent: nothing is left to keep.
    if (error instanceof JiraNotFoundError) return 'not-found';
    throw error;
  }
}
