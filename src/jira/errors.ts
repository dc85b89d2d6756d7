/**
 * Failures of calls to Jira and JSM. Each carries the status and the endpoint (method and path
 * template), never the response body, which may hold a customer's text.
 */
import { SupportPolicyError } from '../errors';

export class JiraError extends SupportPolicyError {
  override name = 'JiraError';

  constructor(
    readonly status: number,
    /** Method and path template, such as `GET /rest/api/3/issue/{issueIdOrKey}`. */
    readonly endpoint: string,
    reason: string,
  ) {
    super(`${endpoint} answered ${status}: ${reason}`);
  }
}

/** The issue, request or resource does not exist, or the caller may not see it. */
export class JiraNotFoundError extends JiraError {
  override name = 'JiraNotFoundError';
}

/** The caller is not allowed to do this (401 or 403); check the app's scopes or the user's role. */
export class JiraPermissionError extends JiraError {
  override name = 'JiraPermissionError';
}

/** Jira refused the request as malformed (400, 409, 412, 422): a defect of the app. */
export class JiraRequestError extends JiraError {
  override name = 'JiraRequestError';
}

/** Jira kept answering 429 or 503 until the invocation's time budget ran out. */
export class JiraUnavailableError extends JiraError {
  override name = 'JiraUnavailableError';

  constructor(
    status: number,
    endpoint: string,
    readonly attempts: number,
  ) {
    super(status, endpoint, `still unavailable after ${attempts} attempts; try again later`);
  }
}

/** Jira failed on its side (5xx other than a retried 503). */
export class JiraServerError extends JiraError {
  override name = 'JiraServerError';
}

/** The error class for a final, non-retried status. */
export function errorForStatus(status: number, endpoint: string): JiraError {
  if (status === 404) return new JiraNotFoundError(status, endpoint, 'not found or not visible');
  if (status === 401 || status === 403) {
    return new JiraPermissionError(status, endpoint, 'not permitted for this caller');
  }
  if (status >= 500) return new JiraServerError(status, endpoint, 'Jira failed on its side');
  return new JiraRequestError(status, endpoint, 'the request was refused');
}
