/**
 * Reads a request's whole history and computes its SLA timers as of `now`, without writing
 * anything: what the SLA refresh stores, and what an agent's view shows live.
 */
import type { RequestKind } from '../core/catalogue';
import type { PolicyConfig } from '../core/config/types';
import type { Severity } from '../core/severity';
import { computeTimers, provisionalSeverity, type Timers } from '../core/sla';
import { SupportPolicyError } from '../errors';
import type { JiraClient } from '../jira/client';
import { JiraNotFoundError } from '../jira/errors';
import { findPolicyFields } from '../jira/fields';
import { getIssueWithHistory } from '../jira/issues';
import type { IssueBean } from '../jira/types';
import { loadSlaInputs, saveJiraFieldIds, type JiraFieldIds } from '../storage/sla-inputs';
import { requestHistory, type SkipReason } from './request-history';
import { SLA_PROPERTY_KEY } from './sla-property';

/** The app's severity field is not on the site: the app is not installed there properly. */
export class SeverityFieldMissingError extends SupportPolicyError {
  override name = 'SeverityFieldMissingError';

  constructor() {
    super('the Gravità field of the app is not on this site; reinstall the app with forge install');
  }
}

export interface RequestTimers {
  issue: IssueBean;
  kind: RequestKind;
  /** The severity in force: the one triage set, or the kind's provisional one. */
  severity: Severity | null;
  severitySet: boolean;
  /** Null for a suggestion, which has no SLA. */
  timers: Timers | null;
}

async function fieldIds(jira: JiraClient, cached: JiraFieldIds | undefined): Promise<JiraFieldIds> {
  if (cached) return cached;

  const found = await findPolicyFields(jira);
  if (!found.severity) throw new SeverityFieldMissingError();
  const fields = { ...found, severity: found.severity };
  await saveJiraFieldIds(fields);
  return fields;
}

function withSeveritySource(config: PolicyConfig, fields: JiraFieldIds): JiraFieldIds {
  const source = config.severitySource;
  return source.kind === 'custom-field' ? { ...fields, severity: source.fieldId } : fields;
}

/**
 * The timers of one request as of `now`, or why it has none: deleted meanwhile (`not-found`), or
 * not a customer request of the catalogue.
 */
export async function loadRequestTimers(
  jira: JiraClient,
  issueId: string,
  now: Date,
): Promise<RequestTimers | SkipReason | 'not-found'> {
  const stored = await loadSlaInputs(issueId);
  const fields = withSeveritySource(stored.config, await fieldIds(jira, stored.fields));
  const wanted = ['status', 'created', fields.severity, fields.organizations, fields.requestType];

  let read;
  try {
    read = await getIssueWithHistory(
      jira,
      issueId,
      wanted.filter((field): field is string => field !== null),
      SLA_PROPERTY_KEY,
    );
  } catch (error) {
    if (error instanceof JiraNotFoundError) return 'not-found';
    throw error;
  }

  const { issue, changelog } = read;
  const history = requestHistory(issue, changelog, fields, stored.config, stored.externalCauses);
  if (typeof history === 'string') return history;

  const kind = history.catalogueType.kind;
  const request = { kind, organization: history.organization };
  return {
    issue,
    kind,
    severity: history.severity ?? provisionalSeverity(kind),
    severitySet: history.severity !== null,
    timers: computeTimers(request, history.events, stored.config, now),
  };
}
