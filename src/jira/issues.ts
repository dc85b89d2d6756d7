/** Reading issues with their whole history, searching them, and writing their properties. */
import { route } from '@forge/api';
import { ACCEPT_JSON, json, type JiraClient } from './client';
import { collectByToken } from './paging';
import type { ChangelogEntry, IssueBean } from './types';

const CHANGELOG_PAGE = 100;

export interface IssueWithHistory {
  issue: IssueBean;
  /** Every changelog entry, oldest first (entries of the same instant in id order). */
  changelog: ChangelogEntry[];
}

/** Orders changelog entries oldest first; Jira returns the inline changelog newest first. */
export function oldestFirst(entries: readonly ChangelogEntry[]): ChangelogEntry[] {
  return [...entries].sort(
    (a, b) => Date.parse(a.created) - Date.parse(b.created) || Number(a.id) - Number(b.id),
  );
}

/**
 * Reads an issue with the given fields and property and its whole changelog. The inline page
 * holds the most recent entries; only the older ones it lacks are read from the changelog
 * endpoint, oldest first, so a changelog of up to 200 entries costs two calls.
 */
export async function getIssueWithHistory(
  jira: JiraClient,
  issueIdOrKey: string,
  fields: readonly string[],
  propertyKey: string,
): Promise<IssueWithHistory> {
  const { body: issue } = await jira.call<IssueBean>(
    'GET /rest/api/3/issue/{issueIdOrKey}',
    (product) =>
      product.requestJira(
        route`/rest/api/3/issue/${issueIdOrKey}?fields=${fields.join(',')}&expand=changelog&properties=${propertyKey}`,
        { headers: ACCEPT_JSON },
      ),
  );
  const inline = issue.changelog?.histories ?? [];
  const missing = (issue.changelog?.total ?? inline.length) - inline.length;
  if (missing <= 0) return { issue, changelog: oldestFirst(inline) };

  const older: ChangelogEntry[] = [];
  while (older.length < missing) {
    const pageSize = Math.min(CHANGELOG_PAGE, missing - older.length);
    const startAt = older.length;
    const { body } = await jira.call<{ values: ChangelogEntry[] }>(
      'GET /rest/api/3/issue/{issueIdOrKey}/changelog',
      (product) =>
        product.requestJira(
          route`/rest/api/3/issue/${issue.id}/changelog?startAt=${startAt}&maxResults=${pageSize}`,
          { headers: ACCEPT_JSON },
        ),
    );
    if (body.values.length === 0) break;
    older.push(...body.values);
  }

  // Entries written between the two reads may appear in both; each counts once.
  const byId = new Map([...older, ...inline].map((entry) => [entry.id, entry]));
  return { issue, changelog: oldestFirst([...byId.values()]) };
}

/** Sets an issue entity property to a JSON value (at most 32 KB). */
export async function setIssueProperty(
  jira: JiraClient,
  issueIdOrKey: string,
  propertyKey: string,
  value: unknown,
): Promise<void> {
  await jira.call<void>(
    'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    (product) =>
      product.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`, {
        method: 'PUT',
        ...json(value),
      }),
  );
}

/** Every issue a JQL query finds, with the given fields and properties, page after page. */
export async function searchIssues(
  jira: JiraClient,
  jql: string,
  fields: readonly string[],
  properties: readonly string[] = [],
): Promise<IssueBean[]> {
  return collectByToken(async (nextPageToken) => {
    const { body } = await jira.call<{ issues: IssueBean[]; nextPageToken?: string | null }>(
      'POST /rest/api/3/search/jql',
      (product) =>
        product.requestJira(route`/rest/api/3/search/jql`, {
          method: 'POST',
          ...json({
            jql,
            fields,
            properties,
            maxResults: 100,
            ...(nextPageToken && { nextPageToken }),
          }),
        }),
    );
    return { items: body.issues, nextPageToken: body.nextPageToken };
  });
}

/** Removes an issue entity property; absent already is fine. */
export async function deleteIssueProperty(
  jira: JiraClient,
  issueIdOrKey: string,
  propertyKey: string,
): Promise<void> {
  await jira.call<void>(
    'DELETE /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    (product) =>
      product.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`, {
        method: 'DELETE',
      }),
    { accept: [404] },
  );
}
