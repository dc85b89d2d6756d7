/** Finds the policy material shared beside the project: the seed text of the support policy. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/**
 * The directory holding `seed/politica-assistenza.txt`: `$SUPPORT_POLICY_SHARED_DIR`, or
 * `../shared` beside the project. Throws, saying how to provide it, when neither has it.
 */
export function sharedDir(): string {
  const candidates = [process.env.SUPPORT_POLICY_SHARED_DIR, join(ROOT, '..', 'shared')];
  const found = candidates.find(
    (dir) => dir && existsSync(join(dir, 'seed', 'politica-assistenza.txt')),
  );
  if (!found) {
    throw new Error(
      'The policy text seed/politica-assistenza.txt was not found: set SUPPORT_POLICY_SHARED_DIR ' +
        'to the directory that holds seed/, or place it in ../shared beside the project.',
    );
  }
  return found;
}
