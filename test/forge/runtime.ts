/**
 * The Forge runtime fake: installs the globals the real `@forge/*` SDKs call (`__forge_fetch__`,
 * `__forge_runtime__`), routes product calls to the emulated site, storage calls to an in-memory
 * KVS and queue pushes to an in-memory queue, and runs the app's handlers as the manifest names
 * them: product triggers on the site's events, consumers on queued events, scheduled triggers as
 * simulated time passes, resolvers for the UI bridge fake.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { InvocationCalls } from '../emulator/calls';
import type { SiteEvent } from '../emulator/events';
import type { Caller } from '../emulator/http';
import { SeededRandom } from '../emulator/random';
import type { JsmSite, SpecViolation } from '../emulator/site';
import { SpecViolationError } from '../emulator/site';
import { InMemoryKvs } from './kvs';
import {
  INTERVAL_MS,
  readManifest,
  triggerSubscriptions,
  type ConsumerModule,
  type ForgeManifest,
  type FunctionModule,
} from './manifest';
import { durationMs, patchDate, patchTimers, type Duration, type SleepMode } from './time';

export interface ForgeRuntimeOptions {
  site: JsmSite;
  /** The manifest to run, e.g. `<project>/manifest.yml`. */
  manifestPath: string;
  /** The folder whose `src/<file>.ts` modules hold the handlers (`handler: index.run`). */
  appDir: string;
  environmentId?: string;
  environmentType?: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  appVersion?: string;
  /** What a `setTimeout` inside a handler does; `advance-clock` by default. */
  sleep?: SleepMode;
  /** Answer 401 to product calls whose operation needs a scope the manifest lacks (on by default). */
  enforceScopes?: boolean;
  /** Seed for shuffled deliveries. */
  seed?: number;
}

/** One run of a handler. */
export interface InvocationRecord {
  id: string;
  kind: 'trigger' | 'scheduledTrigger' | 'consumer' | 'resolver' | 'function';
  moduleKey: string;
  functionKey: string;
  eventType?: string;
  startedAt: number;
  endedAt: number;
  /** The REST calls it made, as the site counted them. */
  calls: InvocationCalls;
  kvs: { reads: number; writes: number };
  queuePushes: number;
  result?: unknown;
  error?: Error;
  /** It ran past its deadline (25 s, or the function's `timeoutSeconds`) on the simulated clock. */
  timedOut: boolean;
}

/** A product event waiting to be delivered. */
export interface PendingEvent {
  event: SiteEvent;
  /** How many times it has been delivered so far. */
  deliveries: number;
}

/** An event pushed on a queue, waiting for its consumer. */
export interface QueuedEvent {
  queueName: string;
  jobId: string;
  eventId: string;
  body: Record<string, unknown>;
  dueAt: number;
  retryCount: number;
  retryReason?: string;
}

/** Thrown by deliveries and drains when a handler failed; every failure is listed. */
export class HandlerFailedError extends Error {
  override name = 'HandlerFailedError';

  constructor(readonly failures: InvocationRecord[]) {
    super(
      [
        `${failures.length} handler invocation(s) failed:`,
        ...failures.map(
          (f) =>
            `  - ${f.kind} ${f.moduleKey}${f.eventType ? ` on ${f.eventType}` : ''}: ${f.timedOut ? 'timed out' : (f.error?.stack ?? f.error?.message)}`,
        ),
      ].join('\n'),
    );
  }
}

interface InvocationScope {
  id: string;
  moduleKey: string;
  accountId?: string;
  deadline: number;
  record: InvocationRecord;
}

type Handler = (...args: unknown[]) => unknown;

const DEFAULT_TIMEOUT_SECONDS = 25;
const MAX_RETRIES = 4;
const MAX_DELIVERY_ROUNDS = 1000;

let installed: ForgeRuntime | undefined;

