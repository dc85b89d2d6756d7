/**
 * The Forge runtime fake: runs the app's real handlers, through the real `@forge/api`,
 * `@forge/kvs`, `@forge/events` and `@forge/resolver`, against the emulated JSM site.
 *
 *     const site = new JsmSite({ start: '2026-12-03T08:00:00Z' });   // …seeded (see test/emulator)
 *     const runtime = installForgeRuntime({ site, manifestPath: 'manifest.yml', appDir: '.' });
 *     site.createRequest({ requestType: '10', reporter: 'cust-1', summary: 'Non parte' });
 *     await runtime.deliverPending();            // runs the triggers the manifest subscribes
 *     await runtime.drain();                     // runs consumers on what the handlers queued
 *     await runtime.clock.advance({ hours: 1 }); // runs scheduledTrigger modules as time passes
 *     expect(site.issueProperty('SD-1', 'sla')).toEqual(…);
 *     runtime.uninstall();                       // restores globals; throws recorded spec violations
 *
 * What it installs (all restored by `uninstall`):
 * - `globalThis.__forge_fetch__`: product calls (`fpp` to `jira`, as app, as user with the
 *   accountId of `asUser(id)` or of the invocation's principal) go to `site.handle` with the
 *   manifest's scopes; `kvs` calls go to `runtime.kvs`; stargate queue pushes go to the in-memory
 *   queue (answer 201); anything else answers 501 and is recorded as a violation.
 * - `globalThis.__forge_runtime__`: `getAppContext()` (app id, environment, invocation id,
 *   `invocationRemainingTimeInMillis` from the function's timeout on the simulated clock).
 * - `Date` (no-argument constructor, `Date()` and `Date.now()` read the simulated clock) and, inside
 *   handler invocations, `setTimeout`/`clearTimeout` on the simulated clock (`sleep` option:
 *   `advance-clock` by default, `instant`, or `real`).
 *
 * Handlers are the manifest's (`function` modules, `handler: index.<name>`), loaded lazily from
 * `<appDir>/src/<file>.ts`, and run inside invocations (`runtime.invocations`: REST calls counted
 * by the site, KVS reads and writes, queue pushes, result or error, timed out or not):
 * - product triggers get `(event, context)`. Events are queued from install on (seed the site
 *   before installing, or inside `site.withoutEvents`, to start with none pending):
 *   `pendingEvents`, `takePendingEvents`, `deliver(event)` once, twice or late,
 *   `deliverPending({ order: 'shuffled', times: 2 })`. `filter.ignoreSelf` drops events the
 *   app's own calls caused (asApp or asUser);
 * - consumers get the `AsyncEvent` (`function:` consumers) or a resolver call (`resolver:`
 *   consumers); `QueueResponse.retry()`/`InvocationError` and timeouts retry up to 4 times;
 * - scheduled triggers run in `clock.advance(duration)` at every elapsed interval, or on demand
 *   with `runScheduled(key)`;
 * - UI resolvers run through `resolverFor(moduleKey, { accountId })`, for `test/setup/bridge.ts`.
 *
 * A handler that throws or times out makes `deliver`, `deliverPending`, `drain` and `advance`
 * throw `HandlerFailedError` unless `{ allowFailures: true }` is passed. In jest,
 * `useForgeRuntime(() => options)` installs a fresh fake per test and checks it after each.
 */
export { useForgeRuntime, type ForgeTestEnvironment } from './jest';
export { InMemoryKvs } from './kvs';
export { ManifestError, readManifest, type ForgeManifest } from './manifest';
export {
  ForgeRuntime,
  HandlerFailedError,
  installForgeRuntime,
  installedForgeRuntime,
  type BridgeResolver,
  type ForgeRuntimeOptions,
  type InvocationRecord,
  type PendingEvent,
  type QueuedEvent,
} from './runtime';
export { durationMs, type Duration, type SleepMode } from './time';
