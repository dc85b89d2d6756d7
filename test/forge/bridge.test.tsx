/** The UI bridge fake: @forge/react renders into it and invoke reaches the resolver via the runtime. */
import { bridge, findAll, textOf } from '../setup/bridge';
import { renderPanel } from './fixtures/src/frontend/panel';
import { fixtureRuntimeOptions } from './fixture';
import { installForgeRuntime, type ForgeRuntime } from './runtime';

// The whole file shares one runtime: a UI effect still pending must never meet removed fakes.
let runtime: ForgeRuntime;

beforeAll(() => {
  runtime = installForgeRuntime(fixtureRuntimeOptions());
  runtime.site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });
});

afterAll(() => runtime.uninstall());

describe('the UI bridge fake', () => {
  it('records each reconciled tree and routes invoke to the resolver with a trusted context', async () => {
    bridge.reset();
    bridge.useResolver(
      runtime.resolverFor('status-panel', {
        accountId: 'cust-carla',
        extension: { issue: { key: 'SD-1' } },
      }),
    );

    renderPanel();
    const loaded = await bridge.waitForTree((tree) => textOf(tree).includes('Stato:'));

    expect(textOf(bridge.trees[0] as never)).toBe('Caricamento…');
    expect(textOf(loaded)).toBe('Stato: ApertaAggiorna');
    expect(runtime.invocations.at(-1)).toMatchObject({
      kind: 'resolver',
      moduleKey: 'status-panel',
    });
    expect(runtime.site.calls.all.at(-1)?.caller).toBe('cust-carla');
  });

  it('keeps function props live, so a click re-renders with fresh data', async () => {
    runtime.site.transition('SD-1', 'Prendi in carico', { by: 'agent-marco' });
    const [button] = findAll(bridge.lastTree() as never, 'Button');

    (button?.props.onClick as () => void)();
    const refreshed = await bridge.waitForTree((tree) => textOf(tree).includes('In lavorazione'));

    expect(textOf(refreshed)).toBe('Stato: In lavorazioneAggiorna');
  });

  it('answers getContext with the resolver context and records other calls', async () => {
    const { view, router } = await import('@forge/bridge');

    const context = await view.getContext();
    await router.navigate('/browse/SD-1');

    expect(context).toMatchObject({
      accountId: 'cust-carla',
      extension: { type: 'jira:issuePanel', issue: { key: 'SD-1' } },
    });
    expect(bridge.calls.at(-1)).toEqual({
      command: 'navigate',
      payload: { url: '/browse/SD-1', type: 'same-tab' },
    });
  });
});