/** Installs the runtime fake; only one can be installed at a time. */
export function installForgeRuntime(options: ForgeRuntimeOptions): ForgeRuntime {
  if (installed !== undefined) {
    throw new Error('a Forge runtime fake is already installed; uninstall it first');
  }
  installed = new ForgeRuntime(options);

  return installed;
}

export class ForgeRuntime {
  readonly site: JsmSite;
  readonly manifest: ForgeManifest;
  readonly kvs: InMemoryKvs;
  readonly invocations: InvocationRecord[] = [];
  /** Violations of the runtime itself: calls through `__forge_fetch__` that Forge would refuse. */
  readonly runtimeViolations: SpecViolation[] = [];
  readonly environmentId: string;
  readonly installationId: string;
  private readonly appDir: string;
  private readonly scope = new AsyncLocalStorage<InvocationScope>();
  private readonly restore: (() => void)[] = [];
  private readonly random: SeededRandom;
  private readonly enforceScopes: boolean;
  private readonly options: ForgeRuntimeOptions;
  private pending: PendingEvent[] = [];
  private queued: QueuedEvent[] = [];
  private readonly jobs = new Map<
    string,
    { success: number; inProgress: number; failed: number }
  >();
  private readonly nextScheduledRun = new Map<string, number>();
  private appModules = new Map<string, Record<string, unknown>>();
  private invocationCounter = 0;
  private uninstalled = false;

  constructor(options: ForgeRuntimeOptions) {
    this.options = options;
    this.site = options.site;
    this.manifest = readManifest(resolve(options.manifestPath));
    this.appDir = resolve(options.appDir);
    this.environmentId = options.environmentId ?? 'c7b8d2e4-0a1b-4c3d-9e8f-5a6b7c8d9e0f';
    this.installationId = 'e5b7c2a0-7d1f-4f0e-9b3a-2c4d6e8f0a1b';
    this.random = new SeededRandom(options.seed ?? 11);
    this.enforceScopes = options.enforceScopes ?? true;
    this.kvs = new InMemoryKvs(this.site.clock, this.manifest.entities);
    for (const module of this.manifest.entityProperties) {
      this.site.indexEntityProperty({
        propertyKey: module.propertyKey,
        entityType: module.entityType,
        values: module.values,
      });
    }
    const start = this.site.now();
    for (const trigger of this.manifest.scheduledTriggers) {
      this.nextScheduledRun.set(trigger.key, start + INTERVAL_MS[trigger.interval]);
    }
    this.restore.push(this.site.onEvent((event) => this.pending.push({ event, deliveries: 0 })));
    this.installGlobals(options.sleep ?? 'advance-clock');
  }

  // ---- globals ------------------------------------------------------------------------------

  private installGlobals(sleep: SleepMode): void {
    const g = globalThis as Record<string, unknown>;
    const previousFetch = g.__forge_fetch__;
    const previousRuntime = g.__forge_runtime__;
    g.__forge_fetch__ = (meta: unknown, path: string, init?: RequestInit) =>
      this.forgeFetch(meta, path, init);
    g.__forge_runtime__ = this.runtimeObject();
    this.restore.push(() => {
      g.__forge_fetch__ = previousFetch;
      g.__forge_runtime__ = previousRuntime;
    });
    this.restore.push(patchDate(this.site.clock));
    this.restore.push(
      patchTimers(this.site.clock, this.scope as AsyncLocalStorage<unknown>, sleep),
    );
  }

