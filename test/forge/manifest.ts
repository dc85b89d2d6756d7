/**
 * Reads the parts of a Forge `manifest.yml` the runtime fake needs: functions and their handlers,
 * product triggers, scheduled triggers, queue consumers, `jira:entityProperty` indexes, storage
 * entities, UI modules' resolvers and the granted scopes. Errors name the manifest and the module.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const functionSchema = z.object({
  key: z.string(),
  handler: z.string().regex(/^[\w./-]+\.\w+$/, 'handler must be <file>.<export>, e.g. index.run'),
  timeoutSeconds: z.number().int().positive().max(900).optional(),
});

const filterSchema = z
  .object({ ignoreSelf: z.boolean().optional(), expression: z.string().optional() })
  .passthrough();

const triggerSchema = z.object({
  key: z.string(),
  function: z.string(),
  events: z.array(
    z.union([
      z.string(),
      z.object({ eventType: z.string(), filter: filterSchema.optional() }).passthrough(),
    ]),
  ),
  filter: filterSchema.optional(),
});

const scheduledSchema = z.object({
  key: z.string(),
  function: z.string(),
  interval: z.enum(['fiveMinute', 'hour', 'day', 'week']),
});

const consumerSchema = z.union([
  z.object({ key: z.string(), queue: z.string(), function: z.string() }),
  z.object({
    key: z.string(),
    queue: z.string(),
    resolver: z.object({ function: z.string(), method: z.string() }),
  }),
]);

const entityPropertySchema = z.object({
  key: z.string(),
  propertyKey: z.string(),
  entityType: z.enum(['issue', 'project', 'user']).optional(),
  values: z.array(
    z.object({
      path: z.string(),
      type: z.enum(['number', 'string', 'text', 'user', 'date']),
      searchAlias: z.string().optional(),
    }),
  ),
});

const entitySchema = z.object({
  name: z.string(),
  attributes: z.record(z.string(), z.object({ type: z.string() }).passthrough()),
  indexes: z
    .array(
      z.union([
        z.string(),
        z.object({
          name: z.string(),
          range: z.array(z.string()),
          partition: z.array(z.string()).optional(),
        }),
      ]),
    )
    .optional(),
});

const manifestSchema = z.object({
  app: z
    .object({
      id: z
        .string()
        .regex(
          /^ari:cloud:ecosystem::app\/[\w-]+$/,
          'app.id must be ari:cloud:ecosystem::app/<uuid>',
        ),
      storage: z
        .object({ entities: z.array(entitySchema).optional() })
        .passthrough()
        .optional(),
    })
    .passthrough(),
  modules: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).default({}),
  permissions: z
    .object({ scopes: z.array(z.string()).optional() })
    .passthrough()
    .optional(),
});

export type FunctionModule = z.infer<typeof functionSchema>;
export type TriggerModule = z.infer<typeof triggerSchema>;
export type ScheduledTriggerModule = z.infer<typeof scheduledSchema>;
export type ConsumerModule = z.infer<typeof consumerSchema>;
export type EntityPropertyModule = z.infer<typeof entityPropertySchema>;
export type StorageEntity = z.infer<typeof entitySchema>;

/** A module whose UI calls a resolver function (issue panels, admin pages, portal modules…). */
export interface ResolverModule {
  type: string;
  key: string;
  function: string;
}

export interface ForgeManifest {
  path: string;
  appId: string;
  /** The app's uuid, the last segment of `app.id`. */
  appUuid: string;
  functions: Map<string, FunctionModule>;
  triggers: TriggerModule[];
  scheduledTriggers: ScheduledTriggerModule[];
  consumers: ConsumerModule[];
  entityProperties: EntityPropertyModule[];
  entities: StorageEntity[];
  resolverModules: ResolverModule[];
  scopes: string[];
}

/** Thrown for a manifest the fake cannot run; the message names the file and the module. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

function parseModules<T>(
  path: string,
  type: string,
  schema: z.ZodType<T>,
  items: Record<string, unknown>[] | undefined,
): T[] {
  return (items ?? []).map((item, i) => {
    const result = schema.safeParse(item);
    if (!result.success) {
      const where = typeof item.key === 'string' ? `'${item.key}'` : `#${i + 1}`;
      throw new ManifestError(
        `${path}: module ${type} ${where} is not valid: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    }

    return result.data;
  });
}

/** Reads and checks a manifest; every function reference must name a `function` module. */
export function readManifest(path: string): ForgeManifest {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ManifestError(`${path}: cannot read the manifest: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ManifestError(
      `${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const { app, modules, permissions } = parsed.data;
  const functions = new Map(
    parseModules(path, 'function', functionSchema, modules.function).map((f) => [f.key, f]),
  );
  const resolverModules: ResolverModule[] = [];
  for (const [type, items] of Object.entries(modules)) {
    for (const item of items) {
      const resolver = item.resolver as { function?: unknown } | undefined;
      if (
        type !== 'consumer' &&
        typeof resolver?.function === 'string' &&
        typeof item.key === 'string'
      ) {
        resolverModules.push({ type, key: item.key, function: resolver.function });
      }
    }
  }
  const manifest: ForgeManifest = {
    path,
    appId: app.id,
    appUuid: app.id.slice(app.id.lastIndexOf('/') + 1),
    functions,
    triggers: parseModules(path, 'trigger', triggerSchema, modules.trigger),
    scheduledTriggers: parseModules(
      path,
      'scheduledTrigger',
      scheduledSchema,
      modules.scheduledTrigger,
    ),
    consumers: parseModules(path, 'consumer', consumerSchema, modules.consumer),
    entityProperties: parseModules(
      path,
      'jira:entityProperty',
      entityPropertySchema,
      modules['jira:entityProperty'],
    ),
    entities: app.storage?.entities ?? [],
    resolverModules,
    scopes: permissions?.scopes ?? [],
  };
  const references: [string, string][] = [
    ...manifest.triggers.map((t): [string, string] => [`trigger '${t.key}'`, t.function]),
    ...manifest.scheduledTriggers.map((t): [string, string] => [
      `scheduledTrigger '${t.key}'`,
      t.function,
    ]),
    ...manifest.consumers.map((c): [string, string] => [
      `consumer '${c.key}'`,
      'function' in c ? c.function : c.resolver.function,
    ]),
    ...resolverModules.map((m): [string, string] => [`${m.type} '${m.key}'`, m.function]),
  ];
  for (const [where, functionKey] of references) {
    if (!functions.has(functionKey)) {
      throw new ManifestError(
        `${path}: ${where} names function '${functionKey}', which no function module declares`,
      );
    }
  }

  return manifest;
}

/** The product events a trigger subscribes to, each with its effective filter. */
export function triggerSubscriptions(
  trigger: TriggerModule,
): { eventType: string; ignoreSelf: boolean }[] {
  return trigger.events.map((event) =>
    typeof event === 'string'
      ? { eventType: event, ignoreSelf: trigger.filter?.ignoreSelf === true }
      : {
          eventType: event.eventType,
          ignoreSelf: (event.filter?.ignoreSelf ?? trigger.filter?.ignoreSelf) === true,
        },
  );
}

/** Milliseconds of a scheduled trigger's interval. */
export const INTERVAL_MS: Record<ScheduledTriggerModule['interval'], number> = {
  fiveMinute: 5 * 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};
