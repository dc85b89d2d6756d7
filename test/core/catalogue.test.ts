/** The catalogue matches the policy text letter for letter and keeps the portal's order. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GROUPS,
  REQUEST_TYPES,
  findRequestType,
  requestTypesInGroup,
} from '../../src/core/catalogue';
import { sharedDir } from '../support/shared';

const SEED = join(sharedDir(), 'seed', 'politica-assistenza.txt');

/** The catalogue as the policy text lists it: group → [request type, description] in order. */
function seedCatalogue(): Map<string, [string, string][]> {
  const lines = readFileSync(SEED, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const start = lines.indexOf('Descrizione') + 1;
  const end = lines.findIndex((line) => line.startsWith('Come identifichiamo la gravità'));
  const groupNames = new Set(GROUPS.map((group) => group.name));

  const catalogue = new Map<string, [string, string][]>();
  let current: [string, string][] = [];
  for (let i = start; i < end;) {
    // A group's name stands alone; "Biblioteconomia, …" is both a group and its first type.
    if (groupNames.has(lines[i]) && !catalogue.has(lines[i])) {
      current = [];
      catalogue.set(lines[i], current);
      i += 1;
      continue;
    }
    current.push([lines[i], lines[i + 1]]);
    i += 2;
  }
  return catalogue;
}

describe('catalogue', () => {
  const seed = seedCatalogue();

  it('has the seven groups of the policy, in portal order', () => {
    expect(GROUPS.map((group) => group.name)).toEqual([...seed.keys()]);
    expect(GROUPS).toHaveLength(7);
  });

  it('places every request type in the groups and order the policy gives', () => {
    for (const [group, types] of seed) {
      expect(requestTypesInGroup(group).map((type) => [type.name, type.description])).toEqual(
        types,
      );
    }
  });

  it('has 19 distinct request types in 22 placements', () => {
    expect(new Set(REQUEST_TYPES.map((type) => type.name)).size).toBe(19);
    expect(REQUEST_TYPES.reduce((sum, type) => sum + type.groups.length, 0)).toBe(22);
  });

  it('keeps every Italian description exactly as the policy writes it', () => {
    const seedDescriptions = new Map([...seed.values()].flat());
    for (const type of REQUEST_TYPES) {
      expect(seedDescriptions.get(type.name)).toBe(type.description);
    }
  });

  it('gives anomalies severity 3, services 4 and suggestions none until triage', () => {
    expect(findRequestType('Segnalazione errore su ClavisNG')).toMatchObject({
      kind: 'anomaly',
      provisionalSeverity: 3,
    });
    expect(findRequestType('Richiesta Generica')).toMatchObject({
      kind: 'service',
      provisionalSeverity: 4,
    });
    expect(findRequestType('Proposta di sviluppo per DiscoveryNG')).toMatchObject({
      kind: 'suggestion',
      provisionalSeverity: null,
    });
    const kinds = REQUEST_TYPES.map((type) => type.kind);
    expect(kinds.filter((kind) => kind === 'anomaly')).toHaveLength(7);
    expect(kinds.filter((kind) => kind === 'suggestion')).toHaveLength(2);
  });

  it('translates every group and request type into English', () => {
    for (const group of GROUPS) expect(group.en.length).toBeGreaterThan(0);
    for (const type of REQUEST_TYPES) {
      expect(type.en.name.length).toBeGreaterThan(0);
      expect(type.en.description.length).toBeGreaterThan(0);
    }
    expect(new Set(REQUEST_TYPES.map((type) => type.en.name)).size).toBe(19);
  });
});
