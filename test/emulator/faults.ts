/**
 * Fault injection: answers Jira gives under load, chosen by a seeded random generator or for the
 * next N calls, optionally only for some paths or operations.
 */
import { SeededRandom } from './random';

/**
 * - `rate-limit`: 429, with `Retry-After` when `retryAfterSeconds` is given, with only
 *   `X-RateLimit-Reset` when `resetAfterSeconds` is given, bare when neither is.
 * - `unavailable`: 503, with `Retry-After` when `retryAfterSeconds` is given.
 * - `slow`: the answer comes `delayMs` late (on the simulated clock by default), then normally.
 */
export type Fault =
  | { type: 'rate-limit'; retryAfterSeconds?: number; resetAfterSeconds?: number }
  | { type: 'unavailable'; retryAfterSeconds?: number }
  | { type: 'slow'; delayMs: number };

/** Which calls a fault applies to. */
export interface FaultWhen {
  /** Chance per matching call, drawn from the site's seeded generator; 1 when absent. */
  probability?: number;
  /** Applies to this many matching calls (that the probability selects), then retires. */
  times?: number;
  /** Path pattern: a RegExp tested on path and query, or a glob (`*` within a segment, `**` across). */
  path?: string | RegExp;
  /** `operationId` or `METHOD /template` of the operation, as the specs name it. */
  operation?: string;
  method?: string;
}

interface FaultRule {
  fault: Fault;
  when: FaultWhen;
  remaining: number;
  hits: number;
}

/** A handle on an added fault, to see how often it fired or to remove it. */
export interface FaultHandle {
  readonly hits: number;
  remove(): void;
}

/** What the matching rules decided for one call. */
export interface FaultDecision {
  delayMs: number;
  answer?: Exclude<Fault, { type: 'slow' }>;
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/?]*'),
    )
    .join('.*');

  return new RegExp(`^${source}(\\?.*)?$`);
}

export class FaultInjector {
  private readonly rules: FaultRule[] = [];

  constructor(private readonly random: SeededRandom) {}

  /** Adds a fault. Example: `site.faults.add({ type: 'rate-limit', retryAfterSeconds: 2 }, { probability: 0.3 })`. */
  add(fault: Fault, when: FaultWhen = {}): FaultHandle {
    if (when.probability !== undefined && !(when.probability >= 0 && when.probability <= 1)) {
      throw new Error(`fault probability must be between 0 and 1, got ${when.probability}`);
    }
    if (when.times !== undefined && !(Number.isInteger(when.times) && when.times > 0)) {
      throw new Error(`fault times must be a positive integer, got ${when.times}`);
    }
    if (fault.type === 'slow' && !(fault.delayMs >= 0)) {
      throw new Error(`a slow fault needs a non-negative delayMs, got ${fault.delayMs}`);
    }
    const rule: FaultRule = { fault, when, remaining: when.times ?? Infinity, hits: 0 };
    this.rules.push(rule);
    const rules = this.rules;

    return {
      get hits() {
        return rule.hits;
      },
      remove() {
        const i = rules.indexOf(rule);
        if (i >= 0) rules.splice(i, 1);
      },
    };
  }

  /** Removes every fault. */
  clear(): void {
    this.rules.length = 0;
  }

  /** Decides the faults of one call; each matching rule draws once from the generator. */
  decide(call: {
    method: string;
    path: string;
    operationId?: string;
    endpoint?: string;
  }): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const rule of [...this.rules]) {
      if (rule.remaining <= 0 || !matches(rule.when, call)) continue;
      if (decision.answer !== undefined && rule.fault.type !== 'slow') continue;
      const probability = rule.when.probability ?? 1;
      if (probability < 1 && this.random.next() >= probability) continue;
      rule.remaining -= 1;
      rule.hits += 1;
      if (rule.fault.type === 'slow') {
        decision.delayMs += rule.fault.delayMs;
      } else {
        decision.answer = rule.fault;
      }
      if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    }

    return decision;
  }
}

function matches(
  when: FaultWhen,
  call: { method: string; path: string; operationId?: string; endpoint?: string },
): boolean {
  if (when.method !== undefined && when.method.toUpperCase() !== call.method) return false;
  if (
    when.operation !== undefined &&
    when.operation !== call.operationId &&
    when.operation !== call.endpoint
  ) {
    return false;
  }
  if (when.path !== undefined) {
    const pattern = typeof when.path === 'string' ? globToRegExp(when.path) : when.path;
    if (!pattern.test(call.path)) return false;
  }

  return true;
}
