/** The manifest passes Forge's offline validation, and broken variants of it do not. */
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as index from '../src';
import { manifestHandlers, manifestProblems } from './support/manifest';

const ROOT = join(__dirname, '..');
const MANIFEST = join(ROOT, 'manifest.yml');
const original = readFileSync(MANIFEST, 'utf8');

/** Writes a changed copy of the manifest, with the locale files it points to, in a scratch dir. */
function variant(change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  mkdirSync(join(dir, 'locales'));
  for (const locale of ['it-IT.json', 'en-US.json']) {
    copyFileSync(join(ROOT, 'locales', locale), join(dir, 'locales', locale));
  }
  const path = join(dir, 'manifest.yml');
  writeFileSync(path, change(original));
  return path;
}

describe('manifest.yml', () => {
  it('passes full validation and the product-trigger scope pass with no error or warning', async () => {
    expect(await manifestProblems(MANIFEST, index)).toEqual([]);
  });

  it('names only handlers that src/index.ts exports as functions', () => {
    for (const { handler } of manifestHandlers(MANIFEST)) {
      const name = handler.replace(/^index\./, '');
      expect(typeof (index as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('runs on a Node.js 22 or 24 runtime and defaults to Italian', () => {
    expect(original).toMatch(/runtime:\s+name: nodejs(22|24)\.x/);
    expect(original).toMatch(/fallback:\s+default: it-IT/);
  });

  describe('when broken', () => {
    it('reports a misspelled module', async () => {
      const path = variant((text) => text.replace('jira:customField:', 'jira:customFeild:'));
      expect((await manifestProblems(path, index)).join('\n')).toMatch(/customFeild/);
    });

    it('reports a handler that src/index.ts does not export', async () => {
      const path = variant((text) =>
        text.replace('handler: index.onRequestChanged', 'handler: index.noSuchHandler'),
      );
      expect((await manifestProblems(path, index)).join('\n')).toMatch(
        /handler index\.noSuchHandler is not a function/,
      );
    });

    it('reports a product event whose scope the manifest does not ask for', async () => {
      const path = variant((text) => text.replace(/\n {4}- read:jira-work/, ''));
      const problems = await manifestProblems(path, index);
      expect(problems.join('\n')).toMatch(/avi:jira:(created|updated):issue[\s\S]*read:jira-work/);
    });

    it('reports a translation key that no locale file defines', async () => {
      const path = variant((text) => text.replace('severityField.name', 'severityField.nome'));
      expect((await manifestProblems(path, index)).join('\n')).toMatch(/severityField\.nome/);
    });
  });
});
