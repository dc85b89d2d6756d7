/** What the SLA refresh needs from Forge storage, fetched in one batch call. */
import { kvs } from '@forge/kvs';
import type { PolicyConfig } from '../core/config/types';
import { configInForce } from './config';
import { causesOf, type ExternalCause } from './external-causes';
import { KEYS } from './keys';

/** Ids of the Jira fields the app reads on a request. */
export interface JiraFieldIds {
  severity: string;
  organizations: string | null;
  requestType: string | null;
}

export interface StoredSlaInputs {
  config: PolicyConfig;
  fields: JiraFieldIds | undefined;
  externalCauses: ExternalCause[];
}

/** The configuration in force, the cached field ids and the request's external causes. */
export async function loadSlaInputs(issueId: string): Promise<StoredSlaInputs> {
  const causesKey = KEYS.externalCauses(issueId);
  const { successfulKeys } = await kvs.batchGet<unknown>([
    { key: KEYS.config },
    { key: KEYS.jiraFields },
    { key: causesKey },
  ]);
  const value = (key: string) => successfulKeys.find((item) => item.key === key)?.value;

  return {
    config: configInForce(value(KEYS.config)),
    fields: value(KEYS.jiraFields) as JiraFieldIds | undefined,
    externalCauses: causesOf(value(causesKey)),
  };
}

/** Caches the field ids found in Jira, so that later events need not look them up. */
export async function saveJiraFieldIds(fields: JiraFieldIds): Promise<void> {
  await kvs.set(KEYS.jiraFields, fields);
}
