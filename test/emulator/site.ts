/**
 * The emulated JSM site: its records, the seeding API, and the domain operations (create, edit,
 * transition, comment, link, release) that both tests (acting as people) and the REST routes use,
 * so that every change leaves the changelog and the product events Jira would leave.
 */
import { SimulatedClock, toMillis } from './clock';
import { CallLedger } from './calls';
import { FaultInjector } from './faults';
import type {
  AccountType,
  ChangeItemRecord,
  ChangelogRecord,
  CommentRecord,
  FieldRecord,
  IssueLinkRecord,
  IssueLinkTypeRecord,
  IssueRecord,
  IssueTypeRecord,
  OrganizationRecord,
  ProjectRecord,
  RelatedWorkRecord,
  RequestTypeGroupRecord,
  RequestTypeRecord,
  ServiceDeskRecord,
  StatusCategoryKey,
  StatusRecord,
  UserRecord,
  VersionRecord,
  WorkflowRecord,
  WorkflowTransitionRecord,
} from './model';
import { SeededRandom } from './random';
import { adfToText } from './adf';
import { SiteError } from './errors';
import { handleRequest, type SiteRequest, type SiteResponse } from './http';
import { buildEventPayload, type SiteEvent, type SiteEventType } from './events';

/** One `values` entry of a `jira:entityProperty` module. */
export interface IndexedPropertyValue {
  path: string;
  type: 'number' | 'string' | 'text' | 'user' | 'date';
  searchAlias?: string;
}

/** A `jira:entityProperty` module: which paths of an issue property JQL can search. */
export interface EntityPropertyIndex {
  propertyKey: string;
  entityType?: 'issue' | 'project' | 'user';
  values: IndexedPropertyValue[];
}

export interface SiteOptions {
  /** The simulated clock; a new one starting at `start` when absent. */
  clock?: SimulatedClock;
  /** Start instant of a new clock; 2026-12-01T08:00:00Z by default. */
  start?: number | string | Date;
  baseUrl?: string;
  cloudId?: string;
  /** Zone of the instants Jira renders and of JQL date literals; Europe/Rome by default. */
  timeZone?: string;
  /** Seed of the generator that draws injected faults. */
  seed?: number;
  /** Check every 2xx answer against the spec's response schema (on by default). */
  validateResponses?: boolean;
  /** How a `slow` fault waits: by moving the simulated clock (default) or in real time. */
  delays?: 'advance-clock' | 'real';
  entityProperties?: EntityPropertyIndex[];
}

/** Who performs a domain operation, and whether the app's runtime made the call. */
export interface Actor {
  by: string;
  viaApp?: boolean;
}

/** A problem with a request that the test which made it must see. */
export interface SpecViolation {
  kind: 'spec' | 'jql' | 'scope' | 'response' | 'unsupported' | 'emulator';
  method: string;
  path: string;
  problems: string[];
  caller: string;
  invocationId?: string;
  /** The jest test that was running, when known. */
  test?: string;
}

/** Thrown by `assertNoSpecViolations`, listing every violation. */
export class SpecViolationError extends Error {
  override name = 'SpecViolationError';

  constructor(readonly violations: SpecViolation[]) {
    super(
      [
        `${violations.length} call(s) to the emulated Jira site broke the OpenAPI specs or the emulator's limits:`,
        ...violations.map(
          (v) =>
            `  - [${v.kind}] ${v.method} ${v.path} (caller ${v.caller}${v.test ? `, test "${v.test}"` : ''}):\n      ${v.problems.join('\n      ')}`,
        ),
      ].join('\n'),
    );
  }
}

const CATEGORY_ORDER: StatusCategoryKey[] = ['new', 'indeterminate', 'done'];

/** Default ids of the JSM system fields, as on a typical site. */
export const ORGANIZATIONS_FIELD_ID = 'customfield_10002';
export const REQUEST_TYPE_FIELD_ID = 'customfield_10010';

const SYSTEM_FIELDS: Omit<FieldRecord, 'custom' | 'kind' | 'key'>[] = [
  { id: 'summary', name: 'Summary', schema: { type: 'string', system: 'summary' } },
  { id: 'description', name: 'Description', schema: { type: 'string', system: 'description' } },
  { id: 'issuetype', name: 'Issue Type', schema: { type: 'issuetype', system: 'issuetype' } },
  { id: 'project', name: 'Project', schema: { type: 'project', system: 'project' } },
  { id: 'status', name: 'Status', schema: { type: 'status', system: 'status' } },
  { id: 'reporter', name: 'Reporter', schema: { type: 'user', system: 'reporter' } },
  { id: 'creator', name: 'Creator', schema: { type: 'user', system: 'creator' } },
  { id: 'assignee', name: 'Assignee', schema: { type: 'user', system: 'assignee' } },
  { id: 'created', name: 'Created', schema: { type: 'datetime', system: 'created' } },
  { id: 'updated', name: 'Updated', schema: { type: 'datetime', system: 'updated' } },
  { id: 'resolution', name: 'Resolution', schema: { type: 'resolution', system: 'resolution' } },
  {
    id: 'resolutiondate',
    name: 'Resolved',
    schema: { type: 'datetime', system: 'resolutiondate' },
  },
  {
    id: 'statuscategorychangedate',
    name: 'Status Category Changed',
    schema: { type: 'datetime', system: 'statuscategorychangedate' },
  },
  {
    id: 'labels',
    name: 'Labels',
    schema: { type: 'array', items: 'string', system: 'labels' },
  },
  {
    id: 'fixVersions',
    name: 'Fix versions',
    schema: { type: 'array', items: 'version', system: 'fixVersions' },
  },
  {
    id: 'issuelinks',
    name: 'Linked Issues',
    schema: { type: 'array', items: 'issuelinks', system: 'issuelinks' },
  },
  { id: 'comment', name: 'Comment', schema: { type: 'comments-page', system: 'comment' } },
  { id: 'priority', name: 'Priority', schema: { type: 'priority', system: 'priority' } },
];

