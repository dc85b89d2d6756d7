/**
 * A small seeded site for the emulator's and the runtime fake's own tests: one service desk (SD)
 * with the general workflow, two organizations with their customers, two agents, three request
 * types in two groups (one type in both), the app's severity field and a development project.
 */
import { JsmSite, type SiteOptions } from './site';

export const FIXTURE_APP_ID = '8f0e5c8a-1111-4c8e-9d55-3c2f1b7a0e01';
export const FIXTURE_ENVIRONMENT_ID = 'c7b8d2e4-0a1b-4c3d-9e8f-5a6b7c8d9e0f';
export const SEVERITY_FIELD_ID = 'customfield_10050';

/** Status ids of the fixture's general workflow. */
export const STATUS = {
  aperta: '10001',
  attesaInformazioni: '10002',
  inLavorazione: '10003',
  risolta: '10004',
  chiusa: '10005',
} as const;

export function buildFixtureSite(options: SiteOptions = {}): JsmSite {
  const site = new JsmSite({ start: '2026-12-03T08:00:00Z', ...options });
  site.addWorkflow({
    name: 'Generale',
    statuses: [
      { id: STATUS.aperta, name: 'Aperta', category: 'new' },
      { id: STATUS.attesaInformazioni, name: 'Attesa informazioni', category: 'indeterminate' },
      { id: STATUS.inLavorazione, name: 'In lavorazione', category: 'indeterminate' },
      { id: STATUS.risolta, name: 'Risolta', category: 'done' },
      { id: STATUS.chiusa, name: 'Chiusa', category: 'done' },
    ],
    initialStatus: 'Aperta',
    transitions: [
      { id: '11', name: 'Prendi in carico', to: 'In lavorazione', from: [STATUS.aperta] },
      {
        id: '21',
        name: 'Chiedi informazioni',
        to: 'Attesa informazioni',
        from: [STATUS.aperta, STATUS.inLavorazione],
      },
      { id: '31', name: 'Riprendi', to: 'In lavorazione', from: [STATUS.attesaInformazioni] },
      { id: '41', name: 'Risolvi', to: 'Risolta', customer: true },
      { id: '51', name: 'Chiudi', to: 'Chiusa', from: [STATUS.risolta], silent: true },
      { id: '61', name: 'Riapri', to: 'In lavorazione', from: [STATUS.risolta], customer: true },
    ],
  });
  site.addServiceDesk({
    id: '1',
    projectKey: 'SD',
    projectName: 'Assistenza',
    projectId: '10000',
    defaultWorkflow: 'Generale',
  });
  site.addOrganization({ id: '1', name: 'Biblioteca civica' });
  site.addOrganization({ id: '2', name: 'Sistema bibliotecario' });
  site.addCustomer({ accountId: 'cust-anna', displayName: 'Anna Rossi', organizations: ['1'] });
  site.addCustomer({ accountId: 'cust-carla', displayName: 'Carla Neri', organizations: ['1'] });
  site.addCustomer({ accountId: 'cust-bruno', displayName: 'Bruno Bianchi', organizations: ['2'] });
  site.addAgent({ accountId: 'agent-marco', displayName: 'Marco Verdi', admin: true });
  site.addAgent({ accountId: 'agent-giulia', displayName: 'Giulia Gialli' });
  site.addRequestTypeGroup({ serviceDeskId: '1', id: '1', name: 'Clavis' });
  site.addRequestTypeGroup({ serviceDeskId: '1', id: '2', name: 'DiscoveryNG' });
  site.addRequestType({
    serviceDeskId: '1',
    id: '10',
    name: 'Segnalazione errore su ClavisNG',
    description: 'ClavisNG non funziona',
    groupIds: ['1'],
  });
  site.addRequestType({
    serviceDeskId: '1',
    id: '11',
    name: 'Statistiche, report e stampe',
    description: 'Richiesta di modifica a un report',
    groupIds: ['1', '2'],
  });
  site.addRequestType({
    serviceDeskId: '1',
    id: '12',
    name: 'Uso di DiscoveryNG',
    groupIds: ['2'],
  });
  site.addForgeAppField({
    id: SEVERITY_FIELD_ID,
    name: 'Gravità',
    appId: FIXTURE_APP_ID,
    environmentId: FIXTURE_ENVIRONMENT_ID,
    fieldKey: 'severity-field',
    type: 'number',
  });
  site.addProject({ key: 'CNG', name: 'ClavisNG', id: '10100' });
  site.addVersion({
    projectKey: 'CNG',
    id: '20001',
    name: '4.2',
    releaseDate: '2026-12-10',
    relatedWork: [
      {
        category: 'Release notes',
        title: 'Note di rilascio 4.2',
        url: 'https://docs.example.com/clavisng/4.2',
      },
    ],
  });

  return site;
}
