/**
 * Walking Jira's and JSM's paged lists to the end: a continuation token (`/rest/api/3/search/jql`,
 * bulk fetches) and `start`/`isLastPage` (`/rest/servicedeskapi`). Changelogs page by `startAt`;
 * `getIssueWithHistory` reads only the part its inline page lacks.
 */

/** A page of a token-paged list; the token is absent or null on the last page. */
export interface TokenPage<T> {
  items: T[];
  nextPageToken?: string | null;
}

/** Every item of a token-paged list, page after page. */
export async function collectByToken<T>(
  fetchPage: (token: string | undefined) => Promise<TokenPage<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    items.push(...page.items);
    token = page.nextPageToken ?? undefined;
  } while (token !== undefined);
  return items;
}

/** A page of a JSM list paged by `start` (PagedDTO). */
export interface StartPage<T> {
  values: T[];
  isLastPage: boolean;
}

/** Every item of a `start`-paged JSM list. */
export async function collectByStart<T>(
  fetchPage: (start: number) => Promise<StartPage<T>>,
): Promise<T[]> {
  const items: T[] = [];
  for (let start = 0; ;) {
    const page = await fetchPage(start);
    items.push(...page.values);
    start += page.values.length;
    if (page.isLastPage || page.values.length === 0) return items;
  }
}
