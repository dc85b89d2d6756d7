/**
 * An agent opens or closes an external-cause interval on a request: the interval is kept in
 * Forge storage and the request's SLA property is refreshed at once, since storage changes fire
 * no Jira event that would refresh it.
 */
import type { JiraClient } from '../jira/client';
import {
  closeExternalCause as closeStoredCause,
  recordExternalCause,
  type ExternalCause,
} from '../storage/external-causes';
import { refreshSla, type RefreshOutcome } from './refresh-sla';

export interface CauseChange {
  causes: ExternalCause[];
  refresh: RefreshOutcome;
}

/**
 * Opens an interval at `start` (now, or earlier when recorded after the fact), or records a
 * closed one when `end` is given.
 */
export async function openExternalCause(
  jira: JiraClient,
  issueId: string,
  cause: { start: Date; end?: Date; reason: string; recordedBy: string },
  now: Date,
): Promise<CauseChange> {
  const causes = await recordExternalCause(
    issueId,
    {
      start: cause.start.toISOString(),
      end: cause.end?.toISOString() ?? null,
      reason: cause.reason,
      recordedBy: cause.recordedBy,
    },
    now,
  );
  return { causes, refresh: await refreshSla(jira, issueId, now) };
}

/** Closes the request's open interval at `end`. */
export async function closeExternalCause(
  jira: JiraClient,
  issueId: string,
  end: Date,
  now: Date,
): Promise<CauseChange> {
  const causes = await closeStoredCause(issueId, end);
  return { causes, refresh: await refreshSla(jira, issueId, now) };
}
