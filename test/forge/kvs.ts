/**
 * An in-memory Forge KVS that answers what `@forge/kvs` sends through `__forge_fetch__`:
 * get/set/delete (plain and secret), `FAIL_IF_EXISTS`, TTL expiry on the simulated clock, key
 * queries (beginsWith and the other key conditions, cursors, limits), batches, transactions of up
 * to 25 operations with conditions, and custom entities with the manifest's indexes.
 */
import type { Clock } from '../emulator/clock';
import type { StorageEntity } from './manifest';

interface Entry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

interface Where {
  property?: string;
  condition: string;
  values: unknown[];
}

type Conditions = { and?: Where[]; or?: Where[] };

/** A KVS error answer, with the code the SDK turns into a ForgeKvsAPIError. */
class KvsFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_KEY_LENGTH = 500;
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_TRANSACTION_OPERATIONS = 25;
const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

export interface KvsAnswer {
  status: number;
  body?: unknown;
}

export class InMemoryKvs {
  private readonly plain = new Map<string, Entry>();
  private readonly secrets = new Map<string, Entry>();
  private readonly entities = new Map<string, Map<string, Entry>>();

  constructor(
    private readonly clock: Clock,
    private readonly entityDefinitions: StorageEntity[] = [],
  ) {}

  /** Answers one KVS call: `path` is `/api/v1/...`, `body` the parsed JSON request. */
  handle(path: string, body: unknown): KvsAnswer {
    try {
      return this.route(path.replace(/^\/+/, '/'), body);
    } catch (error) {
      if (error instanceof KvsFailure) {
        return { status: error.status, body: { code: error.code, message: error.message } };
      }
      throw error;
    }
  }

  /** Whether an operation only reads (for the per-invocation counts). */
  static isRead(path: string): boolean {
    return (
      /\/(get|query)$/.test(path) || path.endsWith('/batch/get') || path.endsWith('/entity/query')
    );
  }

  // ---- test helpers -------------------------------------------------------------------------

  /** The live value of a key, or undefined (for assertions). */
  get(key: string): unknown {
    return this.live(this.plain, key)?.value;
  }

  /** Seeds a value, as a test's setup would. */
  set(key: string, value: unknown, options: { ttlMs?: number } = {}): void {
    this.write(this.plain, key, value, options.ttlMs);
  }

  /** Live keys, sorted. */
  keys(): string[] {
    return [...this.plain.keys()].filter((k) => this.live(this.plain, k) !== undefined).sort();
  }

  entityValue(entityName: string, key: string): unknown {
    return this.live(this.entityStore(entityName), key)?.value;
  }

  clear(): void {
    this.plain.clear();
    this.secrets.clear();
    this.entities.clear();
  }

  // ---- protocol -----------------------------------------------------------------------------

  private route(path: string, body: unknown): KvsAnswer {
    const request = (body ?? {}) as Record<string, unknown>;
    switch (path) {
      case '/api/v1/get':
        return this.getOne(this.plain, request);
      case '/api/v1/set':
        return this.setOne(this.plain, request);
      case '/api/v1/delete':
        return this.deleteOne(this.plain, request);
      case '/api/v1/secret/get':
        return this.getOne(this.secrets, request);
      case '/api/v1/secret/set':
        return this.setOne(this.secrets, request);
      case '/api/v1/secret/delete':
        return this.deleteOne(this.secrets, request);
      case '/api/v1/entity/get':
        return this.getOne(this.entityStore(request.entityName), request);
      case '/api/v1/entity/set':
        this.checkEntityValue(request.entityName, request.value);

        return this.setOne(this.entityStore(request.entityName), request);
      case '/api/v1/entity/delete':
        return this.deleteOne(this.entityStore(request.entityName), request);
      case '/api/v1/query':
        return this.query(request);
      case '/api/v1/entity/query':
        return this.queryEntity(request);
      case '/api/v1/batch/set':
        return this.batchSet(body);
      case '/api/v1/batch/get':
        return this.batchGet(body);
      case '/api/v1/batch/delete':
        return this.batchDelete(body);
      case '/api/v1/transaction':
        return this.transact(request);
      default:
        throw new KvsFailure(404, 'NOT_FOUND', `the KVS fake does not know the operation ${path}`);
    }
  }

