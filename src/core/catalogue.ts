/**
 * The request-type catalogue of the support policy: groups in portal order and request types in
 * the order the policy lists them. Italian texts are the policy's own, letter for letter.
 */

/** What a request is about, which decides its workflow and whether it has SLA timers. */
export type RequestKind = 'anomaly' | 'service' | 'suggestion';

export interface Translation {
  name: string;
  description: string;
}

export interface CatalogueGroup {
  /** Italian name, as shown on the portal. */
  name: string;
  /** English name. */
  en: string;
}

export interface CatalogueRequestType {
  /** Italian name, the catalogue's key. */
  name: string;
  /** Italian description. */
  description: string;
  kind: RequestKind;
  /** Names of the groups it is placed in, in portal order. */
  groups: readonly string[];
  /** Severity assumed until triage sets one; null when the kind has no SLA. */
  provisionalSeverity: 3 | 4 | null;
  en: Translation;
}

export const REQUEST_KINDS: readonly RequestKind[] = ['anomaly', 'service', 'suggestion'];

const CLAVIS = 'Clavis';
const DISCOVERY = 'DiscoveryNG';
const HARDWARE = 'Hardware e dispositivi';
const NETMANAGER = 'Netmanager / Desktopmanager';
const ADMINISTRATION = 'Amministrazione / Commerciale';
const LIBRARIANSHIP = 'Biblioteconomia, catalogazione, SBN';
const OTHER = 'Altri tipi di richieste';

/** The seven request type groups, in the order the portal shows them. */
export const GROUPS: readonly CatalogueGroup[] = [
  { name: CLAVIS, en: 'Clavis' },
  { name: DISCOVERY, en: 'DiscoveryNG' },
  { name: HARDWARE, en: 'Hardware and devices' },
  { name: NETMANAGER, en: 'Netmanager / Desktopmanager' },
  { name: ADMINISTRATION, en: 'Administration / Sales' },
  { name: LIBRARIANSHIP, en: 'Librarianship, cataloguing, SBN' },
  { name: OTHER, en: 'Other requests' },
];

/** The severity each kind has until triage sets one; suggestions have no SLA and so none. */
export const PROVISIONAL_SEVERITY: Readonly<Record<RequestKind, 3 | 4 | null>> = {
  anomaly: 3,
  service: 4,
  suggestion: null,
};

function entry(
  groups: string[],
  name: string,
  description: string,
  kind: RequestKind,
  en: Translation,
): CatalogueRequestType {
  return { name, description, kind, groups, provisionalSeverity: PROVISIONAL_SEVERITY[kind], en };
}

