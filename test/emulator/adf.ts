/** Conversions between plain text and Atlassian Document Format, the body format of REST v3. */

/** Plain text of an Atlassian Document Format value (or the string itself). */
export function adfToText(value: unknown): string {
  if (typeof value === 'string') return value;
  const parts: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object') return;
    const n = node as { type?: string; text?: string; content?: unknown[] };
    if (typeof n.text === 'string') parts.push(n.text);
    for (const child of n.content ?? []) walk(child, depth + 1);
    if (n.type === 'paragraph' && depth > 0) parts.push('\n');
  };
  walk(value, 0);

  return parts.join('').replace(/\n+$/, '');
}

/** An ADF document of plain paragraphs. */
export function textToAdf(text: string): unknown {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => ({
      type: 'paragraph',
      content: line === '' ? [] : [{ type: 'text', text: line }],
    })),
  };
}