  private live(store: Map<string, Entry>, key: string): Entry | undefined {
    const entry = store.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.clock.now()) {
      store.delete(key);

      return undefined;
    }

    return entry;
  }

  private checkKey(key: unknown): string {
    if (typeof key !== 'string' || key.length === 0) {
      throw new KvsFailure(400, 'BAD_REQUEST', 'The key must be a non-empty string.');
    }
    if (key.length > MAX_KEY_LENGTH) {
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `The key is ${key.length} characters; the limit is ${MAX_KEY_LENGTH}.`,
      );
    }
    if (!KEY_PATTERN.test(key)) {
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `The key '${key}' has characters Forge storage refuses; keys match ${KEY_PATTERN.source}.`,
      );
    }

    return key;
  }

  private ttlMs(options: Record<string, unknown> | undefined): number | undefined {
    const ttl = options?.ttl as { value?: unknown; unit?: unknown } | undefined;
    if (ttl === undefined) return undefined;
    const unit = TTL_UNIT_MS[ttl.unit as keyof typeof TTL_UNIT_MS];
    if (
      unit === undefined ||
      typeof ttl.value !== 'number' ||
      !(ttl.value > 0) ||
      !Number.isInteger(ttl.value)
    ) {
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        'ttl is { value: a positive integer, unit: SECONDS | MINUTES | HOURS | DAYS }.',
      );
    }

    return ttl.value * unit;
  }

  private write(store: Map<string, Entry>, key: string, value: unknown, ttlMs?: number): Entry {
    const serialized = JSON.stringify(value);
    if (serialized === undefined) {
      throw new KvsFailure(400, 'BAD_REQUEST', `The value of '${key}' is not JSON.`);
    }
    const bytes = Buffer.byteLength(serialized, 'utf8');
    if (bytes > MAX_VALUE_BYTES) {
      throw new KvsFailure(
        413,
        'BAD_REQUEST',
        `The value of '${key}' is ${bytes} bytes; the limit is ${MAX_VALUE_BYTES}.`,
      );
    }
    const now = this.clock.now();
    const previous = this.live(store, key);
    const entry: Entry = {
      value: JSON.parse(serialized),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      expiresAt: ttlMs === undefined ? undefined : now + ttlMs,
    };
    store.set(key, entry);

    return entry;
  }

  private render(
    key: string,
    entry: Entry,
    metadataFields: unknown,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> {
    const fields = Array.isArray(metadataFields) ? metadataFields : [];
    const rendered: Record<string, unknown> = {
      ...extra,
      key,
      value: structuredClone(entry.value),
    };
    if (fields.includes('CREATED_AT')) rendered.createdAt = Math.floor(entry.createdAt / 1000);
    if (fields.includes('UPDATED_AT')) rendered.updatedAt = Math.floor(entry.updatedAt / 1000);
    if (fields.includes('EXPIRE_TIME') && entry.expiresAt !== undefined) {
      rendered.expireTime = new Date(entry.expiresAt).toISOString();
    }

    return rendered;
  }

  private getOne(store: Map<string, Entry>, request: Record<string, unknown>): KvsAnswer {
    const key = this.checkKey(request.key);
    const entry = this.live(store, key);
    if (entry === undefined) {
      throw new KvsFailure(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    }
    const options = request.options as { metadataFields?: unknown } | undefined;

    return { status: 200, body: this.render(key, entry, options?.metadataFields) };
  }

  private setOne(store: Map<string, Entry>, request: Record<string, unknown>): KvsAnswer {
    const key = this.checkKey(request.key);
    const options = request.options as Record<string, unknown> | undefined;
    const previous = this.live(store, key);
    if (options?.keyPolicy === 'FAIL_IF_EXISTS' && previous !== undefined) {
      throw new KvsFailure(409, 'KEY_CONFLICT', `The key '${key}' already exists.`);
    }
    if (
      options?.keyPolicy !== undefined &&
      options.keyPolicy !== 'OVERRIDE' &&
      options.keyPolicy !== 'FAIL_IF_EXISTS'
    ) {
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `keyPolicy must be OVERRIDE or FAIL_IF_EXISTS, got ${String(options.keyPolicy)}.`,
      );
    }
    const before = previous === undefined ? undefined : { ...previous };
    const entry = this.write(store, key, request.value, this.ttlMs(options));
    if (options?.returnValue === 'LATEST') {
      return { status: 200, body: this.render(key, entry, options.returnMetadataFields) };
    }
    if (options?.returnValue === 'PREVIOUS') {
      return before === undefined
        ? { status: 204 }
        : { status: 200, body: this.render(key, before, options.returnMetadataFields) };
    }

    return { status: 204 };
  }

  private deleteOne(store: Map<string, Entry>, request: Record<string, unknown>): KvsAnswer {
    const key = this.checkKey(request.key);
    store.delete(key);

    return { status: 204 };
  }

  private query(request: Record<string, unknown>): KvsAnswer {
    const limit = this.limit(request.limit);
    const where = (request.where as Where[] | undefined) ?? [];
    for (const clause of where) {
      if (clause.property !== 'key') {
        throw new KvsFailure(
          400,
          'BAD_REQUEST',
          `queries filter on 'key' only, got '${String(clause.property)}'.`,
        );
      }
    }
    const after = request.after === undefined ? undefined : decodeCursor(request.after);
    const keys = this.keys().filter(
      (key) => where.every((clause) => test(clause, key)) && (after === undefined || key > after),
    );
    const page = keys.slice(0, limit);
    const options = request.options as { metadataFields?: unknown } | undefined;
    const body: Record<string, unknown> = {
      data: page.map((key) =>
        this.render(key, this.plain.get(key) as Entry, options?.metadataFields),
      ),
    };
    if (keys.length > limit) body.cursor = encodeCursor(page[page.length - 1] as string);

    return { status: 200, body };
  }

  private limit(value: unknown): number {
    if (value === undefined) return 10;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `limit must be an integer from 1 to 100, got ${String(value)}.`,
      );
    }

    return value;
  }

  private entityDefinition(name: unknown): StorageEntity {
    const definition = this.entityDefinitions.find((e) => e.name === name);
    if (definition === undefined) {
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `The entity '${String(name)}' is not declared under app.storage.entities in the manifest.`,
      );
    }

    return definition;
  }

  private entityStore(name: unknown): Map<string, Entry> {
    const definition = this.entityDefinition(name);
    let store = this.entities.get(definition.name);
    if (store === undefined) {
      store = new Map();
      this.entities.set(definition.name, store);
    }

    return store;
  }

  private checkEntityValue(name: unknown, value: unknown): void {
    const definition = this.entityDefinition(name);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `A value of entity '${definition.name}' must be an object.`,
      );
    }
    for (const attribute of Object.keys(value)) {
      if (!(attribute in definition.attributes)) {
        throw new KvsFailure(
          400,
          'BAD_REQUEST',
          `Entity '${definition.name}' has no attribute '${attribute}'; declare it in the manifest.`,
        );
      }
    }
  }

  private queryEntity(request: Record<string, unknown>): KvsAnswer {
    const definition = this.entityDefinition(request.entityName);
    const indexes = (definition.indexes ?? []).map((index) =>
      typeof index === 'string'
        ? { name: index, range: [index], partition: [] as string[] }
        : { partition: [], ...index },
    );
    const index = indexes.find((i) => i.name === request.indexName);
    if (index === undefined) {
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `Entity '${definition.name}' has no index '${String(request.indexName)}' (indexes: ${indexes.map((i) => i.name).join(', ') || 'none'}).`,
      );
    }
    const store = this.entityStore(definition.name);
    const partition = (request.partition as unknown[] | undefined) ?? [];
    if (partition.length !== index.partition.length) {
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `Index '${index.name}' takes a partition of ${index.partition.length} value(s).`,
      );
    }
    const rangeAttribute = index.range[0] as string;
    const range = request.range as Where | undefined;
    const filters = request.filters as Conditions | undefined;
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const rows = [...store.keys()]
      .flatMap((key) => {
        const entry = this.live(store, key);

        return entry === undefined
          ? []
          : [{ key, entry, attrs: entry.value as Record<string, unknown> }];
      })
      .filter(({ attrs }) =>
        index.partition.every((attribute, i) => attrs[attribute] === partition[i]),
      )
      .filter(({ attrs }) => range === undefined || test(range, attrs[rangeAttribute]))
      .filter(({ attrs }) => filters === undefined || evaluate(filters, attrs))
      .sort(
        (a, b) =>
          compare(a.attrs[rangeAttribute], b.attrs[rangeAttribute]) || (a.key < b.key ? -1 : 1),
      );
    if (request.sort === 'DESC') rows.reverse();
    const start = after === undefined ? 0 : rows.findIndex((r) => r.key === after) + 1;
    const limit = this.limit(request.limit);
    const page = rows.slice(start, start + limit);
    const options = request.options as { metadataFields?: unknown } | undefined;
    const body: Record<string, unknown> = {
      data: page.map((r) => this.render(r.key, r.entry, options?.metadataFields)),
    };
    if (start + limit < rows.length)
      body.cursor = encodeCursor(page[page.length - 1]?.key as string);

    return { status: 200, body };
  }

  private batchItems(body: unknown): Record<string, unknown>[] {
    if (!Array.isArray(body) || body.length === 0) {
      throw new KvsFailure(400, 'BAD_REQUEST', 'A batch is a non-empty list of items.');
    }
    if (body.length > 25)
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `A batch takes at most 25 items, got ${body.length}.`,
      );

    return body as Record<string, unknown>[];
  }

  private storeOf(item: Record<string, unknown>): Map<string, Entry> {
    return item.entityName === undefined ? this.plain : this.entityStore(item.entityName);
  }

  private batchSet(body: unknown): KvsAnswer {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      const id = {
        key: item.key,
        ...(item.entityName === undefined ? {} : { entityName: item.entityName }),
      };
      try {
        if (item.entityName !== undefined) this.checkEntityValue(item.entityName, item.value);
        this.write(
          this.storeOf(item),
          this.checkKey(item.key),
          item.value,
          this.ttlMs(item.options as Record<string, unknown> | undefined),
        );
        successfulKeys.push(id);
      } catch (error) {
        if (!(error instanceof KvsFailure)) throw error;
        failedKeys.push({ ...id, error: { code: error.code, message: error.message } });
      }
    }

    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchGet(body: unknown): KvsAnswer {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      const key = this.checkKey(item.key);
      const extra = item.entityName === undefined ? {} : { entityName: item.entityName };
      const entry = this.live(this.storeOf(item), key);
      if (entry === undefined) {
        failedKeys.push({
          key,
          ...extra,
          error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' },
        });
      } else {
        const options = item.options as { metadataFields?: unknown } | undefined;
        successfulKeys.push(this.render(key, entry, options?.metadataFields, extra));
      }
    }

    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchDelete(body: unknown): KvsAnswer {
    const successfulKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      this.storeOf(item).delete(this.checkKey(item.key));
      successfulKeys.push({
        key: item.key,
        ...(item.entityName === undefined ? {} : { entityName: item.entityName }),
      });
    }

    return { status: 200, body: { successfulKeys, failedKeys: [] } };
  }

  private transact(request: Record<string, unknown>): KvsAnswer {
    const sets = (request.set as Record<string, unknown>[] | undefined) ?? [];
    const deletes = (request.delete as Record<string, unknown>[] | undefined) ?? [];
    const checks = (request.check as Record<string, unknown>[] | undefined) ?? [];
    const count = sets.length + deletes.length + checks.length;
    if (count === 0)
      throw new KvsFailure(400, 'BAD_REQUEST', 'A transaction needs at least one operation.');
    if (count > MAX_TRANSACTION_OPERATIONS) {
      throw new KvsFailure(
        400,
        'BAD_REQUEST',
        `A transaction takes at most ${MAX_TRANSACTION_OPERATIONS} operations, got ${count}.`,
      );
    }
    const touched = new Set<string>();
    for (const op of [...sets, ...deletes, ...checks]) {
      const id = `${String(op.entityName ?? '')}/${this.checkKey(op.key)}`;
      if (touched.has(id)) {
        throw new KvsFailure(
          400,
          'BAD_REQUEST',
          `A transaction may touch key '${String(op.key)}' only once.`,
        );
      }
      touched.add(id);
    }
    for (const op of [...sets, ...deletes, ...checks]) {
      const conditions = op.conditions as Conditions | undefined;
      if (conditions === undefined) continue;
      const entry = this.live(this.storeOf(op), op.key as string);
      if (!evaluate(conditions, (entry?.value ?? {}) as Record<string, unknown>)) {
        throw new KvsFailure(
          409,
          'CONDITIONAL_CHECK_FAILED',
          `The condition on key '${String(op.key)}' is not met; nothing was written.`,
        );
      }
    }
    for (const op of sets) {
      if (op.entityName !== undefined) this.checkEntityValue(op.entityName, op.value);
    }
    for (const op of sets) {
      this.write(
        this.storeOf(op),
        op.key as string,
        op.value,
        this.ttlMs(op.options as Record<string, unknown> | undefined),
      );
    }
    for (const op of deletes) this.storeOf(op).delete(op.key as string);

    return { status: 204 };
  }
}

