/** The configuration and the external causes in Forge storage, through the real @forge/kvs. */
import { defaultConfig } from '../../src/core/config/defaults';
import { KEYS } from '../../src/storage/keys';
import { saveConfig } from '../../src/storage/config';
import { InvalidConfigError, StoredConfigError } from '../../src/storage/errors';
import { closeExternalCause, recordExternalCause } from '../../src/storage/external-causes';
import { loadSlaInputs } from '../../src/storage/sla-inputs';
import { useAppRuntime } from '../support/app-runtime';

const env = useAppRuntime();

const now = new Date('2026-12-03T11:00:00Z');
const cause = (start: string, end: string | null = null) => ({
  start,
  end,
  reason: 'Internet down',
  recordedBy: 'agent-marco',
});

describe('configuration in storage', () => {
  it('starts from the defaults', async () => {
    expect((await loadSlaInputs('1')).config).toEqual(defaultConfig());
  });

  it('saves a valid configuration and refuses a bad one whole, keeping the previous', async () => {
    const config = defaultConfig();
    config.warningPercent = 70;
    await saveConfig(config);

    const bad = { ...defaultConfig(), warningPercent: 170 };
    await expect(saveConfig(bad)).rejects.toThrow(InvalidConfigError);
    await expect(saveConfig(bad)).rejects.toThrow(/warningPercent/);
    expect((await loadSlaInputs('1')).config.warningPercent).toBe(70);
  });

  it('says how to fix a stored configuration that is no longer valid', async () => {
    env.runtime.kvs.set(KEYS.config, { ...defaultConfig(), severities: {} });
    await expect(loadSlaInputs('1')).rejects.toThrow(StoredConfigError);
    await expect(loadSlaInputs('1')).rejects.toThrow(/admin page/);
  });
});

describe('external causes', () => {
  it('keeps intervals oldest first, open until closed', async () => {
    await recordExternalCause('10', cause('2026-12-03T10:00:00Z'), now);
    await recordExternalCause('10', cause('2026-12-03T08:00:00Z', '2026-12-03T08:30:00Z'), now);
    const closed = await closeExternalCause('10', new Date('2026-12-03T10:45:00Z'));

    expect(closed.map((c) => [c.start, c.end])).toEqual([
      ['2026-12-03T08:00:00.000Z', '2026-12-03T08:30:00.000Z'],
      ['2026-12-03T10:00:00.000Z', '2026-12-03T10:45:00.000Z'],
    ]);
    expect((await loadSlaInputs('10')).externalCauses).toHaveLength(2);
    expect((await loadSlaInputs('11')).externalCauses).toEqual([]);
  });

  it.each([
    ['no reason', { ...cause('2026-12-03T10:00:00Z'), reason: ' ' }, /needs a reason/],
    [
      'an end before the start',
      cause('2026-12-03T10:00:00Z', '2026-12-03T09:00:00Z'),
      /before it starts/,
    ],
    ['a start in the future', cause('2026-12-03T12:00:00Z'), /in the future/],
    ['a start that is not an instant', cause('yesterday'), /"yesterday" is not an ISO 8601/],
  ])('refuses an interval with %s', async (_name, interval, message) => {
    await expect(recordExternalCause('10', interval, now)).rejects.toThrow(message);
  });

  it('refuses a second open interval and closing when none is open', async () => {
    await expect(closeExternalCause('10', now)).rejects.toThrow(/no external cause is open/);
    await recordExternalCause('10', cause('2026-12-03T10:00:00Z'), now);
    await expect(recordExternalCause('10', cause('2026-12-03T10:30:00Z'), now)).rejects.toThrow(
      /already open/,
    );
    await expect(closeExternalCause('10', new Date('2026-12-03T09:00:00Z'))).rejects.toThrow(
      /before it opened/,
    );
  });
});
