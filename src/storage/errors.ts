import { SupportPolicyError } from '../errors';
import type { ConfigProblem } from '../core/config/validate';

/** The stored configuration is not valid any more; the admin must fix and save it again. */
export class StoredConfigError extends SupportPolicyError {
  override name = 'StoredConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `the stored configuration is not valid (${problems.map((p) => p.path).join(', ')}); ` +
        'open the admin page, correct it and save it again',
    );
  }
}

/** A configuration was refused on save; the previous one stays in force. */
export class InvalidConfigError extends SupportPolicyError {
  override name = 'InvalidConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `the configuration was not saved: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
}

/** An external-cause interval cannot be opened or closed as asked. */
export class ExternalCauseError extends SupportPolicyError {
  override name = 'ExternalCauseError';
}