/** An in-memory JSM site. See `index.ts` for the whole API. */
export class JsmSite {
  readonly clock: SimulatedClock;
  readonly baseUrl: string;
  readonly cloudId: string;
  readonly timeZone: string;
  readonly validateResponses: boolean;
  readonly delays: 'advance-clock' | 'real';
  readonly random: SeededRandom;
  readonly faults: FaultInjector;
  readonly calls = new CallLedger();
  readonly specViolations: SpecViolation[] = [];
  /** Every event the site emitted, in order. */
  readonly emittedEvents: SiteEvent[] = [];

  readonly users = new Map<string, UserRecord>();
  readonly organizations = new Map<string, OrganizationRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly issueTypes = new Map<string, IssueTypeRecord>();
  readonly serviceDesks = new Map<string, ServiceDeskRecord>();
  readonly requestTypeGroups = new Map<string, RequestTypeGroupRecord>();
  readonly requestTypes = new Map<string, RequestTypeRecord>();
  readonly workflows = new Map<string, WorkflowRecord>();
  readonly statuses = new Map<string, StatusRecord>();
  readonly fields = new Map<string, FieldRecord>();
  readonly issues = new Map<string, IssueRecord>();
  readonly linkTypes = new Map<string, IssueLinkTypeRecord>();
  readonly links = new Map<string, IssueLinkRecord>();
  readonly versions = new Map<string, VersionRecord>();
  readonly entityPropertyIndexes: EntityPropertyIndex[] = [];

  appAccountId: string;
  private readonly listeners: ((event: SiteEvent) => void)[] = [];
  private readonly counters = new Map<string, number>();
  private eventsMuted = 0;

  constructor(options: SiteOptions = {}) {
    this.clock = options.clock ?? new SimulatedClock(options.start ?? '2026-12-01T08:00:00Z');
    this.baseUrl = (options.baseUrl ?? 'https://webcomperio.atlassian.net').replace(/\/+$/, '');
    this.cloudId = options.cloudId ?? 'a436116f-02ce-4520-8fbb-7301462a1674';
    this.timeZone = options.timeZone ?? 'Europe/Rome';
    this.validateResponses = options.validateResponses ?? true;
    this.delays = options.delays ?? 'advance-clock';
    this.random = new SeededRandom(options.seed ?? 4);
    this.faults = new FaultInjector(this.random);
    for (const field of SYSTEM_FIELDS) {
      this.fields.set(field.id, { ...field, key: field.id, custom: false, kind: 'system' });
    }
    this.addField({
      id: ORGANIZATIONS_FIELD_ID,
      name: 'Organizations',
      kind: 'organizations',
      schema: {
        type: 'array',
        items: 'sd-customerorganization',
        custom: 'com.atlassian.servicedesk:sd-customer-organizations',
      },
    });
    this.addField({
      id: REQUEST_TYPE_FIELD_ID,
      name: 'Request Type',
      kind: 'requestType',
      schema: { type: 'sd-customerrequesttype', custom: 'com.atlassian.servicedesk:vp-origin' },
    });
    for (const [id, name, inward, outward] of [
      ['10000', 'Blocks', 'is blocked by', 'blocks'],
      ['10001', 'Cloners', 'is cloned by', 'clones'],
      ['10002', 'Duplicate', 'is duplicated by', 'duplicates'],
      ['10003', 'Relates', 'relates to', 'relates to'],
    ] as const) {
      this.linkTypes.set(id, { id, name, inward, outward });
    }
    this.issueTypes.set('10100', {
      id: '10100',
      name: 'Service Request',
      description: 'A request raised on the customer portal.',
    });
    this.issueTypes.set('10101', { id: '10101', name: 'Task', description: 'A piece of work.' });
    this.appAccountId = '712020:support-policy-app';
    this.addUser({
      accountId: this.appAccountId,
      displayName: 'Support Policy',
      accountType: 'app',
    });
    for (const index of options.entityProperties ?? []) this.indexEntityProperty(index);
  }

  // ---- ids, time and events ---------------------------------------------------------------

  /** The next id of a kind, as a decimal string starting at 10000. */
  nextId(kind: string): string {
    const next = (this.counters.get(kind) ?? 9999) + 1;
    this.counters.set(kind, next);

    return String(next);
  }

  now(): number {
    return this.clock.now();
  }

