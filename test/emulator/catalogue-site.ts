/**
 * The catalogue's service desk on the emulator, for the sandbox (`npm start`), the trigger bench
 * and end-to-end tests: the seven groups and nineteen request types of the core catalogue in their
 * 22 placements, the general and suggestion workflows with one Jira transition per policy move,
 * three organizations with their customers, three agents, the app's Gravità field and the two
 * development projects. Everything is derived from `src/core`, so the desk follows the catalogue.
 *
 *     const site = buildCatalogueSite({ start: '2026-12-03T07:30:00Z' });
 *     site.createRequest({ requestType: 'Apparati RFID', reporter: 'cust-bruno', summary: '…' });
 *     site.transition('SD-1', 'In lavorazione', { by: 'agent-marco' });   // by target status
 */
import { GROUPS, REQUEST_TYPES, type RequestKind } from '../../src/core/catalogue';
import { defaultConfig } from '../../src/core/config/defaults';
import {
  GENERAL_WORKFLOW,
  RESOLVED_STATUSES,
  SUGGESTION_WORKFLOW,
  WORKFLOWS,
  type PolicyStatus,
  type Workflow,
  type WorkflowId,
} from '../../src/core/workflows';
import type { StatusCategoryKey } from './model';
import { JsmSite, type SiteOptions } from './site';

/** The app's id in manifest.yml, which Jira puts in the type of the app's own fields. */
export const CATALOGUE_APP_ID = 'b55b3944-9dbe-4fe5-8641-9c48acab4126';
/** The runtime fake's default environment. */
export const CATALOGUE_ENVIRONMENT_ID = 'c7b8d2e4-0a1b-4c3d-9e8f-5a6b7c8d9e0f';
export const SEVERITY_FIELD_ID = 'customfield_10050';

export const SERVICE_DESK = { id: '1', projectKey: 'SD', projectId: '10000' } as const;

/** Jira's names of the two workflows. */
export const WORKFLOW_NAMES: Readonly<Record<WorkflowId, string>> = {
  general: 'Generale',
  suggestion: 'Proposte di sviluppo',
};

/** Every policy status once (Aperta is shared by both workflows), numbered from 10001. */
const ALL_STATUSES: readonly PolicyStatus[] = [
  ...new Set<PolicyStatus>([...GENERAL_WORKFLOW.statuses, ...SUGGESTION_WORKFLOW.statuses]),
];

/** Jira status ids by policy status name. */
export const STATUS_IDS: Readonly<Record<PolicyStatus, string>> = Object.fromEntries(
  ALL_STATUSES.map((name, i) => [name, String(10001 + i)]),
) as Record<PolicyStatus, string>;

/** Request type group ids ('1'–'7') by group name, in portal order. */
export const GROUP_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  GROUPS.map((group, i) => [group.name, String(i + 1)]),
);

/** Request type ids (from '10', in catalogue order) by the catalogue's Italian name. */
export const REQUEST_TYPE_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  REQUEST_TYPES.map((type, i) => [type.name, String(10 + i)]),
);

export interface SeededOrganization {
  id: string;
  name: string;
  customers: { accountId: string; displayName: string }[];
}

export const ORGANIZATIONS: readonly SeededOrganization[] = [
  {
    id: '1',
    name: 'Biblioteca civica di Valdoria',
    customers: [
      { accountId: 'cust-anna', displayName: 'Anna Rossi' },
      { accountId: 'cust-carla', displayName: 'Carla Neri' },
    ],
  },
  {
    id: '2',
    name: 'Sistema bibliotecario del Monte Alto',
    customers: [
      { accountId: 'cust-bruno', displayName: 'Bruno Bianchi' },
      { accountId: 'cust-dario', displayName: 'Dario Conti' },
    ],
  },
  {
    id: '3',
    name: 'Università di Borgo Lago',
    customers: [
      { accountId: 'cust-elena', displayName: 'Elena Galli' },
      { accountId: 'cust-fabio', displayName: 'Fabio Ferri' },
    ],
  },
];

export const AGENTS = [
  { accountId: 'agent-marco', displayName: 'Marco Verdi', admin: true },
  { accountId: 'agent-giulia', displayName: 'Giulia Gialli', admin: false },
  { accountId: 'agent-luca', displayName: 'Luca Moretti', admin: false },
] as const;

/** A seeded transition: one per move of a core workflow. */
export interface CatalogueTransition {
  id: string;
  name: string;
  from: PolicyStatus;
  to: PolicyStatus;
  customer: boolean;
}