  /** What `@forge/api`'s `getAppContext()` and `@forge/kvs` read from `__forge_runtime__`. */
  private runtimeObject(): Record<string, unknown> {
    const noop = { incr: () => undefined, stop: () => undefined };
    const runtime: Record<string, unknown> = {
      lambdaContext: {
        getRemainingTimeInMillis: () => {
          const current = this.scope.getStore();

          return current === undefined
            ? DEFAULT_TIMEOUT_SECONDS * 1000
            : Math.max(0, current.deadline - this.site.now());
        },
      },
      metrics: {
        counter: () => noop,
        timing: () => ({ measure: () => noop }),
      },
      proxy: { token: 'emulated-proxy-token' },
      tracing: { traceId: 'emulated-trace', spanId: 'emulated-span' },
    };
    // Read on every call, so that each invocation sees its own id and module.
    Object.defineProperty(runtime, 'appContext', {
      enumerable: true,
      get: () => {
        const current = this.scope.getStore();

        return {
          appId: this.manifest.appUuid,
          appVersion: this.options.appVersion ?? '1.0.0',
          environmentId: this.environmentId,
          environmentType: this.options.environmentType ?? 'DEVELOPMENT',
          invocationId: current?.id ?? 'outside-invocation',
          installationId: this.installationId,
          moduleKey: current?.moduleKey ?? '',
          license: undefined,
          installation: undefined,
          permissions: { scopes: [...this.manifest.scopes], external: {} },
        };
      },
    });

    return runtime;
  }

  /** Restores every global the fake replaced, then throws any violation not yet asserted. */
  uninstall(): void {
    if (this.uninstalled) return;
    this.uninstalled = true;
    for (const undo of this.restore.reverse()) undo();
    if (installed === this) installed = undefined;
    this.assertNoSpecViolations();
  }

  /** Throws a SpecViolationError for the site's and the runtime's violations, and forgets them. */
  assertNoSpecViolations(): void {
    const violations = [...this.runtimeViolations.splice(0), ...this.site.specViolations.splice(0)];
    if (violations.length > 0) throw new SpecViolationError(violations);
  }

  // ---- __forge_fetch__ ----------------------------------------------------------------------

  private async forgeFetch(meta: unknown, path: string, init: RequestInit = {}): Promise<Response> {
    const m = (meta ?? {}) as {
      type?: string;
      provider?: string;
      remote?: string;
      accountId?: string;
    };
    const current = this.scope.getStore();
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = headerRecord(init.headers);
    const bodyText =
      typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body);

    if (m.type === 'kvs') {
      const answer = this.kvs.handle(
        path,
        bodyText === undefined ? undefined : JSON.parse(bodyText),
      );
      if (current !== undefined) {
        if (InMemoryKvs.isRead(path)) current.record.kvs.reads += 1;
        else current.record.kvs.writes += 1;
      }

      return jsonResponse(answer.status, answer.body);
    }
    if (m.type === 'fpp' && m.remote === 'jira') {
      let caller: Caller = 'app';
      if (m.provider === 'user') {
        const accountId = m.accountId ?? current?.accountId;
        if (accountId === undefined) {
          return jsonResponse(
            401,
            { message: 'asUser() needs a user; this invocation has none' },
            { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' },
          );
        }
        caller = { accountId };
      }
      const answer = await this.site.handle({
        method,
        path,
        headers,
        body: bodyText,
        caller,
        viaApp: true,
        invocationId: current?.id,
        grantedScopes: this.enforceScopes ? this.manifest.scopes : undefined,
      });

      return jsonResponse(answer.status, answer.body, answer.headers);
    }
    if (m.type === 'fpp' && m.remote === 'stargate' && path.startsWith('/webhook/queue/')) {
      return this.queueCall(path, bodyText, current);
    }
    this.runtimeViolations.push({
      kind: 'unsupported',
      method,
      path,
      problems: [
        `the runtime fake does not route ${JSON.stringify(meta)} calls; only product calls to Jira, KVS and queue pushes`,
      ],
      caller: m.provider ?? 'app',
      invocationId: current?.id,
    });

    return jsonResponse(501, {
      message: `the runtime fake does not route ${String(m.type)} calls to ${String(m.remote)}`,
    });
  }

