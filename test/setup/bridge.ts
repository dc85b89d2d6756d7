/**
 * The UI bridge fake, installed by jest's `setupFiles` before every test file: `@forge/bridge`
 * (and so `@forge/react`) look for `globalThis.__bridge.callBridge` when imported.
 *
 * - `reconcile` (sent by `ForgeReconciler.render` after every commit): the UI tree is deep-copied
 *   (React mutates it in place) and kept in `bridge.trees`; function props such as `onClick` stay
 *   the live functions, so a test can call them and wait for the next tree.
 * - `invoke(functionKey, payload)`: handed to the resolver registered with `bridge.useResolver`,
 *   normally `runtime.resolverFor(moduleKey, { accountId })` of the runtime fake, which runs the
 *   module's resolver with a trusted context.
 * - `getContext`: the registered resolver's context, or the one given to `bridge.setContext`.
 * - anything else is recorded in `bridge.calls` and answers undefined.
 *
 *     import { bridge, textOf } from '../setup/bridge';
 *     bridge.useResolver(runtime.resolverFor('issue-panel', { accountId: 'agent-1', extension: { issue: { key: 'SD-1' } } }));
 *     ForgeReconciler.render(<Panel />);
 *     const tree = await bridge.waitForTree((t) => textOf(t).includes('In lavorazione'));
 */

/** A node of the UI Kit tree: string types (`'Text'`), text nodes `{ type: 'String', props: { text } }`. */
export interface ForgeDocNode {
  type: string;
  key?: string;
  props: Record<string, unknown>;
  children: ForgeDocNode[];
}

export interface BridgeCall {
  command: string;
  payload: unknown;
}

/** What the bridge needs to answer `invoke` and `getContext`. */
export interface BridgeResolverLike {
  context: Record<string, unknown>;
  invoke(functionKey: string, payload: unknown): Promise<unknown>;
}

interface BridgeState {
  trees: ForgeDocNode[];
  calls: BridgeCall[];
  errors: unknown[];
  resolver?: BridgeResolverLike;
  context?: Record<string, unknown>;
  listeners: (() => void)[];
}

const STATE_KEY = '__forgeBridgeFake';
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

function state(): BridgeState {
  const g = globalThis as Record<string, unknown>;
  let current = g[STATE_KEY] as BridgeState | undefined;
  if (current === undefined) {
    current = { trees: [], calls: [], errors: [], listeners: [] };
    g[STATE_KEY] = current;
  }

  return current;
}

/** Copies a tree; functions are kept as the same live objects. */
function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => deepCopy(v)) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = deepCopy(inner);

    return copy as T;
  }

  return value;
}

async function callBridge(command: string, payload?: unknown): Promise<unknown> {
  const s = state();
  switch (command) {
    case 'reconcile': {
      const { forgeDoc } = payload as { forgeDoc: ForgeDocNode };
      s.trees.push(deepCopy(forgeDoc));
      for (const listener of s.listeners.splice(0)) listener();

      return undefined;
    }
    case 'invoke': {
      const { functionKey, payload: body } = payload as { functionKey: string; payload: unknown };
      if (s.resolver === undefined) {
        throw new Error(
          `invoke('${functionKey}') reached the bridge fake with no resolver; call bridge.useResolver(runtime.resolverFor(moduleKey, { accountId }))`,
        );
      }

      return s.resolver.invoke(functionKey, body);
    }
    case 'getContext':
      return structuredClone(s.resolver?.context ?? s.context ?? {});
    case 'onError':
      s.errors.push((payload as { error?: unknown } | undefined)?.error);

      return undefined;
    default:
      s.calls.push({ command, payload });

      return undefined;
  }
}

/** The test-facing side of the fake. */
export const bridge = {
  /** Every tree reconciled so far, oldest first. */
  get trees(): readonly ForgeDocNode[] {
    return state().trees;
  },

  /** Calls other than reconcile, invoke and getContext (navigate, showFlag…). */
  get calls(): readonly BridgeCall[] {
    return state().calls;
  },

  /** Errors the reconciler reported through `onError`. */
  get errors(): readonly unknown[] {
    return state().errors;
  },

  lastTree(): ForgeDocNode | undefined {
    const { trees } = state();

    return trees[trees.length - 1];
  },

  /** Resolves with the first tree, already reconciled or coming, that satisfies `predicate`. */
  waitForTree(
    predicate: (tree: ForgeDocNode) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<ForgeDocNode> {
    const found = [...state().trees].reverse().find(predicate);
    if (found !== undefined) return Promise.resolve(found);

    return new Promise((resolvePromise, reject) => {
      const timer = realSetTimeout(() => {
        reject(
          new Error(
            `no reconciled tree matched within ${timeoutMs} ms; last tree: ${JSON.stringify(bridge.lastTree())}`,
          ),
        );
      }, timeoutMs);
      const check = (): void => {
        const tree = bridge.lastTree();
        if (tree !== undefined && predicate(tree)) {
          realClearTimeout(timer);
          resolvePromise(tree);
        } else {
          state().listeners.push(check);
        }
      };
      state().listeners.push(check);
    });
  },

  useResolver(resolver: BridgeResolverLike): void {
    state().resolver = resolver;
  },

  setContext(context: Record<string, unknown>): void {
    state().context = context;
  },

  /** Forgets trees, calls, errors, resolver and context. */
  reset(): void {
    const s = state();
    s.trees = [];
    s.calls = [];
    s.errors = [];
    s.listeners = [];
    s.resolver = undefined;
    s.context = undefined;
  },
};

/** Every node of a tree, depth first. */
export function nodesOf(tree: ForgeDocNode): ForgeDocNode[] {
  return [tree, ...tree.children.flatMap(nodesOf)];
}

/** The nodes of a UI Kit component type, e.g. `findAll(tree, 'Button')`. */
export function findAll(tree: ForgeDocNode, type: string): ForgeDocNode[] {
  return nodesOf(tree).filter((node) => node.type === type);
}

/** The text of a tree: its String nodes joined. */
export function textOf(tree: ForgeDocNode): string {
  return nodesOf(tree)
    .filter((node) => node.type === 'String')
    .map((node) => String(node.props.text ?? ''))
    .join('');
}

const g = globalThis as Record<string, unknown>;
g.__bridge = { callBridge };
// @forge/react reaches the bridge through the browser global `self`, which Node lacks.
if (g.self === undefined) g.self = globalThis;
