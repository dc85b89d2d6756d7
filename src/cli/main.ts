/** The support-policy command line: the catalogue, the configuration and the SLA engine. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueCommand } from './commands/catalogue';
import { configCommand } from './commands/config';
import { scenariosCommand } from './commands/scenarios';
import { slaCommand } from './commands/sla';
import { EXIT, UsageError, type CliIo, type Command } from './io';

const USAGE = `Usage: support-policy <command> [options]

Commands:
  catalogue [--json]       the request-type catalogue, as a table or as JSON
  config defaults          the default configuration, as JSON
  config check FILE        validate a configuration file; exit 1 if it has problems
  sla FILE                 the SLA timers of one scenario file, as JSON
  scenarios DIR            run every *.json scenario below DIR; exit 1 if any fails`;

const COMMANDS: Record<string, Command> = {
  catalogue: catalogueCommand,
  config: configCommand,
  sla: slaCommand,
  scenarios: scenariosCommand,
};

/** Reads and lists files on the real file system. */
export const nodeIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => readFileSync(path, 'utf8'),
  listFiles: function listFiles(dir: string): string[] {
    return readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? listFiles(path) : [path];
      });
  },
};

/** Runs one command line and returns its exit code: 0 done, 1 problems found, 2 usage error. */
export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }

  const command = COMMANDS[name];
  if (!command) {
    io.err(`support-policy: unknown command '${name}'`);
    io.err(USAGE);
    return EXIT.usage;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`support-policy ${name}: ${error.message}`);
    io.err(USAGE);
    return EXIT.usage;
  }
}
