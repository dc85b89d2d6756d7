/** Errors of the emulated site's domain operations. */

/** Thrown by the domain operations; the REST routes turn it into the answer Jira gives. */
export class SiteError extends Error {
  override name = 'SiteError';

  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}
