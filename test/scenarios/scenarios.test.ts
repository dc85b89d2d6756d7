/**
 * Runs every scenario file of this folder through the code of `support-policy scenarios`: one test
 * per file, then the command itself over the whole folder.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { failureLine } from '../../src/cli/commands/scenarios';
import { main, nodeIo } from '../../src/cli/main';
import { checkScenario } from '../../src/core/sla/scenario-check';

const files = nodeIo.listFiles(__dirname).filter((file) => file.endsWith('.json'));

describe('the scenario files', () => {
  it('are there: one per rule and edge of SPEC §4', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  it.each(files.map((file) => [relative(__dirname, file), file]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const scenario = JSON.parse(text);
    const outcome = checkScenario(text, file);

    // A scenario that expects nothing, or explains nothing, cannot fail or be checked by hand.
    expect(Object.keys(scenario.expect ?? {}).length).toBeGreaterThan(0);
    expect(scenario.description).toEqual(expect.any(String));
    expect(scenario.comment).toEqual(expect.anything());
    expect(outcome.status === 'passed' ? 'passed' : failureLine(outcome)).toBe('passed');
  });
});

describe('support-policy scenarios', () => {
  it('passes every file of the folder', async () => {
    const out: string[] = [];
    const code = await main(['scenarios', __dirname], { ...nodeIo, out: (line) => out.push(line) });

    expect(out).toEqual([`${files.length} passed, 0 failed`]);
    expect(code).toBe(0);
  });
});
