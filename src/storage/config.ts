/** The admin's configuration in Forge storage: read with defaults, saved only when valid. */
import { kvs } from '@forge/kvs';
import { defaultConfig } from '../core/config/defaults';
import type { PolicyConfig } from '../core/config/types';
import { validateConfig } from '../core/config/validate';
import { InvalidConfigError, StoredConfigError } from './errors';
import { KEYS } from './keys';

/** The configuration in force: the stored one, or the defaults before an admin saves one. */
export function configInForce(stored: unknown): PolicyConfig {
  if (stored === undefined) return defaultConfig();

  const result = validateConfig(stored);
  if (!result.ok) throw new StoredConfigError(result.problems);
  return result.config;
}

/** Validates and saves a configuration whole; a refused one leaves the previous in force. */
export async function saveConfig(candidate: unknown): Promise<PolicyConfig> {
  const result = validateConfig(candidate);
  if (!result.ok) throw new InvalidConfigError(result.problems);

  await kvs.set(KEYS.config, result.config);
  return result.config;
}