  private queueCall(
    path: string,
    bodyText: string | undefined,
    current: InvocationScope | undefined,
  ): Response {
    const request = JSON.parse(bodyText ?? '{}') as {
      queueName?: string;
      jobId?: string;
      payload?: { body: Record<string, unknown>; delayInSeconds?: number }[];
    };
    const queueName = request.queueName ?? '';
    const jobId = request.jobId ?? '';
    if (path.startsWith('/webhook/queue/publish/')) {
      if (!this.manifest.consumers.some((c) => c.queue === queueName)) {
        this.runtimeViolations.push({
          kind: 'unsupported',
          method: 'POST',
          path,
          problems: [`queue '${queueName}' has no consumer module in ${this.manifest.path}`],
          caller: 'app',
          invocationId: current?.id,
        });
      }
      const events = request.payload ?? [];
      for (const event of events) {
        this.queued.push({
          queueName,
          jobId,
          eventId: randomUUID(),
          body: event.body,
          dueAt: this.site.now() + (event.delayInSeconds ?? 0) * 1000,
          retryCount: 0,
        });
      }
      this.jobs.set(jobId, { success: 0, inProgress: events.length, failed: 0 });
      if (current !== undefined) current.record.queuePushes += events.length;

      return jsonResponse(201, {});
    }
    const job = this.jobs.get(jobId);
    if (job === undefined) return jsonResponse(404, { message: `job ${jobId} does not exist` });
    if (path.startsWith('/webhook/queue/stats/')) return jsonResponse(200, { ...job });
    if (path.startsWith('/webhook/queue/cancel/')) {
      this.queued = this.queued.filter((e) => e.jobId !== jobId);
      job.inProgress = 0;

      return jsonResponse(204, undefined);
    }

    return jsonResponse(404, { message: `unknown queue operation ${path}` });
  }

  // ---- handlers -----------------------------------------------------------------------------

  private handlerFor(functionKey: string): { fn: Handler; module: FunctionModule } {
    const module = this.manifest.functions.get(functionKey);
    if (module === undefined) {
      throw new Error(`${this.manifest.path} has no function module '${functionKey}'`);
    }
    const dot = module.handler.lastIndexOf('.');
    const file = module.handler.slice(0, dot);
    const exportName = module.handler.slice(dot + 1);
    let exports = this.appModules.get(file);
    if (exports === undefined) {
      const modulePath = join(this.appDir, 'src', file);
      // The app is loaded on first use, through jest's or tsx's require, so its imports see the fakes.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exports = require(modulePath) as Record<string, unknown>;
      this.appModules.set(file, exports);
    }
    const fn = exports[exportName];
    if (typeof fn !== 'function') {
      throw new Error(
        `function '${functionKey}' names handler ${module.handler}, but src/${file} exports no function '${exportName}'`,
      );
    }

    return { fn: fn as Handler, module };
  }

  private installContext(): string {
    return `ari:cloud:jira::site/${this.site.cloudId}`;
  }

  private backendContext(moduleKey: string, accountId?: string): Record<string, unknown> {
    return {
      installContext: this.installContext(),
      environmentId: this.environmentId,
      environmentType: this.options.environmentType ?? 'DEVELOPMENT',
      moduleKey,
      ...(accountId === undefined ? {} : { principal: { accountId } }),
    };
  }

