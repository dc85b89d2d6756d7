/** `support-policy config defaults|check FILE`: the default configuration, and its validator. */
import { defaultConfig } from '../../core/config/defaults';
import { validateConfig } from '../../core/config/validate';
import { EXIT, UsageError, cannotRead, type CliIo, type Command } from '../io';

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function check(file: string, io: CliIo): number {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    io.err(`${file}: ${cannotRead(error)}`);
    return EXIT.failed;
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    io.out(`${file}: not valid JSON: ${(error as Error).message}`);
    return EXIT.failed;
  }

  const result = validateConfig(value);
  if (!result.ok) {
    result.problems.forEach((problem) => io.out(`${file}: ${problem.path}: ${problem.message}`));
    io.out(`${count(result.problems.length, 'problem')} found`);
    return EXIT.failed;
  }

  const { calendars, organizations } = result.config;
  const calendarCount = count(Object.keys(calendars).length, 'calendar');
  const overrideCount = count(Object.keys(organizations).length, 'organization override');
  io.out(`${file}: valid configuration (${calendarCount}, ${overrideCount})`);
  return EXIT.ok;
}

export const configCommand: Command = (args, io) => {
  const [action, ...rest] = args;
  if (action === 'defaults' && rest.length === 0) {
    io.out(JSON.stringify(defaultConfig(), null, 2));
    return EXIT.ok;
  }
  if (action === 'check' && rest.length === 1 && !rest[0].startsWith('-')) {
    return check(rest[0], io);
  }

  throw new UsageError(
    action === undefined ? 'config needs defaults or check FILE' : `unexpected '${args.join(' ')}'`,
  );
};
