/** `support-policy sla FILE`: the timers of one scenario file, as JSON. */
import { parseScenario } from '../../core/sla/scenario';
import { runScenario } from '../../core/sla/scenario-check';
import { EXIT, UsageError, cannotRead, type CliIo, type Command } from '../io';

function readScenarioFile(file: string, io: CliIo): string | null {
  try {
    return io.readFile(file);
  } catch (error) {
    io.err(`${file}: ${cannotRead(error)}`);
    return null;
  }
}

export const slaCommand: Command = (args, io) => {
  if (args.length !== 1 || args[0].startsWith('-')) {
    throw new UsageError(
      args.length === 0 ? 'sla needs a scenario FILE' : `unexpected '${args.join(' ')}'`,
    );
  }

  const [file] = args;
  const text = readScenarioFile(file, io);
  if (text === null) return EXIT.failed;

  const parsed = parseScenario(text);
  if (!parsed.ok) {
    parsed.problems.forEach((problem) => io.err(`${file}: ${problem.path}: ${problem.message}`));
    return EXIT.failed;
  }
  const run = runScenario(parsed.scenario);
  if (!run.ok) {
    io.err(`${file}: ${run.problem.path}: ${run.problem.message}`);
    return EXIT.failed;
  }

  io.out(JSON.stringify(run.timers ?? { response: null, resolution: null }, null, 2));
  return EXIT.ok;
};
