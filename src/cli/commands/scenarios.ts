/** `support-policy scenarios DIR`: runs every scenario file below DIR and counts the failures. */
import { checkScenario, type ScenarioOutcome } from '../../core/sla/scenario-check';
import { EXIT, UsageError, cannotRead, type CliIo, type Command } from '../io';

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

/** Runs one scenario file: null when it passes, else the line that reports it. */
function checkFile(file: string, io: CliIo): string | null {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    return `FAIL ${file}: ${cannotRead(error)}`;
  }

  const outcome = checkScenario(text, file);
  return outcome.status === 'passed' ? null : failureLine(outcome);
}

function scenarioFiles(dir: string, io: CliIo): string[] | null {
  try {
    return io.listFiles(dir).filter((file) => file.endsWith('.json'));
  } catch (error) {
    io.err(`${dir}: ${cannotRead(error)}`);
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
    const failure = checkFile(file, io);
    if (failure === null) {
      passed++;
    } else {
      failed++;
      io.out(failure);
    }
  }

  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 || files.length === 0 ? EXIT.failed : EXIT.ok;
};
