/** The base of every error the app raises on purpose; anything else is a bug and is rethrown. */
export class SupportPolicyError extends Error {
  override name = 'SupportPolicyError';
}
