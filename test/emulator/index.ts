/**
 * The emulator: an in-memory Jira Service Management site that answers the Jira platform REST API
 * v3 and the JSM REST API as Atlassian's OpenAPI specs describe them.
 *
 * ## Seeding
 *
 *     const site = new JsmSite({ start: '2026-12-03T08:00:00Z', seed: 7 });
 *     site.addWorkflow({ name: 'Generale', statuses: [{ id: '1', name: 'Aperta', category: 'new' }, …],
 *       initialStatus: 'Aperta', transitions: [{ id: '11', name: 'Prendi in carico', to: 'In lavorazione',
 *       from: ['1'] }, { id: '41', name: 'Risolvi', to: 'Risolta', customer: true }] });
 *     site.addServiceDesk({ id: '1', projectKey: 'SD', projectName: 'Assistenza', defaultWorkflow: 'Generale' });
 *     const org = site.addOrganization({ name: 'Biblioteca civica' });
 *     site.addCustomer({ accountId: 'cust-1', displayName: 'Anna', organizations: [org.id] });
 *     site.addAgent({ accountId: 'agent-1', displayName: 'Marco', admin: true });
 *     const group = site.addRequestTypeGroup({ serviceDeskId: '1', name: 'Clavis' });
 *     site.addRequestType({ serviceDeskId: '1', id: '10', name: 'Segnalazione errore', groupIds: [group.id] });
 *     site.addForgeAppField({ id: 'customfield_10050', name: 'Gravità', appId, environmentId,
 *       fieldKey: 'gravita', type: 'number' });
 *     site.addProject({ key: 'CNG', name: 'ClavisNG' });
 *     site.addVersion({ projectKey: 'CNG', name: '4.2', relatedWork: [{ category: 'Release notes', url }] });
 *     site.indexEntityProperty({ propertyKey: 'sla', values: [{ path: 'state', type: 'string', searchAlias: 'slaState' }] });
 *
 * The built-in fields are the system ones plus JSM's Organizations (`ORGANIZATIONS_FIELD_ID`) and
 * Request Type (`REQUEST_TYPE_FIELD_ID`) fields. The app's own user (accountType `app`) exists
 * from the start (`site.appAccountId`; replace it with `setAppUser`).
 *
 * ## Acting as people
 *
 * Domain operations leave the changelog (author, instant of the simulated clock, items with
 * field/fieldId/from/fromString/to/toString) and emit the product events Jira would:
 * `createRequest`, `createIssue`, `editIssue`, `transition`, `addComment`, `linkIssues`,
 * `deleteIssue`, `releaseVersion`, `setIssueProperty`. Each takes an `Actor` (`{ by: accountId }`).
 * `withoutEvents(() => …)` seeds history without events. `site.clock.set(…)` / `advanceBy(ms)`
 * move time; `issue(key)` and `issueProperty(key, propertyKey)` read records for assertions.
 *
 * ## HTTP
 *
 *     const response = await site.handle({ method: 'GET', path: '/rest/api/3/issue/SD-1?expand=changelog',
 *       caller: 'app' });            // or caller: { accountId: 'cust-1' } for asUser
 *     // → { status, headers, body } with body already parsed
 *
 * Every request is checked against the specs (method and path template, query parameter names
 * and types, JSON body against the requestBody schema with `$ref`s resolved). A request the specs
 * do not describe answers 400 and is recorded in `site.specViolations`, as are JQL outside the
 * emulator's grammar, calls lacking an OAuth scope (when `grantedScopes` is given), endpoints
 * described but not implemented (501), and 2xx answers of the emulator that break the response
 * schema. `site.assertNoSpecViolations()` throws them all (the runtime fake calls it after each
 * test). Visibility follows JSM: customers see their own requests and their organizations';
 * agents and the app see everything; otherwise 404.
 *
 * Implemented: see `routes-jira.ts` (issue GET/PUT/DELETE, changelog, changelog bulkfetch,
 * search/jql GET/POST, issue bulkfetch, issue properties, transitions, comments, fields, user,
 * myself, mypermissions, issue links and link types, project versions (list and paged), version,
 * related work, app field values; the old /search answers 410) and `routes-jsm.ts` (service desks,
 * request types with paging and groups, experimental create request type, requests list, create and
 * get, request comments, status history, customer transitions, organizations and their users).
 *
 * ## Faults and costs
 *
 *     site.faults.add({ type: 'rate-limit', retryAfterSeconds: 2 }, { probability: 0.3 });
 *     site.faults.add({ type: 'rate-limit', resetAfterSeconds: 30 }, { times: 1, path: '/rest/api/3/issue/*' });
 *     site.faults.add({ type: 'unavailable' }, { times: 2, operation: 'getIssue' });
 *     site.faults.add({ type: 'slow', delayMs: 5000 });   // moves the simulated clock by 5 s
 *
 * `site.calls` counts calls per invocation (`begin`/`end`, opened by the runtime fake around each
 * handler run): reads (GET and read-only POSTs such as search and bulkfetch) and writes, per
 * endpoint (`METHOD /template`).
 */
export { SimulatedClock, toMillis, type Clock } from './clock';
export {
  CallLedger,
  isReadCall,
  type CallRecord,
  type EndpointCounts,
  type InvocationCalls,
} from './calls';
export { SiteError } from './errors';
export type { EventSubject, SiteEvent, SiteEventType } from './events';
export type { Fault, FaultHandle, FaultWhen } from './faults';
export type { Caller, SiteRequest, SiteResponse } from './http';
export { JqlError } from './jql';
export type * from './model';
export { adfToText, textToAdf } from './adf';
export {
  JsmSite,
  ORGANIZATIONS_FIELD_ID,
  REQUEST_TYPE_FIELD_ID,
  SpecViolationError,
  type Actor,
  type EntityPropertyIndex,
  type IndexedPropertyValue,
  type SiteOptions,
  type SpecViolation,
} from './site';