/** The nineteen request types, each with the groups it sits in (22 placements in all). */
export const REQUEST_TYPES: readonly CatalogueRequestType[] = [
  entry(
    [CLAVIS],
    'Uso di ClavisNG',
    'Hai bisogno di supporto nell’utilizzo delle funzionalità di ClavisNG',
    'service',
    { name: 'Using ClavisNG', description: 'You need help using the features of ClavisNG' },
  ),
  entry(
    [CLAVIS],
    'Segnalazione errore su ClavisNG',
    'ClavisNG non funziona o è impossibile portare a termine una certa attività',
    'anomaly',
    {
      name: 'ClavisNG bug report',
      description: 'ClavisNG does not work or a task cannot be completed',
    },
  ),
  entry(
    [CLAVIS],
    'Richiesta di modifica ai dati o alla configurazione di ClavisNG',
    'Per richieste di modifica a valori predefiniti o aggiornamento massivo di dati',
    'service',
    {
      name: 'ClavisNG data or configuration change',
      description: 'To change default values or to update data in bulk',
    },
  ),
  entry(
    [CLAVIS, DISCOVERY],
    'Statistiche, report e stampe',
    'Richiesta di modifica a un report statistico o a una stampa',
    'service',
    {
      name: 'Statistics, reports and printouts',
      description: 'A change to a statistical report or to a printout',
    },
  ),
  entry(
    [CLAVIS, DISCOVERY, LIBRARIANSHIP],
    'Attività Centro Servizi',
    'Richieste relative alla gestione degli operatori e delle rispettive autorizzazioni, alle configurazioni di Clavis, all’inserimento di informazioni e avvisi in OPAC, ecc.',
    'service',
    {
      name: 'Service Centre tasks',
      description:
        'Requests about operators and their permissions, Clavis configuration, information and notices in the OPAC, and so on.',
    },
  ),
  entry(
    [CLAVIS],
    'Proposta di sviluppo per ClavisNG',
    'Suggerimento per lo sviluppo di ClavisNG',
    'suggestion',
    { name: 'ClavisNG development proposal', description: 'A suggestion for developing ClavisNG' },
  ),
  entry(
    [DISCOVERY],
    'Uso di DiscoveryNG',
    'Hai bisogno di supporto nell’utilizzo delle funzionalità di DiscoveryNG',
    'service',
    { name: 'Using DiscoveryNG', description: 'You need help using the features of DiscoveryNG' },
  ),
  entry(
    [DISCOVERY],
    'Segnalazione errore su DiscoveryNG',
    'Indicazione di un problema riscontrato su DiscoveryNG',
    'anomaly',
    { name: 'DiscoveryNG bug report', description: 'A problem found in DiscoveryNG' },
  ),
  entry(
    [DISCOVERY],
    'Richiesta di modifica ai dati o alla configurazione di DiscoveryNG',
    'Per richieste di modifica alla configurazione, ai valori predefiniti o aggiornamento massivo di dati.',
    'service',
    {
      name: 'DiscoveryNG data or configuration change',
      description: 'To change the configuration or default values, or to update data in bulk.',
    },
  ),
  entry(
    [DISCOVERY],
    'Proposta di sviluppo per DiscoveryNG',
    'Suggerimento per lo sviluppo di DiscoveryNG',
    'suggestion',
    {
      name: 'DiscoveryNG development proposal',
      description: 'A suggestion for developing DiscoveryNG',
    },
  ),
  entry(
    [HARDWARE],
    'Gestione accessi',
    'Indicazione di un problema riscontrato su tornello o varco antitaccheggio',
    'anomaly',
    {
      name: 'Access control',
      description: 'A problem found on a turnstile or an anti-theft gate',
    },
  ),
  entry(
    [HARDWARE],
    'Apparati RFID',
    'Richiesta assistenza o segnalazione problema su dispositivi RFID',
    'anomaly',
    { name: 'RFID equipment', description: 'Help with, or a problem on, RFID devices' },
  ),
  entry(
    [HARDWARE],
    'Stampanti',
    'Richiesta assistenza o segnalazione problema su stampante di etichette o ricevute',
    'anomaly',
    { name: 'Printers', description: 'Help with, or a problem on, a label or receipt printer' },
  ),
  entry(
    [NETMANAGER],
    'Netmanager WiFi',
    'Richiesta assistenza o segnalazione problema su Netmanager WiFi',
    'anomaly',
    { name: 'Netmanager WiFi', description: 'Help with, or a problem on, Netmanager WiFi' },
  ),
  entry(
    [NETMANAGER],
    'Netmanager Desktop / Userful / Plus',
    'Richiesta assistenza o segnalazione problema su Netmanager Desktop / Userful / Plus',
    'anomaly',
    {
      name: 'Netmanager Desktop / Userful / Plus',
      description: 'Help with, or a problem on, Netmanager Desktop / Userful / Plus',
    },
  ),
  entry(
    [ADMINISTRATION],
    'Preventivo su prodotti e servizi',
    'Richiesta quotazione su prodotti, materiali di consumo o servizi',
    'service',
    {
      name: 'Quote for products and services',
      description: 'A quote for products, consumables or services',
    },
  ),
  entry(
    [ADMINISTRATION],
    'Amministrazione e contabile',
    'Richiesta o invio di informazioni per attività amministrative',
    'service',
    {
      name: 'Administration and accounting',
      description: 'Asking for or sending information for administrative tasks',
    },
  ),
  entry(
    [LIBRARIANSHIP],
    'Biblioteconomia, catalogazione, SBN',
    'Richiesta di informazioni in ambito biblioteconomico, sulla catalogazione, su SBN',
    'service',
    {
      name: 'Librarianship, cataloguing, SBN',
      description: 'Questions about librarianship, cataloguing or SBN',
    },
  ),
  entry([OTHER], 'Richiesta Generica', 'Richiesta fuori categoria', 'service', {
    name: 'General request',
    description: 'A request that fits no other category',
  }),
];

/**
 * The request types of each group in the order the policy lists them on the portal, which for
 * DiscoveryNG differs from the catalogue's own order (its shared types come after its own).
 */
const PORTAL_ORDER: Readonly<Record<string, readonly string[]>> = {
  [DISCOVERY]: [
    'Uso di DiscoveryNG',
    'Segnalazione errore su DiscoveryNG',
    'Richiesta di modifica ai dati o alla configurazione di DiscoveryNG',
    'Statistiche, report e stampe',
    'Attività Centro Servizi',
    'Proposta di sviluppo per DiscoveryNG',
  ],
  [LIBRARIANSHIP]: ['Biblioteconomia, catalogazione, SBN', 'Attività Centro Servizi'],
};

/** The request types of one group, in the order the portal lists them. */
export function requestTypesInGroup(group: string): CatalogueRequestType[] {
  const placed = REQUEST_TYPES.filter((type) => type.groups.includes(group));
  const order = PORTAL_ORDER[group];
  if (!order) return placed;

  return [...placed].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/** The catalogue entry with this exact Italian name, or undefined. */
export function findRequestType(name: string): CatalogueRequestType | undefined {
  return REQUEST_TYPES.find((type) => type.name === name);
}