  /** Runs one handler inside an invocation: counted calls, deadline, virtual timers. */
  async runInvocation(
    spec: {
      kind: InvocationRecord['kind'];
      moduleKey: string;
      functionKey: string;
      eventType?: string;
      accountId?: string;
    },
    args: unknown[],
  ): Promise<InvocationRecord> {
    const { fn, module } = this.handlerFor(spec.functionKey);
    const id = `${spec.moduleKey}#${++this.invocationCounter}`;
    const startedAt = this.site.now();
    const calls = this.site.calls.begin(
      `${spec.kind} ${spec.moduleKey}${spec.eventType ? ` ${spec.eventType}` : ''}`,
      startedAt,
      id,
    );
    const record: InvocationRecord = {
      id,
      kind: spec.kind,
      moduleKey: spec.moduleKey,
      functionKey: spec.functionKey,
      eventType: spec.eventType,
      startedAt,
      endedAt: startedAt,
      calls,
      kvs: { reads: 0, writes: 0 },
      queuePushes: 0,
      timedOut: false,
    };
    const deadline = startedAt + (module.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    try {
      record.result = await this.scope.run(
        { id, moduleKey: spec.moduleKey, accountId: spec.accountId, deadline, record },
        () => Promise.resolve(fn(...args)),
      );
    } catch (error) {
      record.error = error instanceof Error ? error : new Error(String(error));
    } finally {
      record.endedAt = this.site.now();
      record.timedOut = record.endedAt > deadline;
      this.site.calls.end(id, record.endedAt);
      this.invocations.push(record);
    }

    return record;
  }

  /** Runs any function module of the manifest directly, e.g. to test a handler in isolation. */
  invokeFunction(
    functionKey: string,
    args: unknown[],
    options: { accountId?: string } = {},
  ): Promise<InvocationRecord> {
    return this.runInvocation(
      { kind: 'function', moduleKey: functionKey, functionKey, accountId: options.accountId },
      args,
    );
  }

  // ---- product events -----------------------------------------------------------------------

  /** Events emitted by the site and not delivered yet, oldest first. */
  pendingEvents(): readonly PendingEvent[] {
    return this.pending;
  }

  /** Removes and returns the pending events, so a test can deliver them in its own order. */
  takePendingEvents(): SiteEvent[] {
    return this.pending.splice(0).map((p) => p.event);
  }

  /** Forgets the pending events (for instance those of the test's own setup). */
  discardPendingEvents(): void {
    this.pending = [];
  }

  /**
   * Delivers one event to every trigger subscribed to it, honouring `filter.ignoreSelf`.
   * Delivering the same event again, later or out of order is how tests reproduce Forge's
   * duplicates, late deliveries and missing ordering.
   */
  async deliver(
    event: SiteEvent,
    options: { allowFailures?: boolean } = {},
  ): Promise<InvocationRecord[]> {
    const records: InvocationRecord[] = [];
    for (const trigger of this.manifest.triggers) {
      const subscription = triggerSubscriptions(trigger).find(
        (s) => s.eventType === event.eventType,
      );
      if (subscription === undefined || (subscription.ignoreSelf && event.viaApp)) continue;
      const payload = {
        ...structuredClone(event.payload),
        context: { cloudId: this.site.cloudId, moduleKey: trigger.key },
        contextToken: 'emulated-context-token',
      };
      records.push(
        await this.runInvocation(
          {
            kind: 'trigger',
            moduleKey: trigger.key,
            functionKey: trigger.function,
            eventType: event.eventType,
          },
          [payload, this.backendContext(trigger.key)],
        ),
      );
    }
    if (options.allowFailures !== true) throwFailures(records);

    return records;
  }

  /**
   * Delivers pending events until none is left (events the handlers cause are delivered too).
   * `order: 'shuffled'` delivers each round in a seeded random order; `times: 2` delivers every
   * event twice, as Forge may.
   */
  async deliverPending(
    options: { order?: 'fifo' | 'shuffled'; times?: number; allowFailures?: boolean } = {},
  ): Promise<InvocationRecord[]> {
    const records: InvocationRecord[] = [];
    for (let round = 0; this.pending.length > 0; round += 1) {
      if (round >= MAX_DELIVERY_ROUNDS) {
        throw new Error(
          `events kept coming after ${MAX_DELIVERY_ROUNDS} delivery rounds: do the handlers trigger each other without end?`,
        );
      }
      const batch = this.takePendingEvents();
      const ordered = options.order === 'shuffled' ? this.random.shuffle(batch) : batch;
      for (const event of ordered) {
        for (let i = 0; i < (options.times ?? 1); i += 1) {
          records.push(...(await this.deliver(event, { allowFailures: true })));
        }
      }
    }
    if (options.allowFailures !== true) throwFailures(records);

    return records;
  }

  // ---- queue --------------------------------------------------------------------------------

  /** Queued events not consumed yet. */
  queuedEvents(): readonly QueuedEvent[] {
    return this.queued;
  }

  /**
   * Delivers every queued event that is due (and retries that fall due meanwhile) to the consumer
   * of its queue. A consumer that returns `QueueResponse.retry()` / `InvocationError`, or times
   * out, has the event queued again up to 4 times. Events delayed beyond now stay queued.
   */
  async drain(options: { allowFailures?: boolean } = {}): Promise<InvocationRecord[]> {
    const records: InvocationRecord[] = [];
    for (;;) {
      const due = this.queued
        .filter((e) => e.dueAt <= this.site.now())
        .sort((a, b) => a.dueAt - b.dueAt);
      if (due.length === 0) break;
      const event = due[0] as QueuedEvent;
      this.queued.splice(this.queued.indexOf(event), 1);
      const consumer = this.manifest.consumers.find((c) => c.queue === event.queueName);
      if (consumer === undefined) continue;
      const record = await this.consume(consumer, event);
      records.push(record);
      const job = this.jobs.get(event.jobId);
      const retry =
        (record.result as { _retry?: boolean } | undefined)?._retry === true || record.timedOut;
      if (retry && event.retryCount < MAX_RETRIES) {
        const retryAfter =
          (record.result as { retryOptions?: { retryAfter?: number } } | undefined)?.retryOptions
            ?.retryAfter ?? 1;
        this.queued.push({
          ...event,
          retryCount: event.retryCount + 1,
          retryReason: record.timedOut ? 'FUNCTION_TIME_OUT' : 'FUNCTION_RETRY_REQUEST',
          dueAt: this.site.now() + retryAfter * 1000,
        });
      } else if (job !== undefined) {
        job.inProgress -= 1;
        if (record.error !== undefined || retry) job.failed += 1;
        else job.success += 1;
      }
    }
    if (options.allowFailures !== true) throwFailures(records);

    return records;
  }

  private consume(consumer: ConsumerModule, event: QueuedEvent): Promise<InvocationRecord> {
    const retryContext =
      event.retryCount === 0
        ? undefined
        : { retryCount: event.retryCount, retryReason: event.retryReason, retryData: undefined };
    const asyncEvent = {
      body: structuredClone(event.body),
      queueName: event.queueName,
      jobId: event.jobId,
      eventId: event.eventId,
      ...(retryContext === undefined ? {} : { retryContext }),
      contextAri: this.installContext(),
    };
    if ('function' in consumer) {
      return this.runInvocation(
        { kind: 'consumer', moduleKey: consumer.key, functionKey: consumer.function },
        [asyncEvent, this.backendContext(consumer.key)],
      );
    }

    return this.runInvocation(
      { kind: 'consumer', moduleKey: consumer.key, functionKey: consumer.resolver.function },
      [
        {
          call: {
            functionKey: consumer.resolver.method,
            payload: asyncEvent.body,
            jobId: event.jobId,
          },
          context: { ...asyncEvent, installContext: this.installContext() },
        },
        { installContext: this.installContext() },
      ],
    );
  }

  // ---- scheduled triggers and the clock -------------------------------------------------------

  /** The simulated clock, with `advance` running scheduled triggers as their intervals pass. */
  get clock(): {
    now(): number;
    advance(duration: Duration, options?: { allowFailures?: boolean }): Promise<InvocationRecord[]>;
  } {
    return {
      now: () => this.site.now(),
      advance: (duration, options) => this.advance(duration, options),
    };
  }

  /**
   * Moves the simulated clock forward; every scheduled trigger whose interval elapses on the way
   * runs at its due instant, in order. Example: `await runtime.clock.advance({ hours: 2 })`.
   */
  async advance(
    duration: Duration,
    options: { allowFailures?: boolean } = {},
  ): Promise<InvocationRecord[]> {
    const target = this.site.now() + durationMs(duration);
    const records: InvocationRecord[] = [];
    for (;;) {
      let next: { key: string; at: number } | undefined;
      for (const [key, at] of this.nextScheduledRun) {
        if (at <= target && (next === undefined || at < next.at)) next = { key, at };
      }
      if (next === undefined) break;
      if (this.site.now() < next.at) this.site.clock.set(next.at);
      const trigger = this.manifest.scheduledTriggers.find((t) => t.key === next.key);
      if (trigger === undefined) break;
      this.nextScheduledRun.set(trigger.key, next.at + INTERVAL_MS[trigger.interval]);
      records.push(await this.runScheduled(trigger.key));
    }
    if (this.site.now() < target) this.site.clock.set(target);
    if (options.allowFailures !== true) throwFailures(records);

    return records;
  }

  /** Runs a scheduled trigger now, as Forge does when its interval comes. */
  runScheduled(moduleKey: string): Promise<InvocationRecord> {
    const trigger = this.manifest.scheduledTriggers.find((t) => t.key === moduleKey);
    if (trigger === undefined) {
      throw new Error(`${this.manifest.path} has no scheduledTrigger '${moduleKey}'`);
    }

    return this.runInvocation(
      { kind: 'scheduledTrigger', moduleKey: trigger.key, functionKey: trigger.function },
      [
        {
          context: {
            cloudId: this.site.cloudId,
            moduleKey: trigger.key,
            userAccess: { enabled: false },
          },
          contextToken: 'emulated-context-token',
        },
        this.backendContext(trigger.key),
      ],
    );
  }

  // ---- UI resolvers -------------------------------------------------------------------------

  /**
   * A resolver registration for the bridge fake: `invoke(key, payload)` from the module's UI runs
   * the module's resolver function as Forge does, with a trusted context for `accountId`.
   */
  resolverFor(
    moduleKey: string,
    options: {
      accountId: string;
      extension?: Record<string, unknown>;
      context?: Record<string, unknown>;
    },
  ): BridgeResolver {
    const module = this.manifest.resolverModules.find((m) => m.key === moduleKey);
    if (module === undefined) {
      throw new Error(`${this.manifest.path} has no UI module '${moduleKey}' with a resolver`);
    }
    const context = {
      accountId: options.accountId,
      cloudId: this.site.cloudId,
      moduleKey,
      localId: `${moduleKey}-local`,
      environmentId: this.environmentId,
      environmentType: this.options.environmentType ?? 'DEVELOPMENT',
      siteUrl: this.site.baseUrl,
      extension: { type: module.type, ...(options.extension ?? {}) },
      ...(options.context ?? {}),
    };

    return {
      context,
      invoke: async (functionKey, payload) => {
        const record = await this.runInvocation(
          {
            kind: 'resolver',
            moduleKey,
            functionKey: module.function,
            accountId: options.accountId,
          },
          [
            { call: { functionKey, payload }, context },
            { principal: { accountId: options.accountId }, installContext: this.installContext() },
          ],
        );
        if (record.error !== undefined) throw record.error;

        return record.result;
      },
    };
  }
}

/** What the UI bridge fake needs to answer `invoke` and `getContext` for one module. */
export interface BridgeResolver {
  context: Record<string, unknown>;
  invoke(functionKey: string, payload: unknown): Promise<unknown>;
}

function throwFailures(records: InvocationRecord[]): void {
  const failures = records.filter((r) => r.error !== undefined || r.timedOut);
  if (failures.length > 0) throw new HandlerFailedError(failures);
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers === undefined) return record;
  new Headers(headers).forEach((value, name) => {
    record[name] = value;
  });

  return record;
}

function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  const hasBody = body !== undefined && status !== 204;
  const responseHeaders = new Headers(headers);
  if (hasBody && !responseHeaders.has('content-type'))
    responseHeaders.set('content-type', 'application/json');

  return new Response(hasBody ? JSON.stringify(body) : null, { status, headers: responseHeaders });
}

/** The runtime fake currently installed, if any. */
export function installedForgeRuntime(): ForgeRuntime | undefined {
  return installed;
}
