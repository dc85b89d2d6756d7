/** `support-policy scenarios DIR`: runs every scenario file below DIR and counts the failures. */
import { checkScenario, type ScenarioOutcome } from '../../core/sla/scenario-check';
import { EXIT, UsageError, type CliIo, type Command } from '../io';
import { readScenarioFile } from './sla';

/** The line printed for a scenario that did not pass: its file and its first problem. */
export function failureLine(outcome: Exclude<ScenarioOutcome, { status: 'passed' }>): string {
  if (outcome.status === 'failed') {
    return `FAIL ${outcome.file}: ${outcome.difference.path}: ${outcome.difference.message}`;
  }

  const [first, ...more] = outcome.problems;
  const rest =
    more.length > 0 ? ` (and ${more.length} more problem${more.length > 1 ? 's' : ''})` : '';
  return `FAIL ${outcome.file}: malformed: ${first.path}: ${first.message}${rest}`;
}

function scenarioFiles(dir: string, io: CliIo): string[] | null {
  try {
    return io.listFiles(dir).filter((file) => file.endsWith('.json'));
  } catch (error) {
    io.err(`${dir}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
}

export const scenariosCommand: Command = (args, io) => {
  if (args.length !== 1 || args[0].startsWith('-')) {
    throw new UsageError(
      args.length === 0 ? 'scenarios needs a DIR' : `unexpected '${args.join(' ')}'`,
    );
  }

  const [dir] = args;
  const files = scenarioFiles(dir, io);
  if (files === null) return EXIT.failed;
  if (files.length === 0) io.err(`${dir}: no *.json scenario file below it`);

  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const text = readScenarioFile(file, io);
    const outcome = text === null ? null : checkScenario(text, file);
    if (outcome?.status === 'passed') {
      passed++;
    } else {
      failed++;
      if (outcome) io.out(failureLine(outcome));
    }
  }

  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 || files.length === 0 ? EXIT.failed : EXIT.ok;
};
