/** Runs the support-policy command line in memory, with files given as a map. */
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** Runs one command line; `files` stands in for the file system (path → content). */
export async function runCli(argv: string[], files: Record<string, string> = {}): Promise<CliRun> {
  const run: CliRun = { code: -1, out: [], err: [] };
  const io: CliIo = {
    out: (line) => run.out.push(...line.split('\n')),
    err: (line) => run.err.push(...line.split('\n')),
    readFile: (path) => {
      if (!(path in files)) {
        throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      }
      return files[path];
    },
    listFiles: (dir) =>
      Object.keys(files)
        .filter((path) => path.startsWith(`${dir}/`))
        .sort(),
  };
  run.code = await main(argv, io);
  return run;
}