  /** Calls `listener` with every event the site emits from now on; returns an unsubscribe. */
  onEvent(listener: (event: SiteEvent) => void): () => void {
    this.listeners.push(listener);

    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Runs `seed` without emitting events: for setting a site up as it was before the test. */
  withoutEvents<T>(seed: () => T): T {
    this.eventsMuted += 1;
    try {
      return seed();
    } finally {
      this.eventsMuted -= 1;
    }
  }

  emit(
    eventType: SiteEventType,
    actor: Actor,
    subject: Parameters<typeof buildEventPayload>[3],
  ): void {
    if (this.eventsMuted > 0) return;
    const event: SiteEvent = {
      id: Number(this.nextId('event')),
      eventType,
      at: this.now(),
      actorAccountId: actor.by,
      viaApp: actor.viaApp === true,
      payload: buildEventPayload(this, eventType, actor, subject),
    };
    this.emittedEvents.push(event);
    for (const listener of [...this.listeners]) listener(event);
  }

  /**
   * Answers one REST request as the site would. Example:
   * `await site.handle({ method: 'GET', path: '/rest/api/3/issue/SD-1', caller: 'app' })`.
   */
  handle(request: SiteRequest): Promise<SiteResponse> {
    return handleRequest(this, request);
  }

  // ---- spec violations --------------------------------------------------------------------

  recordViolation(violation: SpecViolation): void {
    this.specViolations.push({ ...violation, test: violation.test ?? currentTestName() });
  }

  /** Throws a `SpecViolationError` naming every recorded violation, and forgets them. */
  assertNoSpecViolations(): void {
    if (this.specViolations.length === 0) return;
    const violations = this.specViolations.splice(0);

    throw new SpecViolationError(violations);
  }

  // ---- seeding ----------------------------------------------------------------------------

  /** Declares which issue property paths JQL may search, as a `jira:entityProperty` module does. */
  indexEntityProperty(index: EntityPropertyIndex): void {
    if ((index.entityType ?? 'issue') !== 'issue') return;
    this.entityPropertyIndexes.push({ ...index, values: index.values.map((v) => ({ ...v })) });
  }

  addUser(input: {
    accountId: string;
    displayName: string;
    accountType: AccountType;
    emailAddress?: string;
    timeZone?: string;
    agent?: boolean;
    admin?: boolean;
  }): UserRecord {
    if (this.users.has(input.accountId)) {
      throw new Error(`a user with accountId ${input.accountId} already exists on the site`);
    }
    const user: UserRecord = {
      accountId: input.accountId,
      displayName: input.displayName,
      accountType: input.accountType,
      emailAddress: input.emailAddress,
      timeZone: input.timeZone ?? this.timeZone,
      active: true,
      agent: input.agent ?? false,
      admin: input.admin ?? false,
    };
    this.users.set(user.accountId, user);

    return user;
  }

  /** Replaces the app's own user (accountType `app`), the identity of every `asApp` call. */
  setAppUser(input: { accountId: string; displayName: string }): UserRecord {
    this.users.delete(this.appAccountId);
    this.appAccountId = input.accountId;

    return this.addUser({ ...input, accountType: 'app' });
  }

  /** An agent of every service desk (accountType `atlassian`). */
  addAgent(input: {
    accountId: string;
    displayName: string;
    admin?: boolean;
    emailAddress?: string;
  }): UserRecord {
    return this.addUser({ ...input, accountType: 'atlassian', agent: true });
  }

  /** A portal customer (accountType `customer`), member of the given organizations. */
  addCustomer(input: {
    accountId: string;
    displayName: string;
    organizations?: string[];
    emailAddress?: string;
  }): UserRecord {
    const user = this.addUser({ ...input, accountType: 'customer' });
    for (const orgId of input.organizations ?? []) this.addToOrganization(orgId, user.accountId);

    return user;
  }

  addOrganization(input: {
    id?: string;
    name: string;
    serviceDeskIds?: string[];
  }): OrganizationRecord {
    const id = input.id ?? this.nextId('organization');
    if (this.organizations.has(id)) throw new Error(`organization ${id} already exists`);
    const organization: OrganizationRecord = {
      id,
      name: input.name,
      members: new Set(),
      created: this.now(),
    };
    this.organizations.set(id, organization);
    const deskIds = input.serviceDeskIds ?? [...this.serviceDesks.keys()];
    for (const deskId of deskIds) this.serviceDesk(deskId).organizationIds.add(id);

    return organization;
  }

  addToOrganization(organizationId: string, accountId: string): void {
    this.organization(organizationId).members.add(this.user(accountId).accountId);
  }

  /** Adds a workflow: statuses (ids unique across the site), the initial status, transitions. */
  addWorkflow(input: {
    name: string;
    statuses: StatusRecord[];
    initialStatus: string;
    transitions: {
      id: string;
      name: string;
      to: string;
      from?: string[];
      customer?: boolean;
      silent?: boolean;
    }[];
  }): WorkflowRecord {
    if (this.workflows.has(input.name)) throw new Error(`workflow ${input.name} already exists`);
    const ids = new Set(input.statuses.map((s) => s.id));
    for (const status of input.statuses) {
      const known = this.statuses.get(status.id);
      if (
        known !== undefined &&
        (known.name !== status.name || known.category !== status.category)
      ) {
        throw new Error(
          `status id ${status.id} is already '${known.name}' (${known.category}); workflows share statuses by id`,
        );
      }
      this.statuses.set(status.id, { ...status });
    }
    const initial = this.resolveStatusIn(input.statuses, input.initialStatus);
    const transitions: WorkflowTransitionRecord[] = input.transitions.map((t) => {
      const to = this.resolveStatusIn(input.statuses, t.to);
      const from = t.from?.map((f) => this.resolveStatusIn(input.statuses, f).id);
      if (!ids.has(to.id)) throw new Error(`transition ${t.name} goes to an unknown status`);

      return {
        id: t.id,
        name: t.name,
        to: to.id,
        from,
        customer: t.customer ?? false,
        silent: t.silent ?? false,
      };
    });
    const workflow: WorkflowRecord = {
      name: input.name,
      statuses: input.statuses.map((s) => ({ ...s })),
      initialStatusId: initial.id,
      transitions,
    };
    this.workflows.set(workflow.name, workflow);

    return workflow;
  }

  private resolveStatusIn(statuses: StatusRecord[], idOrName: string): StatusRecord {
    const status =
      statuses.find((s) => s.id === idOrName) ??
      statuses.find((s) => s.name.toLowerCase() === idOrName.toLowerCase());
    if (status === undefined) {
      throw new Error(
        `status '${idOrName}' is not among the workflow's statuses (${statuses.map((s) => s.name).join(', ')})`,
      );
    }

    return status;
  }

  addProject(input: {
    key: string;
    name: string;
    id?: string;
    typeKey?: ProjectRecord['typeKey'];
    workflow?: string;
    issueTypeId?: string;
  }): ProjectRecord {
    if (this.findProject(input.key) !== undefined) {
      throw new Error(`project ${input.key} already exists`);
    }
    const workflow = input.workflow ?? this.ensureDefaultWorkflow();
    this.workflow(workflow);
    const project: ProjectRecord = {
      id: input.id ?? this.nextId('project'),
      key: input.key,
      name: input.name,
      typeKey: input.typeKey ?? 'software',
      workflow,
      issueTypeId: input.issueTypeId ?? '10101',
      nextIssueNumber: 1,
    };
    this.projects.set(project.id, project);

    return project;
  }

  private ensureDefaultWorkflow(): string {
    const name = 'jira';
    if (!this.workflows.has(name)) {
      this.addWorkflow({
        name,
        statuses: [
          { id: '1', name: 'Open', category: 'new' },
          { id: '3', name: 'In Progress', category: 'indeterminate' },
          { id: '6', name: 'Closed', category: 'done' },
        ],
        initialStatus: '1',
        transitions: [
          { id: '11', name: 'Open', to: '1' },
          { id: '21', name: 'Start Progress', to: '3' },
          { id: '31', name: 'Close', to: '6' },
        ],
      });
    }

    return name;
  }

  /** A service desk and its project (created when `projectKey` names no project yet). */
  addServiceDesk(input: {
    id: string;
    projectKey: string;
    projectName?: string;
    projectId?: string;
    defaultWorkflow?: string;
  }): ServiceDeskRecord {
    if (this.serviceDesks.has(input.id)) throw new Error(`service desk ${input.id} already exists`);
    const project =
      this.findProject(input.projectKey) ??
      this.addProject({
        key: input.projectKey,
        name: input.projectName ?? input.projectKey,
        id: input.projectId,
        typeKey: 'service_desk',
        workflow: input.defaultWorkflow,
        issueTypeId: '10100',
      });
    project.typeKey = 'service_desk';
    const desk: ServiceDeskRecord = {
      id: input.id,
      projectId: project.id,
      organizationIds: new Set(),
      defaultWorkflow: input.defaultWorkflow ?? project.workflow,
    };
    this.serviceDesks.set(desk.id, desk);

    return desk;
  }

  addRequestTypeGroup(input: {
    serviceDeskId: string;
    id?: string;
    name: string;
  }): RequestTypeGroupRecord {
    this.serviceDesk(input.serviceDeskId);
    const group: RequestTypeGroupRecord = {
      id: input.id ?? this.nextId('requestTypeGroup'),
      serviceDeskId: input.serviceDeskId,
      name: input.name,
    };
    this.requestTypeGroups.set(group.id, group);

    return group;
  }

  /** A request type, placed in one or more groups, following a workflow. */
  addRequestType(input: {
    serviceDeskId: string;
    id?: string;
    name: string;
    description?: string;
    helpText?: string;
    issueTypeId?: string;
    groupIds?: string[];
    workflow?: string;
  }): RequestTypeRecord {
    const desk = this.serviceDesk(input.serviceDeskId);
    for (const groupId of input.groupIds ?? []) {
      const group = this.requestTypeGroups.get(groupId);
      if (group === undefined || group.serviceDeskId !== desk.id) {
        throw new Error(`request type group ${groupId} is not a group of service desk ${desk.id}`);
      }
    }
    const workflow = input.workflow ?? desk.defaultWorkflow;
    this.workflow(workflow);
    const requestType: RequestTypeRecord = {
      id: input.id ?? this.nextId('requestType'),
      serviceDeskId: desk.id,
      name: input.name,
      description: input.description ?? '',
      helpText: input.helpText ?? '',
      issueTypeId: input.issueTypeId ?? '10100',
      groupIds: [...(input.groupIds ?? [])],
      workflow,
    };
    if (this.requestTypes.has(requestType.id)) {
      throw new Error(`request type ${requestType.id} already exists`);
    }
    this.requestTypes.set(requestType.id, requestType);

    return requestType;
  }

  /** A custom field. `id` is `customfield_<n>`; `kind` says how values are edited and logged. */
  addField(input: {
    id: string;
    name: string;
    kind: FieldRecord['kind'];
    schema: FieldRecord['schema'];
    appId?: string;
  }): FieldRecord {
    const match = /^customfield_(\d+)$/.exec(input.id);
    if (match === null) throw new Error(`custom field id ${input.id} is not customfield_<number>`);
    if (this.fields.has(input.id)) throw new Error(`field ${input.id} already exists`);
    const field: FieldRecord = {
      id: input.id,
      key: input.id,
      name: input.name,
      custom: true,
      kind: input.kind,
      schema: { ...input.schema, customId: Number(match[1]) },
      appId: input.appId,
    };
    this.fields.set(field.id, field);

    return field;
  }

  /** A field of a Forge app's `jira:customField` module, as Jira lists it. */
  addForgeAppField(input: {
    id: string;
    name: string;
    appId: string;
    environmentId: string;
    fieldKey: string;
    type: 'number' | 'string' | 'datetime' | 'date' | 'user' | 'object' | 'group';
  }): FieldRecord {
    return this.addField({
      id: input.id,
      name: input.name,
      kind: 'forge',
      appId: input.appId,
      schema: {
        type: input.type,
        custom: `ari:cloud:ecosystem::extension/${input.appId}/${input.environmentId}/static/${input.fieldKey}`,
      },
    });
  }

  addVersion(input: {
    projectKey: string;
    id?: string;
    name: string;
    description?: string;
    released?: boolean;
    archived?: boolean;
    releaseDate?: string;
    startDate?: string;
    relatedWork?: Omit<RelatedWorkRecord, 'relatedWorkId'>[];
  }): VersionRecord {
    const project = this.project(input.projectKey);
    for (const date of [input.releaseDate, input.startDate]) {
      if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        throw new Error(`version date ${date} is not YYYY-MM-DD`);
      }
    }
    const version: VersionRecord = {
      id: input.id ?? this.nextId('version'),
      projectId: project.id,
      name: input.name,
      description: input.description ?? '',
      released: input.released ?? false,
      archived: input.archived ?? false,
      releaseDate: input.releaseDate,
      startDate: input.startDate,
      relatedWork: (input.relatedWork ?? []).map((w) => ({
        ...w,
        relatedWorkId: `${this.nextId('relatedWork')}-rw`,
      })),
    };
    this.versions.set(version.id, version);

    return version;
  }