/** The Jira category of a policy status: the initial one is new, final and resolved are done. */
export function statusCategory(workflow: Workflow, status: string): StatusCategoryKey {
  if (status === workflow.initial) return 'new';
  const resolved = (RESOLVED_STATUSES as readonly string[]).includes(status);

  return workflow.terminal.includes(status) || resolved ? 'done' : 'indeterminate';
}

/** What an agent clicks for a move, named by the status it leads to (and, once, by where from). */
function transitionName(from: string, to: string): string {
  if (to === 'In lavorazione') {
    if (from === 'Aperta') return 'Prendi in carico';

    return from === 'Risolta' ? 'Riapri' : 'Riprendi';
  }
  const names: Record<string, string> = {
    Aperta: 'Riporta in Aperta',
    'Attesa informazioni': 'Chiedi informazioni',
    'Attesa approvazione': 'Chiedi approvazione',
    Risolta: 'Risolvi',
    Chiusa: 'Chiudi',
    'In valutazione': 'Valuta',
    Pianificata: 'Pianifica',
    'Non pianificata': 'Non pianificare',
    'In sviluppo': 'Avvia sviluppo',
    Rilasciata: 'Rilascia',
    Ritirata: 'Ritira',
  };

  return names[to] ?? `Passa a ${to}`;
}

/**
 * The Jira transitions of a workflow: one per move, from its one source status, offered to
 * customers when the policy lets the customer make the move. Ids are 11, 21, 31, …
 */
export function catalogueTransitions(workflow: Workflow): CatalogueTransition[] {
  return workflow.moves.map((move, i) => ({
    id: String(10 * (i + 1) + 1),
    name: transitionName(move.from, move.to),
    from: move.from as PolicyStatus,
    to: move.to as PolicyStatus,
    customer: move.actors.includes('customer'),
  }));
}

function workflowIdOf(kind: RequestKind): WorkflowId {
  return kind === 'suggestion' ? 'suggestion' : 'general';
}

function addWorkflow(site: JsmSite, id: WorkflowId): void {
  const workflow = WORKFLOWS[id];
  site.addWorkflow({
    name: WORKFLOW_NAMES[id],
    statuses: workflow.statuses.map((name) => ({
      id: STATUS_IDS[name as PolicyStatus],
      name,
      category: statusCategory(workflow, name),
    })),
    initialStatus: STATUS_IDS[workflow.initial as PolicyStatus],
    transitions: catalogueTransitions(workflow).map((t) => ({
      id: t.id,
      name: t.name,
      to: STATUS_IDS[t.to],
      from: [STATUS_IDS[t.from]],
      customer: t.customer,
    })),
  });
}

/** A new site holding the catalogue's service desk; `options` as for `new JsmSite`. */
export function buildCatalogueSite(options: SiteOptions = {}): JsmSite {
  const site = new JsmSite({ start: '2026-12-03T07:30:00Z', ...options });
  addWorkflow(site, 'general');
  addWorkflow(site, 'suggestion');
  site.addServiceDesk({
    id: SERVICE_DESK.id,
    projectKey: SERVICE_DESK.projectKey,
    projectName: 'Assistenza',
    projectId: SERVICE_DESK.projectId,
    defaultWorkflow: WORKFLOW_NAMES.general,
  });

  for (const organization of ORGANIZATIONS) {
    site.addOrganization({ id: organization.id, name: organization.name });
    for (const customer of organization.customers) {
      site.addCustomer({ ...customer, organizations: [organization.id] });
    }
  }
  for (const agent of AGENTS) site.addAgent({ ...agent });

  for (const group of GROUPS) {
    site.addRequestTypeGroup({
      serviceDeskId: SERVICE_DESK.id,
      id: GROUP_IDS[group.name],
      name: group.name,
    });
  }
  for (const type of REQUEST_TYPES) {
    site.addRequestType({
      serviceDeskId: SERVICE_DESK.id,
      id: REQUEST_TYPE_IDS[type.name],
      name: type.name,
      description: type.description,
      groupIds: type.groups.map((group) => GROUP_IDS[group] as string),
      workflow: WORKFLOW_NAMES[workflowIdOf(type.kind)],
    });
  }

  site.addForgeAppField({
    id: SEVERITY_FIELD_ID,
    name: 'Gravità',
    appId: CATALOGUE_APP_ID,
    environmentId: CATALOGUE_ENVIRONMENT_ID,
    fieldKey: 'severity-field',
    type: 'number',
  });
  const projects = Object.entries(defaultConfig().developmentProjects);
  projects.forEach(([key, project], i) => {
    site.addProject({ key, name: project.product, id: String(10100 + i) });
  });

  return site;
}
