/**
 * Counts the REST calls an app makes, per handler invocation: the cost budget of issue #4 (at most
 * 2 reads and 1 write per event) is checked on these numbers.
 */

/** GETs are reads, and so are these POSTs, which only query. */
const READ_ONLY_POSTS = new Set([
  'searchAndReconsileIssuesUsingJqlPost',
  'searchForIssuesUsingJqlPost',
  'bulkFetchIssues',
  'getBulkChangelogs',
  'getCustomFieldsConfigurations',
  'checkRequestTypePermissions',
  'parseJqlQueries',
  'matchIssues',
]);

/** Whether a call only reads. */
export function isReadCall(method: string, operationId: string | undefined): boolean {
  return method === 'GET' || (operationId !== undefined && READ_ONLY_POSTS.has(operationId));
}

/** One REST call that reached the emulator. */
export interface CallRecord {
  invocationId?: string;
  method: string;
  /** Path and query string as sent. */
  path: string;
  /** `METHOD /template`, e.g. `GET /rest/api/3/issue/{issueIdOrKey}`; the raw path when unmatched. */
  endpoint: string;
  operationId?: string;
  kind: 'read' | 'write';
  status: number;
  /** Set when the answer was an injected fault (`rate-limit`, `unavailable`). */
  fault?: string;
  caller: string;
  at: number;
}

/** Reads and writes per endpoint. */
export type EndpointCounts = Record<string, { reads: number; writes: number }>;

/** The calls made while one handler ran. */
export interface InvocationCalls {
  id: string;
  label: string;
  startedAt: number;
  endedAt?: number;
  calls: CallRecord[];
  reads: number;
  writes: number;
  byEndpoint: EndpointCounts;
}

/** Every call, grouped by the invocation that made it. */
export class CallLedger {
  readonly all: CallRecord[] = [];
  readonly invocations: InvocationCalls[] = [];
  private readonly open = new Map<string, InvocationCalls>();
  private counter = 0;

  /** Opens an invocation; calls that name its id are counted in it until `end`. */
  begin(label: string, at: number, id = `inv-${++this.counter}`): InvocationCalls {
    if (this.open.has(id)) {
      throw new Error(`invocation ${id} is already open`);
    }
    const invocation: InvocationCalls = {
      id,
      label,
      startedAt: at,
      calls: [],
      reads: 0,
      writes: 0,
      byEndpoint: {},
    };
    this.open.set(id, invocation);
    this.invocations.push(invocation);

    return invocation;
  }

  end(id: string, at: number): InvocationCalls {
    const invocation = this.open.get(id);
    if (invocation === undefined) {
      throw new Error(`invocation ${id} is not open`);
    }
    invocation.endedAt = at;
    this.open.delete(id);

    return invocation;
  }

  record(call: CallRecord): void {
    this.all.push(call);
    if (call.invocationId === undefined) return;
    const invocation = this.open.get(call.invocationId);
    if (invocation === undefined) return;
    invocation.calls.push(call);
    const counts = (invocation.byEndpoint[call.endpoint] ??= { reads: 0, writes: 0 });
    if (call.kind === 'read') {
      invocation.reads += 1;
      counts.reads += 1;
    } else {
      invocation.writes += 1;
      counts.writes += 1;
    }
  }

  /** Calls made outside any invocation (a test acting as a user, for instance). */
  outsideInvocations(): CallRecord[] {
    return this.all.filter((c) => c.invocationId === undefined);
  }

  /** Forgets every call and closed invocation; open invocations stay open and empty. */
  reset(): void {
    this.all.length = 0;
    this.invocations.length = 0;
    for (const invocation of this.open.values()) {
      invocation.calls = [];
      invocation.reads = 0;
      invocation.writes = 0;
      invocation.byEndpoint = {};
      this.invocations.push(invocation);
    }
  }
}