  // ---- lookups ----------------------------------------------------------------------------

  user(accountId: string): UserRecord {
    const user = this.users.get(accountId);
    if (user === undefined) {
      throw new Error(
        `no user with accountId ${accountId} on the emulated site; seed it with addAgent or addCustomer`,
      );
    }

    return user;
  }

  appUser(): UserRecord {
    return this.user(this.appAccountId);
  }

  organization(id: string): OrganizationRecord {
    const organization = this.organizations.get(id);
    if (organization === undefined) throw new Error(`no organization ${id} on the emulated site`);

    return organization;
  }

  organizationsOf(accountId: string): OrganizationRecord[] {
    return [...this.organizations.values()].filter((o) => o.members.has(accountId));
  }

  findProject(idOrKey: string): ProjectRecord | undefined {
    return (
      this.projects.get(idOrKey) ??
      [...this.projects.values()].find((p) => p.key.toUpperCase() === idOrKey.toUpperCase())
    );
  }

  project(idOrKey: string): ProjectRecord {
    const project = this.findProject(idOrKey);
    if (project === undefined) throw new Error(`no project ${idOrKey} on the emulated site`);

    return project;
  }

  serviceDesk(id: string): ServiceDeskRecord {
    const desk = this.serviceDesks.get(id);
    if (desk === undefined) throw new Error(`no service desk ${id} on the emulated site`);

    return desk;
  }

