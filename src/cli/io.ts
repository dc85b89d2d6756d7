/** What a command may touch of the outside world, so that tests can run commands in memory. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): string;
  /** Every file path below a directory, recursively, sorted. */
  listFiles(dir: string): string[];
}

/** A command: parses its own arguments, returns the process exit code. */
export type Command = (args: string[], io: CliIo) => number | Promise<number>;

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Thrown by a command on a malformed command line; the runner prints the usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Why a file or folder could not be read, for example "cannot be read (ENOENT)". */
export function cannotRead(error: unknown): string {
  return `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
}