function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decodeCursor(cursor: unknown): string {
  if (typeof cursor !== 'string')
    throw new KvsFailure(400, 'BAD_REQUEST', 'The cursor must be a string.');

  return Buffer.from(cursor, 'base64url').toString('utf8');
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;

  return (a as number | string) < (b as number | string) ? -1 : 1;
}

function test(clause: Where, value: unknown): boolean {
  const [first, second] = clause.values;
  switch (clause.condition) {
    case 'BEGINS_WITH':
      return typeof value === 'string' && value.startsWith(String(first));
    case 'BETWEEN':
      return value !== undefined && compare(value, first) >= 0 && compare(value, second) <= 0;
    case 'EQUAL_TO':
      return value === first;
    case 'NOT_EQUAL_TO':
      return value !== first;
    case 'GREATER_THAN':
      return value !== undefined && compare(value, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return value !== undefined && compare(value, first) >= 0;
    case 'LESS_THAN':
      return value !== undefined && compare(value, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return value !== undefined && compare(value, first) <= 0;
    case 'CONTAINS':
      return (typeof value === 'string' || Array.isArray(value)) && value.includes(first as never);
    case 'NOT_CONTAINS':
      return !(
        (typeof value === 'string' || Array.isArray(value)) &&
        value.includes(first as never)
      );
    case 'EXISTS':
      return value !== undefined;
    case 'NOT_EXISTS':
      return value === undefined;
    default:
      throw new KvsFailure(400, 'BAD_REQUEST', `Unknown condition ${clause.condition}.`);
  }
}

function evaluate(conditions: Conditions, attrs: Record<string, unknown>): boolean {
  const check = (w: Where): boolean => test(w, attrs[w.property as string]);
  if (conditions.and !== undefined) return conditions.and.every(check);
  if (conditions.or !== undefined) return conditions.or.some(check);

  return true;
}
