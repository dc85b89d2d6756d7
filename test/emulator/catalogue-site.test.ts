/** The catalogue's service desk on the emulator matches the core catalogue and workflows. */
import { join } from 'node:path';
import { GROUPS, REQUEST_TYPES, requestTypesInGroup } from '../../src/core/catalogue';
import { defaultConfig } from '../../src/core/config/defaults';
import { WORKFLOWS, type WorkflowId } from '../../src/core/workflows';
import { pickPolicyFields } from '../../src/jira/fields';
import type { FieldDetails } from '../../src/jira/types';
import { readManifest } from '../forge/manifest';
import {
  CATALOGUE_APP_ID,
  GROUP_IDS,
  ORGANIZATIONS,
  REQUEST_TYPE_IDS,
  SERVICE_DESK,
  SEVERITY_FIELD_ID,
  STATUS_IDS,
  WORKFLOW_NAMES,
  buildCatalogueSite,
} from './catalogue-site';
import { call } from './helpers';

type Json = Record<string, any>;

const site = buildCatalogueSite();
const deskTypes = () =>
  [...site.requestTypes.values()].filter((t) => t.serviceDeskId === SERVICE_DESK.id);

describe('catalogue site: request types and groups', () => {
  it('has the seven groups in portal order', () => {
    const groups = [...site.requestTypeGroups.values()].map((g) => g.name);

    expect(groups).toEqual(GROUPS.map((g) => g.name));
  });

  it('has the nineteen request types in 22 placements', () => {
    const placements = deskTypes().reduce((sum, t) => sum + t.groupIds.length, 0);

    expect(deskTypes()).toHaveLength(19);
    expect(placements).toBe(22);
  });

  it('places every request type in the groups the catalogue gives it', () => {
    for (const type of REQUEST_TYPES) {
      const seeded = site.requestType(REQUEST_TYPE_IDS[type.name] as string);

      expect(seeded.name).toBe(type.name);
      expect(seeded.description).toBe(type.description);
      expect(seeded.groupIds).toEqual(type.groups.map((group) => GROUP_IDS[group]));
    }
  });

  it('lists each group with the catalogue types of that group over the JSM API', async () => {
    for (const group of GROUPS) {
      const { status, body } = await call(
        site,
        'GET',
        `/rest/servicedeskapi/servicedesk/${SERVICE_DESK.id}/requesttype?groupId=${GROUP_IDS[group.name]}`,
      );

      expect(status).toBe(200);
      const names = (body as Json).values.map((t: Json) => t.name).sort();
      expect(names).toEqual(
        requestTypesInGroup(group.name)
          .map((t) => t.name)
          .sort(),
      );
    }
    expect(site.specViolations).toEqual([]);
  });

  it('puts the suggestion types on the suggestion workflow and the others on the general one', () => {
    for (const type of REQUEST_TYPES) {
      const expected = type.kind === 'suggestion' ? 'suggestion' : 'general';

      expect(site.requestType(REQUEST_TYPE_IDS[type.name] as string).workflow).toBe(
        WORKFLOW_NAMES[expected],
      );
    }
  });

  it('names every type and status the way the default configuration maps them', () => {
    const config = defaultConfig();
    const typeNames = deskTypes().map((t) => t.name);
    const statusNames = [...site.statuses.values()].map((s) => s.name);

    expect(typeNames).toEqual(expect.arrayContaining(Object.keys(config.requestTypes)));
    for (const id of ['general', 'suggestion'] as const) {
      expect(statusNames).toEqual(expect.arrayContaining(Object.keys(config.statuses[id])));
    }
  });
});

describe.each(['general', 'suggestion'] as WorkflowId[])('catalogue site: %s workflow', (id) => {
  const policy = WORKFLOWS[id];
  const seeded = site.workflow(WORKFLOW_NAMES[id]);
  const nameOf = (statusId: string) => site.status(statusId).name;

  it('has the policy statuses, starting in the initial one', () => {
    expect(seeded.statuses.map((s) => s.name)).toEqual([...policy.statuses]);
    expect(nameOf(seeded.initialStatusId)).toBe(policy.initial);
    for (const status of seeded.statuses) {
      expect(status.id).toBe(STATUS_IDS[status.name as keyof typeof STATUS_IDS]);
    }
  });

  it('has one transition per policy move and no other', () => {
    const transitions = seeded.transitions.map((t) => {
      expect(t.from).toHaveLength(1);

      return `${nameOf((t.from as string[])[0] as string)} → ${nameOf(t.to)}`;
    });

    expect(transitions).toEqual(policy.moves.map((m) => `${m.from} → ${m.to}`));
    expect(new Set(seeded.transitions.map((t) => t.id)).size).toBe(policy.moves.length);
  });

  it('offers a transition to customers exactly when the policy lets them move', () => {
    const offered = seeded.transitions.map((t) => t.customer);

    expect(offered).toEqual(policy.moves.map((m) => m.actors.includes('customer')));
  });

  it('leaves no final status', () => {
    const leaving = seeded.transitions.flatMap((t) => (t.from ?? []).map(nameOf));

    expect(leaving.filter((name) => policy.terminal.includes(name))).toEqual([]);
  });
});

describe('catalogue site: people, fields and projects', () => {
  it('seeds organizations with their customers, and agents', () => {
    for (const organization of ORGANIZATIONS) {
      const members = [...site.organization(organization.id).members];

      expect(members).toEqual(organization.customers.map((c) => c.accountId));
    }
    const agents = [...site.users.values()].filter((u) => u.agent);
    expect(agents.length).toBeGreaterThanOrEqual(2);
  });

  it('has the Gravità field of the app that manifest.yml declares', async () => {
    const manifest = readManifest(join(__dirname, '../../manifest.yml'));
    const { body } = await call(site, 'GET', '/rest/api/3/field');

    expect(manifest.appUuid).toBe(CATALOGUE_APP_ID);
    expect(pickPolicyFields(body as FieldDetails[]).severity).toBe(SEVERITY_FIELD_ID);
  });

  it('has the ClavisNG and DiscoveryNG development projects', () => {
    expect(site.project('CNG').name).toBe('ClavisNG');
    expect(site.project('DNG').name).toBe('DiscoveryNG');
  });
});
