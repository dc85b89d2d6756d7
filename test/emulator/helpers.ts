/** Shorthands for the emulator's tests: one call, with a JSON body when given. */
import type { Caller, SiteResponse } from './http';
import type { JsmSite } from './site';

export function call(
  site: JsmSite,
  method: string,
  path: string,
  caller: Caller = 'app',
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<SiteResponse> {
  return site.handle({
    method,
    path,
    caller,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The kinds and first problem of every recorded violation, then forgets them. */
export function takeViolations(site: JsmSite): { kind: string; problem: string }[] {
  return site.specViolations.splice(0).map((v) => ({ kind: v.kind, problem: v.problems[0] ?? '' }));
}
