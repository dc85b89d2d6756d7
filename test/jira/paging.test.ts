/** Walking token-paged and start-paged lists to their end. */
import { collectByStart, collectByToken } from '../../src/jira/paging';

describe('collectByToken', () => {
  it('follows nextPageToken until a page has none', async () => {
    const pages: Record<string, { items: number[]; nextPageToken?: string | null }> = {
      first: { items: [1, 2], nextPageToken: 'b' },
      b: { items: [3], nextPageToken: 'c' },
      c: { items: [4], nextPageToken: null },
    };
    const asked: (string | undefined)[] = [];
    const items = await collectByToken(async (token) => {
      asked.push(token);
      return pages[token ?? 'first'];
    });
    expect(items).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([undefined, 'b', 'c']);
  });
});

describe('collectByStart', () => {
  it('asks from where the last page ended until isLastPage', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    const starts: number[] = [];
    const items = await collectByStart(async (start) => {
      starts.push(start);
      const values = all.slice(start, start + 2);
      return { values, isLastPage: start + 2 >= all.length };
    });
    expect(items).toEqual(all);
    expect(starts).toEqual([0, 2, 4]);
  });

  it('stops on an empty page even if the service never says it was the last', async () => {
    const items = await collectByStart(async (start) => ({
      values: start === 0 ? ['only'] : [],
      isLastPage: false,
    }));
    expect(items).toEqual(['only']);
  });
});