  /** The desk whose id or project id or key is given, as JSM accepts either in paths. */
  findServiceDesk(idOrProject: string): ServiceDeskRecord | undefined {
    const direct = this.serviceDesks.get(idOrProject);
    if (direct !== undefined) return direct;
    const project = this.findProject(idOrProject);

    return [...this.serviceDesks.values()].find((d) => d.projectId === project?.id);
  }

  serviceDeskOfProject(projectId: string): ServiceDeskRecord | undefined {
    return [...this.serviceDesks.values()].find((d) => d.projectId === projectId);
  }

  workflow(name: string): WorkflowRecord {
    const workflow = this.workflows.get(name);
    if (workflow === undefined)
      throw new Error(`no workflow named ${name}; add it with addWorkflow`);

    return workflow;
  }

  status(id: string): StatusRecord {
    const status = this.statuses.get(id);
    if (status === undefined) throw new Error(`no status ${id} on the emulated site`);

    return status;
  }

  findIssue(idOrKey: string): IssueRecord | undefined {
    return (
      this.issues.get(idOrKey) ??
      [...this.issues.values()].find((i) => i.key.toUpperCase() === idOrKey.toUpperCase())
    );
  }

  /** The issue record (for assertions); throws when there is none. */
  issue(idOrKey: string): IssueRecord {
    const issue = this.findIssue(idOrKey);
    if (issue === undefined) throw new Error(`no issue ${idOrKey} on the emulated site`);

    return issue;
  }

  workflowOf(issue: IssueRecord): WorkflowRecord {
    if (issue.requestTypeId !== null) {
      return this.workflow(this.requestType(issue.requestTypeId).workflow);
    }

    return this.workflow(this.projectOf(issue).workflow);
  }

  requestType(id: string): RequestTypeRecord {
    const requestType = this.requestTypes.get(id);
    if (requestType === undefined) throw new Error(`no request type ${id} on the emulated site`);

    return requestType;
  }

  projectOf(issue: IssueRecord): ProjectRecord {
    return this.project(issue.projectId);
  }

  /** The value of an issue property, or undefined (for assertions). */
  issueProperty(idOrKey: string, propertyKey: string): unknown {
    return this.issue(idOrKey).properties.get(propertyKey)?.value;
  }

  linksOf(issue: IssueRecord): IssueLinkRecord[] {
    return [...this.links.values()].filter(
      (l) => l.sourceIssueId === issue.id || l.destinationIssueId === issue.id,
    );
  }

  // ---- permissions ------------------------------------------------------------------------

  /** Whether a user can open an issue: agents, admins and the app see all; customers their requests. */
  canBrowse(user: UserRecord, issue: IssueRecord): boolean {
    if (user.accountType === 'app' || user.agent || user.admin) return true;
    if (user.accountType !== 'customer') return false;
    if (this.serviceDeskOfProject(issue.projectId) === undefined) return false;
    if (issue.reporterAccountId === user.accountId) return true;
    const mine = new Set(this.organizationsOf(user.accountId).map((o) => o.id));

    return issue.organizationIds.some((id) => mine.has(id));
  }

  /** Whether a user can edit, transition freely, set properties and add internal comments. */
  canWork(user: UserRecord): boolean {
    return user.accountType === 'app' || user.agent || user.admin;
  }

  // ---- domain operations ------------------------------------------------------------------

  /** Raises a customer request (as the portal or `POST /rest/servicedeskapi/request` does). */
  createRequest(
    input: {
      requestType: string;
      reporter: string;
      summary: string;
      description?: string;
      organizations?: string[];
      fields?: Record<string, unknown>;
      at?: number | string | Date;
    },
    actor?: Actor,
  ): IssueRecord {
    const requestType =
      this.requestTypes.get(input.requestType) ??
      [...this.requestTypes.values()].find((t) => t.name === input.requestType);
    if (requestType === undefined) {
      throw new SiteError(400, `request type '${input.requestType}' does not exist`);
    }
    const reporter = this.user(input.reporter);
    const organizations =
      input.organizations ??
      (reporter.accountType === 'customer'
        ? this.organizationsOf(reporter.accountId)
            .slice(0, 1)
            .map((o) => o.id)
        : []);
    for (const id of organizations) this.organization(id);
    const desk = this.serviceDesk(requestType.serviceDeskId);

    return this.createIssueRecord(
      {
        projectId: desk.projectId,
        issueTypeId: requestType.issueTypeId,
        summary: input.summary,
        description: input.description ?? null,
        reporter: reporter.accountId,
        requestTypeId: requestType.id,
        organizationIds: organizations,
        workflow: requestType.workflow,
        fields: input.fields ?? {},
        at: input.at,
      },
      actor ?? { by: reporter.accountId },
    );
  }

