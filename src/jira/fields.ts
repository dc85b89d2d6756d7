/** Finding the ids of the fields the app reads: its own Gravità field and JSM's system fields. */
import { route } from '@forge/api';
import { ACCEPT_JSON, type JiraClient } from './client';
import type { FieldDetails } from './types';

/** The module key of the severity field in manifest.yml. */
export const SEVERITY_FIELD_KEY = 'severity-field';

const ORGANIZATIONS_TYPE = 'com.atlassian.servicedesk:sd-customer-organizations';
const REQUEST_TYPE_TYPE = 'com.atlassian.servicedesk:vp-origin';

export interface FoundFields {
  /** The app's Gravità field, or null when the app is not installed on this site's Jira. */
  severity: string | null;
  organizations: string | null;
  requestType: string | null;
}

/** Picks the app's severity field and JSM's Organizations and Request Type fields by type. */
export function pickPolicyFields(fields: readonly FieldDetails[]): FoundFields {
  const byType = (type: string) =>
    fields.find((field) => field.schema?.custom === type)?.id ?? null;
  const severity = fields.find((field) => {
    const custom = field.schema?.custom ?? '';
    return (
      custom.startsWith('ari:cloud:ecosystem::extension/') &&
      custom.endsWith(`/static/${SEVERITY_FIELD_KEY}`)
    );
  });
  return {
    severity: severity?.id ?? null,
    organizations: byType(ORGANIZATIONS_TYPE),
    requestType: byType(REQUEST_TYPE_TYPE),
  };
}

/** Lists every field of the site and picks the ones the app reads. */
export async function findPolicyFields(jira: JiraClient): Promise<FoundFields> {
  const { body } = await jira.call<FieldDetails[]>('GET /rest/api/3/field', (product) =>
    product.requestJira(route`/rest/api/3/field`, { headers: ACCEPT_JSON }),
  );
  return pickPolicyFields(body);
}
