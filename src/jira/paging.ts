/**
 * The three ways Jira and JSM page their lists, each walked to the end: a continuation token
 * (`/rest/api/3/search/jql`, bulk fetches), `startAt`/`isLast` (changelogs), and
 * `start`/`isLastPage` (`/rest/servicedeskapi`).
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

/** A page of a Jira platform list paged by `startAt` (PageBean). */
export interface StartAtPage<T> {
  values: T[];
  isLast?: boolean;
  total?: number;
}

/** Every item of a `startAt`-paged list; stops on `isLast`, on `total`, or on an empty page. */
export async function collectByStartAt<T>(
  fetchPage: (startAt: number) => Promise<StartAtPage<T>>,
  startAt = 0,
): Promise<T[]> {
  const items: T[] = [];
  for (let next = startAt; ;) {
    const page = await fetchPage(next);
    items.push(...page.values);
    next += page.values.length;
    const done = page.isLast ?? (page.total !== undefined ? next >= page.total : true);
    if (done || page.values.length === 0) return items;
  }
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