  /** Creates an issue in a project without request type (a development project's work item). */
  createIssue(
    input: {
      projectKey: string;
      summary: string;
      reporter?: string;
      status?: string;
      fields?: Record<string, unknown>;
      at?: number | string | Date;
    },
    actor?: Actor,
  ): IssueRecord {
    const project = this.project(input.projectKey);
    const reporter = input.reporter ?? this.appAccountId;
    const issue = this.createIssueRecord(
      {
        projectId: project.id,
        issueTypeId: project.issueTypeId,
        summary: input.summary,
        description: null,
        reporter,
        requestTypeId: null,
        organizationIds: [],
        workflow: project.workflow,
        fields: input.fields ?? {},
        at: input.at,
      },
      actor ?? { by: reporter },
    );
    if (input.status !== undefined) {
      const target = this.resolveStatusIn(this.workflow(project.workflow).statuses, input.status);
      if (target.id !== issue.statusId)
        this.moveToStatus(issue, target, actor ?? { by: reporter }, false);
    }

    return issue;
  }

  private createIssueRecord(
    input: {
      projectId: string;
      issueTypeId: string;
      summary: string;
      description: string | null;
      reporter: string;
      requestTypeId: string | null;
      organizationIds: string[];
      workflow: string;
      fields: Record<string, unknown>;
      at?: number | string | Date;
    },
    actor: Actor,
  ): IssueRecord {
    if (input.at !== undefined) this.clock.set(toMillis(input.at, 'at'));
    const project = this.project(input.projectId);
    const workflow = this.workflow(input.workflow);
    const now = this.now();
    const issue: IssueRecord = {
      id: this.nextId('issue'),
      key: `${project.key}-${project.nextIssueNumber++}`,
      projectId: project.id,
      issueTypeId: input.issueTypeId,
      summary: input.summary,
      description: input.description,
      statusId: workflow.initialStatusId,
      statusDate: now,
      reporterAccountId: input.reporter,
      creatorAccountId: actor.by,
      assigneeAccountId: null,
      created: now,
      updated: now,
      resolutionDate: null,
      labels: [],
      fixVersionIds: [],
      customFields: new Map(),
      requestTypeId: input.requestTypeId,
      organizationIds: [...input.organizationIds],
      comments: [],
      properties: new Map(),
      changelog: [],
    };
    for (const [fieldId, value] of Object.entries(input.fields)) {
      this.applyFieldValue(issue, fieldId, value, []);
    }
    this.issues.set(issue.id, issue);
    this.emit('avi:jira:created:issue', actor, { issue });

    return issue;
  }

  /** Edits fields (as the issue view or `PUT /rest/api/3/issue` does); one changelog entry. */
  editIssue(
    idOrKey: string,
    changes: Record<string, unknown>,
    actor: Actor,
  ): ChangelogRecord | undefined {
    const issue = this.issue(idOrKey);
    const items: ChangeItemRecord[] = [];
    const errors: Record<string, string> = {};
    for (const [fieldId, value] of Object.entries(changes)) {
      try {
        this.applyFieldValue(issue, fieldId, value, items);
      } catch (error) {
        if (!(error instanceof SiteError)) throw error;
        errors[fieldId] = error.message;
      }
    }
    if (Object.keys(errors).length > 0) {
      throw new SiteError(400, 'Some fields could not be set', errors);
    }

    return this.logChange(issue, items, actor);
  }

  /** Records a changelog entry and emits `avi:jira:updated:issue`, when anything changed. */
  private logChange(
    issue: IssueRecord,
    items: ChangeItemRecord[],
    actor: Actor,
    options: { silent?: boolean } = {},
  ): ChangelogRecord | undefined {
    if (items.length === 0) return undefined;
    const entry: ChangelogRecord = {
      id: this.nextId('changelog'),
      authorAccountId: actor.by,
      created: this.now(),
      items,
    };
    issue.changelog.push(entry);
    issue.updated = entry.created;
    if (options.silent !== true) {
      this.emit('avi:jira:updated:issue', actor, { issue, changelog: entry });
    }

    return entry;
  }

  /** Sets one field, appending the changelog items Jira would record; throws SiteError if it can't. */
  private applyFieldValue(
    issue: IssueRecord,
    fieldId: string,
    value: unknown,
    items: ChangeItemRecord[],
  ): void {
    const field = this.fields.get(fieldId);
    if (field === undefined) {
      throw new SiteError(
        400,
        `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`,
      );
    }
    const log = (item: Omit<ChangeItemRecord, 'field' | 'fieldtype' | 'fieldId'>): void => {
      items.push({
        field: field.custom ? field.name : field.id,
        fieldtype: field.custom ? 'custom' : 'jira',
        fieldId: field.id,
        ...item,
      });
    };
    switch (field.kind) {
      case 'system':
        this.applySystemField(issue, field, value, log);

        return;
      case 'organizations': {
        const ids = asIdList(value, fieldId).map((id) => this.organization(id).id);
        const before = issue.organizationIds;
        if (sameList(before, ids)) return;
        issue.organizationIds = ids;
        log({
          from: null,
          fromString: before.length
            ? `[${before.map((id) => this.organization(id).name).join(', ')}]`
            : null,
          to: null,
          toString: ids.length
            ? `[${ids.map((id) => this.organization(id).name).join(', ')}]`
            : null,
        });

        return;
      }
      case 'requestType': {
        const id =
          typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
        const requestType = this.requestTypes.get(String(id));
        if (requestType === undefined) {
          throw new SiteError(400, `request type '${String(id)}' does not exist`);
        }
        const before =
          issue.requestTypeId === null ? undefined : this.requestType(issue.requestTypeId);
        if (before?.id === requestType.id) return;
        issue.requestTypeId = requestType.id;
        log({
          from: before?.id ?? null,
          fromString: before?.name ?? null,
          to: requestType.id,
          toString: requestType.name,
        });

        return;
      }
      default:
        this.applyScalarCustom(issue, field, value, log);
    }
  }

