/**
 * Turns a customer request as Jira keeps it (fields and changelog) plus the app's external-cause
 * intervals into the history the SLA engine reads. Pure: no I/O, so it is tested on fixtures.
 */
import { findRequestType, type CatalogueRequestType } from '../core/catalogue';
import type { DeskMapping, PolicyConfig } from '../core/config/types';
import { isSeverity, type Severity } from '../core/severity';
import type { SlaEvent } from '../core/sla';
import { workflowForKind } from '../core/workflows';
import type { ChangeItem, ChangelogEntry, IssueBean } from '../jira/types';
import type { JiraFieldIds } from '../storage/sla-inputs';
import type { ExternalCause } from '../storage/external-causes';

export interface RequestHistory {
  catalogueType: CatalogueRequestType;
  organization: string | null;
  /** The severity set on the request now, or null while triage has not set one. */
  severity: Severity | null;
  events: SlaEvent[];
}

/** Why a request has no SLA history: it is not a customer request of the catalogue. */
export type SkipReason = 'not-a-customer-request' | 'request-type-not-in-catalogue';

interface RequestTypeValue {
  requestType?: { id?: string; name?: string };
}

/** The catalogue entry the desk's request type is mapped to, by id first, then by exact name. */
export function catalogueTypeOf(
  config: PolicyConfig,
  requestType: { id?: string; name?: string },
): CatalogueRequestType | undefined {
  const entries = Object.entries(config.requestTypes);
  const match =
    entries.find(([, mapping]) => mapping.id !== null && mapping.id === requestType.id) ??
    entries.find(([, mapping]) => mapping.id === null && mapping.name === requestType.name);
  return match ? findRequestType(match[0]) : undefined;
}

/** Maps a Jira status (id and name) to the policy status of the workflow; unknown names pass. */
function statusNamer(
  mappings: Record<string, DeskMapping>,
): (id: string | null, name: string | null) => string {
  return (id, name) => {
    const entries = Object.entries(mappings);
    const match =
      entries.find(([, mapping]) => mapping.id !== null && mapping.id === id) ??
      entries.find(([, mapping]) => mapping.id === null && mapping.name === name);
    return match?.[0] ?? name ?? id ?? '';
  };
}

/** A severity as Jira writes a number field in a changelog ("2" or "2.0"), or null. */
export function severityFromText(text: string | null | undefined): Severity | null {
  if (text === null || text === undefined || text.trim() === '') return null;

  const value = Number(text);
  return isSeverity(value) ? value : null;
}

function severityFromField(value: unknown): Severity | null {
  return isSeverity(value) ? value : null;
}

const isStatusItem = (item: ChangeItem) => item.fieldId === 'status' || item.field === 'status';

/** The external-cause intervals as open and close events; overlapping intervals are merged. */
export function externalCauseEvents(causes: readonly ExternalCause[]): SlaEvent[] {
  const sorted = [...causes].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const merged: { start: number; end: number | null }[] = [];
  for (const cause of sorted) {
    const start = Date.parse(cause.start);
    const end = cause.end === null ? null : Date.parse(cause.end);
    const last = merged[merged.length - 1];
    if (last && (last.end === null || start <= last.end)) {
      last.end = last.end === null || end === null ? null : Math.max(last.end, end);
    } else {
      merged.push({ start, end });
    }
  }

  return merged.flatMap(({ start, end }): SlaEvent[] => [
    { at: new Date(start), type: 'external-cause', active: true },
    ...(end === null
      ? []
      : [{ at: new Date(end), type: 'external-cause' as const, active: false }]),
  ]);
}

/**
 * The SLA history of a request: created, the status and severity it was created with (read from
 * the first change of each), every later change in order, and the external causes.
 */
export function requestHistory(
  issue: IssueBean,
  changelog: readonly ChangelogEntry[],
  fields: JiraFieldIds,
  config: PolicyConfig,
  causes: readonly ExternalCause[],
): RequestHistory | SkipReason {
  const requestType = fields.requestType
    ? (issue.fields[fields.requestType] as RequestTypeValue | null | undefined)?.requestType
    : undefined;
  if (!requestType) return 'not-a-customer-request';
  const catalogueType = catalogueTypeOf(config, requestType);
  if (!catalogueType) return 'request-type-not-in-catalogue';

  const workflow = workflowForKind(catalogueType.kind);
  const statusName = statusNamer(config.statuses[workflow.id]);
  const created = new Date(String(issue.fields.created));
  const items = changelog.flatMap((entry) => entry.items.map((item) => ({ entry, item })));
  const isSeverityItem = (item: ChangeItem) => item.fieldId === fields.severity;

  const firstStatus = items.find(({ item }) => isStatusItem(item))?.item;
  const current = issue.fields.status as { id?: string; name?: string } | undefined;
  const initialStatus = firstStatus
    ? statusName(firstStatus.from, firstStatus.fromString)
    : statusName(current?.id ?? null, current?.name ?? null);
  const severity = severityFromField(issue.fields[fields.severity]);
  const firstSeverity = items.find(({ item }) => isSeverityItem(item))?.item;
  const initialSeverity = firstSeverity
    ? severityFromText(firstSeverity.fromString ?? firstSeverity.from)
    : severity;

  const events: SlaEvent[] = [
    { at: created, type: 'created' },
    { at: created, type: 'status', status: initialStatus },
    ...(initialSeverity === null
      ? []
      : [{ at: created, type: 'severity' as const, severity: initialSeverity }]),
  ];
  for (const { entry, item } of items) {
    const at = new Date(entry.created);
    if (isStatusItem(item))
      events.push({ at, type: 'status', status: statusName(item.to, item.toString) });
    else if (isSeverityItem(item)) {
      events.push({ at, type: 'severity', severity: severityFromText(item.toString ?? item.to) });
    }
  }
  events.push(...externalCauseEvents(causes));

  const organizations = fields.organizations
    ? (issue.fields[fields.organizations] as { name?: string }[] | null | undefined)
    : undefined;
  return {
    catalogueType,
    // A request shared with several organizations follows the contract of the first one.
    organization: organizations?.[0]?.name ?? null,
    severity,
    events: events.sort((a, b) => a.at.getTime() - b.at.getTime()),
  };
}