  private applyScalarCustom(
    issue: IssueRecord,
    field: FieldRecord,
    value: unknown,
    log: (item: Omit<ChangeItemRecord, 'field' | 'fieldtype' | 'fieldId'>) => void,
  ): void {
    const type = field.schema.type;
    if (value !== null) {
      if (type === 'number' && typeof value !== 'number') {
        throw new SiteError(400, `Field '${field.name}' takes a number.`);
      }
      if (
        (type === 'string' || type === 'datetime' || type === 'date') &&
        typeof value !== 'string'
      ) {
        throw new SiteError(400, `Field '${field.name}' takes a string.`);
      }
    }
    const before = issue.customFields.get(field.id) ?? null;
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    if (value === null) issue.customFields.delete(field.id);
    else issue.customFields.set(field.id, value);
    log({
      from: null,
      fromString: displayValue(before),
      to: null,
      toString: displayValue(value),
    });
  }

  private applySystemField(
    issue: IssueRecord,
    field: FieldRecord,
    value: unknown,
    log: (item: Omit<ChangeItemRecord, 'field' | 'fieldtype' | 'fieldId'>) => void,
  ): void {
    switch (field.id) {
      case 'summary': {
        if (typeof value !== 'string' || value.trim() === '') {
          throw new SiteError(400, 'You must specify a summary of the issue.');
        }
        if (value === issue.summary) return;
        log({ from: null, fromString: issue.summary, to: null, toString: value });
        issue.summary = value;

        return;
      }
      case 'description': {
        const text = value === null ? null : adfToText(value);
        if (text === issue.description) return;
        log({ from: null, fromString: issue.description, to: null, toString: text });
        issue.description = text;

        return;
      }
      case 'labels': {
        if (!Array.isArray(value) || value.some((l) => typeof l !== 'string' || /\s/.test(l))) {
          throw new SiteError(400, 'Labels are a list of strings without spaces.');
        }
        const labels = value as string[];
        if (sameList(labels, issue.labels)) return;
        log({
          from: null,
          fromString: issue.labels.join(' ') || null,
          to: null,
          toString: labels.join(' ') || null,
        });
        issue.labels = [...labels];

        return;
      }
      case 'assignee': {
        const accountId = value === null ? null : (value as { accountId?: unknown }).accountId;
        if (accountId !== null && typeof accountId !== 'string') {
          throw new SiteError(400, 'Assignee is given as { accountId }.');
        }
        const next = accountId === null ? null : this.user(accountId);
        if ((next?.accountId ?? null) === issue.assigneeAccountId) return;
        const before = issue.assigneeAccountId === null ? null : this.user(issue.assigneeAccountId);
        log({
          from: before?.accountId ?? null,
          fromString: before?.displayName ?? null,
          to: next?.accountId ?? null,
          toString: next?.displayName ?? null,
        });
        issue.assigneeAccountId = next?.accountId ?? null;

        return;
      }
      case 'fixVersions': {
        if (!Array.isArray(value)) throw new SiteError(400, 'Fix versions are a list of { id }.');
        const ids = value.map((v) => {
          const id = String((v as { id?: unknown }).id ?? v);
          const version = this.versions.get(id);
          if (version === undefined || version.projectId !== issue.projectId) {
            throw new SiteError(400, `Version id '${id}' is not valid for this project.`);
          }

          return id;
        });
        for (const removed of issue.fixVersionIds.filter((id) => !ids.includes(id))) {
          log({
            from: removed,
            fromString: this.versions.get(removed)?.name ?? null,
            to: null,
            toString: null,
          });
        }
        for (const added of ids.filter((id) => !issue.fixVersionIds.includes(id))) {
          log({
            from: null,
            fromString: null,
            to: added,
            toString: this.versions.get(added)?.name ?? null,
          });
        }
        issue.fixVersionIds = ids;

        return;
      }
      default:
        throw new SiteError(
          400,
          `Field '${field.id}' cannot be set. It is not on the appropriate screen, or unknown.`,
        );
    }
  }

  /** The transitions offered from the issue's current status. */
  availableTransitions(issue: IssueRecord): WorkflowTransitionRecord[] {
    return this.workflowOf(issue).transitions.filter(
      (t) => t.from === undefined || t.from.includes(issue.statusId),
    );
  }

  /**
   * Moves an issue along its workflow, by transition id or name, or by target status name.
   * Example: `site.transition('SD-1', 'In lavorazione', { by: 'agent-1' })`.
   */
  transition(
    idOrKey: string,
    transitionOrStatus: string,
    actor: Actor,
    options: { customerOnly?: boolean; fields?: Record<string, unknown> } = {},
  ): ChangelogRecord | undefined {
    const issue = this.issue(idOrKey);
    const offered = this.availableTransitions(issue).filter(
      (t) => options.customerOnly !== true || t.customer,
    );
    const wanted = transitionOrStatus.toLowerCase();
    const transition =
      offered.find((t) => t.id === transitionOrStatus) ??
      offered.find((t) => t.name.toLowerCase() === wanted) ??
      offered.find((t) => this.status(t.to).name.toLowerCase() === wanted);
    if (transition === undefined) {
      throw new SiteError(
        400,
        `Transition '${transitionOrStatus}' is not valid for ${issue.key} in status '${this.status(issue.statusId).name}'`,
      );
    }
    const items: ChangeItemRecord[] = [];
    for (const [fieldId, value] of Object.entries(options.fields ?? {})) {
      this.applyFieldValue(issue, fieldId, value, items);
    }

    return this.moveToStatus(issue, this.status(transition.to), actor, transition.silent, items);
  }

  private moveToStatus(
    issue: IssueRecord,
    target: StatusRecord,
    actor: Actor,
    silent: boolean,
    items: ChangeItemRecord[] = [],
  ): ChangelogRecord | undefined {
    const before = this.status(issue.statusId);
    items.unshift({
      field: 'status',
      fieldtype: 'jira',
      fieldId: 'status',
      from: before.id,
      fromString: before.name,
      to: target.id,
      toString: target.name,
    });
    const wasDone = before.category === 'done';
    const isDone = target.category === 'done';
    if (!wasDone && isDone) {
      items.push(resolutionItem(null, 'Done'));
      issue.resolutionDate = this.now();
    } else if (wasDone && !isDone) {
      items.push(resolutionItem('Done', null));
      issue.resolutionDate = null;
    }
    issue.statusId = target.id;
    issue.statusDate = this.now();

    return this.logChange(issue, items, actor, { silent });
  }

  /** Adds a comment; `public: false` makes it internal (agents only). */
  addComment(
    idOrKey: string,
    input: { body: string; public: boolean },
    actor: Actor,
  ): CommentRecord {
    const issue = this.issue(idOrKey);
    const author = this.user(actor.by);
    if (!input.public && !this.canWork(author)) {
      throw new SiteError(403, 'Customers cannot add internal comments.');
    }
    if (input.body.trim() === '') throw new SiteError(400, 'Comment body can not be empty!');
    const now = this.now();
    const comment: CommentRecord = {
      id: this.nextId('comment'),
      authorAccountId: author.accountId,
      text: input.body,
      public: input.public,
      created: now,
      updated: now,
    };
    issue.comments.push(comment);
    issue.updated = now;
    this.emit('avi:jira:commented:issue', actor, { issue, comment });

    return comment;
  }

  /** Links two issues: `outward <type.outward> inward` (for Relates, "outward relates to inward"). */
  linkIssues(
    input: { type: string; outward: string; inward: string },
    actor: Actor,
  ): IssueLinkRecord {
    const type =
      this.linkTypes.get(input.type) ??
      [...this.linkTypes.values()].find((t) => t.name.toLowerCase() === input.type.toLowerCase());
    if (type === undefined)
      throw new SiteError(404, `No issue link type with name '${input.type}' found.`);
    const source = this.issue(input.outward);
    const destination = this.issue(input.inward);
    const existing = [...this.links.values()].find(
      (l) =>
        l.typeId === type.id &&
        l.sourceIssueId === source.id &&
        l.destinationIssueId === destination.id,
    );
    if (existing !== undefined) return existing;
    const link: IssueLinkRecord = {
      id: this.nextId('issueLink'),
      typeId: type.id,
      sourceIssueId: source.id,
      destinationIssueId: destination.id,
    };
    this.links.set(link.id, link);
    const linkItem = (to: IssueRecord, verb: string): ChangeItemRecord => ({
      field: 'Link',
      fieldtype: 'jira',
      fieldId: 'issuelinks',
      from: null,
      fromString: null,
      to: to.key,
      toString: `This issue ${verb} ${to.key}`,
    });
    this.logChange(source, [linkItem(destination, type.outward)], actor, { silent: true });
    this.logChange(destination, [linkItem(source, type.inward)], actor, { silent: true });
    this.emit('avi:jira:created:issuelink', actor, { link });

    return link;
  }

  deleteLink(linkId: string, actor: Actor): void {
    const link = this.links.get(linkId);
    if (link === undefined) throw new SiteError(404, 'No issue link with id exists.');
    this.links.delete(linkId);
    this.emit('avi:jira:deleted:issuelink', actor, { link });
  }

  setIssueProperty(idOrKey: string, propertyKey: string, value: unknown): 'created' | 'updated' {
    const issue = this.issue(idOrKey);
    if (propertyKey.length > 255) {
      throw new SiteError(400, 'The property key can not be longer than 255 characters.');
    }
    const size = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
    if (size > 32768) {
      throw new SiteError(400, `The property value is ${size} bytes; the limit is 32768.`);
    }
    const existed = issue.properties.has(propertyKey);
    issue.properties.set(propertyKey, { value: structuredClone(value) });

    return existed ? 'updated' : 'created';
  }

  deleteIssueProperty(idOrKey: string, propertyKey: string): void {
    const issue = this.issue(idOrKey);
    if (!issue.properties.delete(propertyKey)) {
      throw new SiteError(404, `The property with key '${propertyKey}' does not exist.`);
    }
  }

  deleteIssue(idOrKey: string, actor: Actor): void {
    const issue = this.issue(idOrKey);
    const snapshot = { ...issue };
    this.issues.delete(issue.id);
    for (const link of this.linksOf(issue)) this.links.delete(link.id);
    this.emit('avi:jira:deleted:issue', actor, { issue: snapshot });
  }

  /** Releases a version, dated today unless told (as the release dialog does); emits `avi:jira:released:version`. */
  releaseVersion(versionId: string, input: { releaseDate?: string }, actor: Actor): VersionRecord {
    const version = this.versions.get(versionId);
    if (version === undefined)
      throw new SiteError(404, `Could not find version for id '${versionId}'`);
    if (version.released) return version;
    version.released = true;
    version.releaseDate = input.releaseDate ?? this.localDate(this.now());
    this.emit('avi:jira:released:version', actor, { version });

    return version;
  }

  /** `YYYY-MM-DD` of an instant in the site's zone. */
  localDate(ms: number): string {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: this.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(ms));
  }

  /** Status categories in workflow order, for sorting. */
  static categoryRank(category: StatusCategoryKey): number {
    return CATEGORY_ORDER.indexOf(category);
  }
}

function resolutionItem(from: string | null, to: string | null): ChangeItemRecord {
  return {
    field: 'resolution',
    fieldtype: 'jira',
    fieldId: 'resolution',
    from: from === null ? null : '10000',
    fromString: from,
    to: to === null ? null : '10000',
    toString: to,
  };
}

function asIdList(value: unknown, fieldId: string): string[] {
  if (!Array.isArray(value)) {
    throw new SiteError(400, `Field '${fieldId}' takes a list of organization ids.`);
  }

  return value.map((v) =>
    typeof v === 'object' && v !== null ? String((v as { id?: unknown }).id) : String(v),
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function displayValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    const v = value as { value?: unknown; name?: unknown };

    return String(v.value ?? v.name ?? JSON.stringify(value));
  }

  return String(value);
}

function currentTestName(): string | undefined {
  const jestExpect = (globalThis as { expect?: { getState?: () => { currentTestName?: string } } })
    .expect;

  return jestExpect?.getState?.().currentTestName;
}
