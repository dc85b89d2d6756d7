/** Renders the site's records into the JSON shapes of the Jira and JSM REST APIs. */
import { DateTime } from 'luxon';
import type {
  ChangelogRecord,
  CommentRecord,
  FieldRecord,
  IssueRecord,
  OrganizationRecord,
  RequestTypeRecord,
  ServiceDeskRecord,
  StatusCategoryKey,
  StatusRecord,
  UserRecord,
  VersionRecord,
} from './model';
import { textToAdf } from './adf';
import type { JsmSite } from './site';

type Json = Record<string, unknown>;

/** An instant as Jira writes it: `2026-12-03T09:10:00.000+0100`, in the site's zone. */
export function jiraDateTime(site: JsmSite, ms: number): string {
  return DateTime.fromMillis(ms, { zone: site.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZZ");
}

/** JSM's date object. */
export function dateDTO(site: JsmSite, ms: number): Json {
  const local = DateTime.fromMillis(ms, { zone: site.timeZone });

  return {
    iso8601: local.toFormat("yyyy-MM-dd'T'HH:mm:ssZZZ"),
    jira: local.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZZ"),
    friendly: local.toFormat('dd/LLL/yy h:mm a'),
    epochMillis: ms,
  };
}

export function url(site: JsmSite, path: string): string {
  return `${site.baseUrl}${path}`;
}

function avatarUrls(accountId: string): Json {
  const base = `https://avatar-management.example.atlassian.net/avatars/${encodeURIComponent(accountId)}`;

  return {
    '48x48': `${base}/48`,
    '24x24': `${base}/24`,
    '16x16': `${base}/16`,
    '32x32': `${base}/32`,
  };
}

/** `UserDetails`: a user as issue fields and changelogs show it. */
export function userDetails(site: JsmSite, user: UserRecord): Json {
  return {
    self: url(site, `/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`),
    accountId: user.accountId,
    ...(user.emailAddress !== undefined ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    accountType: user.accountType,
  };
}

/** `User`: the answer of `GET /rest/api/3/user` and `/myself`. */
export function userBean(site: JsmSite, user: UserRecord): Json {
  return {
    ...userDetails(site, user),
    locale: 'it_IT',
    groups: { size: 0, items: [] },
    applicationRoles: { size: 0, items: [] },
    expand: 'groups,applicationRoles',
  };
}

/** JSM's `UserDTO`. */
export function userDTO(site: JsmSite, user: UserRecord): Json {
  return {
    accountId: user.accountId,
    ...(user.emailAddress !== undefined ? { emailAddress: user.emailAddress } : {}),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    _links: {
      jiraRest: url(site, `/rest/api/2/user?accountId=${encodeURIComponent(user.accountId)}`),
      avatarUrls: avatarUrls(user.accountId),
      self: url(site, `/rest/api/2/user?accountId=${encodeURIComponent(user.accountId)}`),
    },
  };
}

const CATEGORIES: Record<StatusCategoryKey, { id: number; colorName: string; name: string }> = {
  new: { id: 2, colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, colorName: 'green', name: 'Done' },
};

export function statusCategoryBean(site: JsmSite, key: StatusCategoryKey): Json {
  const category = CATEGORIES[key];

  return {
    self: url(site, `/rest/api/3/statuscategory/${category.id}`),
    id: category.id,
    key,
    colorName: category.colorName,
    name: category.name,
  };
}

/** Finds a status category by id, key or name (as JQL accepts them). */
export function findStatusCategory(value: string): StatusCategoryKey | undefined {
  const lower = value.toLowerCase();

  return (Object.keys(CATEGORIES) as StatusCategoryKey[]).find(
    (key) =>
      key === lower ||
      String(CATEGORIES[key].id) === lower ||
      CATEGORIES[key].name.toLowerCase() === lower,
  );
}

export function statusBean(site: JsmSite, status: StatusRecord): Json {
  return {
    self: url(site, `/rest/api/3/status/${status.id}`),
    description: '',
    iconUrl: url(site, '/images/icons/statuses/generic.png'),
    name: status.name,
    id: status.id,
    statusCategory: statusCategoryBean(site, status.category),
  };
}

function issueTypeBean(site: JsmSite, issueTypeId: string): Json {
  const type = site.issueTypes.get(issueTypeId) ?? {
    id: issueTypeId,
    name: 'Issue',
    description: '',
  };

  return {
    self: url(site, `/rest/api/3/issuetype/${type.id}`),
    id: type.id,
    description: type.description,
    iconUrl: url(site, `/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.id}`),
    name: type.name,
    subtask: false,
    hierarchyLevel: 0,
  };
}

function projectBean(site: JsmSite, projectId: string): Json {
  const project = site.project(projectId);

  return {
    self: url(site, `/rest/api/3/project/${project.id}`),
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.typeKey,
    simplified: false,
    avatarUrls: avatarUrls(`project-${project.id}`),
  };
}

export function versionBean(site: JsmSite, version: VersionRecord): Json {
  const bean: Json = {
    self: url(site, `/rest/api/3/version/${version.id}`),
    id: version.id,
    description: version.description,
    name: version.name,
    archived: version.archived,
    released: version.released,
    projectId: Number(version.projectId),
  };
  if (version.startDate !== undefined) bean.startDate = version.startDate;
  if (version.releaseDate !== undefined) {
    bean.releaseDate = version.releaseDate;
    bean.userReleaseDate = DateTime.fromISO(version.releaseDate).toFormat('dd/LLL/yy');
    if (!version.released) bean.overdue = version.releaseDate < site.localDate(site.now());
  }

  return bean;
}

function priorityBean(site: JsmSite): Json {
  return {
    self: url(site, '/rest/api/3/priority/3'),
    iconUrl: url(site, '/images/icons/priorities/medium.svg'),
    name: 'Medium',
    id: '3',
  };
}

function linkedIssueBean(site: JsmSite, issue: IssueRecord): Json {
  return {
    id: issue.id,
    key: issue.key,
    self: url(site, `/rest/api/3/issue/${issue.id}`),
    fields: {
      summary: issue.summary,
      status: statusBean(site, site.status(issue.statusId)),
      priority: priorityBean(site),
      issuetype: issueTypeBean(site, issue.issueTypeId),
    },
  };
}

/** The `issuelinks` field, with only the linked issues the viewer may open. */
export function issueLinks(site: JsmSite, issue: IssueRecord, viewer: UserRecord): Json[] {
  const rendered: Json[] = [];
  for (const link of site.linksOf(issue)) {
    const type = site.linkTypes.get(link.typeId);
    if (type === undefined) continue;
    const outward = link.sourceIssueId === issue.id;
    const other = site.issues.get(outward ? link.destinationIssueId : link.sourceIssueId);
    if (other === undefined || !site.canBrowse(viewer, other)) continue;
    rendered.push({
      id: link.id,
      self: url(site, `/rest/api/3/issueLink/${link.id}`),
      type: {
        id: type.id,
        name: type.name,
        inward: type.inward,
        outward: type.outward,
        self: url(site, `/rest/api/3/issueLinkType/${type.id}`),
      },
      [outward ? 'outwardIssue' : 'inwardIssue']: linkedIssueBean(site, other),
    });
  }

  return rendered;
}

/** A platform `Comment`; internal ones carry JSM's `sd.public.comment` property. */
export function commentBean(site: JsmSite, issue: IssueRecord, comment: CommentRecord): Json {
  const author = userDetails(site, site.user(comment.authorAccountId));

  return {
    self: url(site, `/rest/api/3/issue/${issue.id}/comment/${comment.id}`),
    id: comment.id,
    author,
    body: textToAdf(comment.text),
    updateAuthor: author,
    created: jiraDateTime(site, comment.created),
    updated: jiraDateTime(site, comment.updated),
    jsdPublic: comment.public,
    jsdAuthorCanSeeRequest: true,
    ...(comment.public
      ? {}
      : { properties: [{ key: 'sd.public.comment', value: { internal: true } }] }),
  };
}

/** The comments a viewer may read: customers never see internal ones. */
export function visibleComments(
  site: JsmSite,
  issue: IssueRecord,
  viewer: UserRecord,
): CommentRecord[] {
  return site.canWork(viewer) ? issue.comments : issue.comments.filter((c) => c.public);
}

/** JSM's status object of a request. */
export function requestStatusDTO(site: JsmSite, status: StatusRecord, at: number): Json {
  return {
    status: status.name,
    statusCategory: status.category.toUpperCase(),
    statusDate: dateDTO(site, at),
  };
}

export function requestTypeDTO(site: JsmSite, requestType: RequestTypeRecord): Json {
  const iconBase = url(
    site,
    `/rest/api/2/universal_avatar/view/type/SD_REQTYPE/avatar/${requestType.id}`,
  );

  return {
    _expands: [],
    id: requestType.id,
    _links: {
      self: url(
        site,
        `/rest/servicedeskapi/servicedesk/${requestType.serviceDeskId}/requesttype/${requestType.id}`,
      ),
    },
    name: requestType.name,
    description: requestType.description,
    helpText: requestType.helpText,
    issueTypeId: requestType.issueTypeId,
    serviceDeskId: requestType.serviceDeskId,
    portalId: requestType.serviceDeskId,
    groupIds: [...requestType.groupIds],
    icon: {
      id: requestType.id,
      _links: {
        iconUrls: {
          '48x48': `${iconBase}?size=large`,
          '24x24': `${iconBase}?size=small`,
          '16x16': `${iconBase}?size=xsmall`,
          '32x32': `${iconBase}?size=medium`,
        },
      },
    },
    restrictionStatus: 'OPEN',
  };
}

export function serviceDeskDTO(site: JsmSite, desk: ServiceDeskRecord): Json {
  const project = site.project(desk.projectId);

  return {
    id: desk.id,
    projectId: project.id,
    projectName: project.name,
    projectKey: project.key,
    projectTypeKey: 'service_desk',
    _links: { self: url(site, `/rest/servicedeskapi/servicedesk/${desk.id}`) },
  };
}

export function organizationDTO(site: JsmSite, organization: OrganizationRecord): Json {
  return {
    id: organization.id,
    name: organization.name,
    scimManaged: false,
    created: dateDTO(site, organization.created),
    _links: { self: url(site, `/rest/servicedeskapi/organization/${organization.id}`) },
  };
}

export function jsmCommentDTO(site: JsmSite, issue: IssueRecord, comment: CommentRecord): Json {
  return {
    _expands: ['attachment', 'renderedBody'],
    id: comment.id,
    body: comment.text,
    public: comment.public,
    author: userDTO(site, site.user(comment.authorAccountId)),
    created: dateDTO(site, comment.created),
    _links: {
      self: url(site, `/rest/servicedeskapi/request/${issue.id}/comment/${comment.id}`),
    },
  };
}

/** The value of JSM's Request Type field, as the platform API returns it. */
function requestTypeFieldValue(site: JsmSite, issue: IssueRecord): Json | null {
  if (issue.requestTypeId === null) return null;
  const requestType = site.requestType(issue.requestTypeId);

  return {
    _links: {
      jiraRest: url(site, `/rest/api/2/issue/${issue.id}`),
      web: url(site, `/servicedesk/customer/portal/${requestType.serviceDeskId}/${issue.key}`),
      agent: url(site, `/browse/${issue.key}`),
      self: url(site, `/rest/servicedeskapi/request/${issue.id}`),
    },
    requestType: requestTypeDTO(site, requestType),
    currentStatus: requestStatusDTO(site, site.status(issue.statusId), issue.statusDate),
  };
}

function customFieldValue(site: JsmSite, issue: IssueRecord, field: FieldRecord): unknown {
  switch (field.kind) {
    case 'organizations':
      return issue.organizationIds.map((id) => {
        const organization = site.organization(id);

        return {
          id: organization.id,
          name: organization.name,
          _links: { self: url(site, `/rest/servicedeskapi/organization/${organization.id}`) },
        };
      });
    case 'requestType':
      return requestTypeFieldValue(site, issue);
    default:
      return issue.customFields.get(field.id) ?? null;
  }
}

/** Every field of an issue as the viewer may see it, keyed by field id. */
export function allFieldValues(
  site: JsmSite,
  issue: IssueRecord,
  viewer: UserRecord,
): Map<string, unknown> {
  const user = (accountId: string | null): Json | null =>
    accountId === null ? null : userDetails(site, site.user(accountId));
  const status = site.status(issue.statusId);
  const comments = visibleComments(site, issue, viewer);
  const values = new Map<string, unknown>([
    ['summary', issue.summary],
    ['description', issue.description === null ? null : textToAdf(issue.description)],
    ['issuetype', issueTypeBean(site, issue.issueTypeId)],
    ['project', projectBean(site, issue.projectId)],
    ['status', statusBean(site, status)],
    ['reporter', user(issue.reporterAccountId)],
    ['creator', user(issue.creatorAccountId)],
    ['assignee', user(issue.assigneeAccountId)],
    ['created', jiraDateTime(site, issue.created)],
    ['updated', jiraDateTime(site, issue.updated)],
    [
      'resolution',
      issue.resolutionDate === null
        ? null
        : {
            self: url(site, '/rest/api/3/resolution/10000'),
            id: '10000',
            description: 'Work has been completed on this issue.',
            name: 'Done',
          },
    ],
    [
      'resolutiondate',
      issue.resolutionDate === null ? null : jiraDateTime(site, issue.resolutionDate),
    ],
    ['statuscategorychangedate', jiraDateTime(site, issue.statusDate)],
    ['labels', [...issue.labels]],
    [
      'fixVersions',
      issue.fixVersionIds.flatMap((id) => {
        const version = site.versions.get(id);

        return version === undefined ? [] : [versionBean(site, version)];
      }),
    ],
    ['issuelinks', issueLinks(site, issue, viewer)],
    [
      'comment',
      {
        comments: comments.map((c) => commentBean(site, issue, c)),
        self: url(site, `/rest/api/3/issue/${issue.id}/comment`),
        maxResults: comments.length,
        total: comments.length,
        startAt: 0,
      },
    ],
    ['priority', priorityBean(site)],
  ]);
  for (const field of site.fields.values()) {
    if (field.custom) values.set(field.id, customFieldValue(site, issue, field));
  }

  return values;
}

/**
 * Which fields a `fields` parameter selects: `*all`, `*navigable`, ids or names, `-field` to
 * exclude. `fallback` applies when the parameter is absent.
 */
export function selectFields(
  site: JsmSite,
  requested: string[] | undefined,
  fallback: '*all' | '*navigable' | 'id',
): { ids: Set<string>; all: boolean } {
  const tokens = (requested === undefined || requested.length === 0 ? [fallback] : requested)
    .flatMap((r) => r.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const ids = new Set<string>();
  let all = false;
  const resolve = (token: string): string | undefined => {
    if (site.fields.has(token)) return token;
    const lower = token.toLowerCase();

    return [...site.fields.values()].find((f) => f.name.toLowerCase() === lower)?.id;
  };
  for (const token of tokens) {
    if (token === '*all' || token === '*navigable') {
      all = true;
      for (const id of site.fields.keys()) {
        if (token === '*all' || id !== 'comment') ids.add(id);
      }
    }
  }
  for (const token of tokens) {
    if (token.startsWith('-')) {
      const id = resolve(token.slice(1));
      if (id !== undefined) ids.delete(id);
    } else if (!token.startsWith('*') && token !== 'id' && token !== 'key') {
      const id = resolve(token);
      if (id !== undefined) ids.add(id);
    }
  }

  return { ids, all };
}

export function changeDetails(item: ChangelogRecord['items'][number]): Json {
  const details: Json = { field: item.field, fieldtype: item.fieldtype, fieldId: item.fieldId };
  for (const key of ['from', 'fromString', 'to', 'toString'] as const) {
    if (item[key] !== null) details[key] = item[key];
  }

  return details;
}

/** A platform `Changelog`. `from`, `to` and their strings are left out when Jira sends null. */
export function changelogBean(site: JsmSite, entry: ChangelogRecord): Json {
  return {
    id: entry.id,
    author: userDetails(site, site.user(entry.authorAccountId)),
    created: jiraDateTime(site, entry.created),
    items: entry.items.map(changeDetails),
  };
}

export interface IssueBeanOptions {
  fields: { ids: Set<string> };
  expand: string[];
  properties: string[];
  /** How many of the most recent changelog entries `expand=changelog` includes. */
  changelogLimit: number;
}

/** An `IssueBean`. */
export function issueBean(
  site: JsmSite,
  issue: IssueRecord,
  viewer: UserRecord,
  options: IssueBeanOptions,
): Json {
  const values = allFieldValues(site, issue, viewer);
  const fields: Json = {};
  for (const id of options.fields.ids) {
    if (values.has(id)) fields[id] = values.get(id);
  }
  const bean: Json = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: url(site, `/rest/api/3/issue/${issue.id}`),
    key: issue.key,
    fields,
  };
  if (options.expand.includes('names')) {
    bean.names = Object.fromEntries(
      Object.keys(fields).map((id) => [id, site.fields.get(id)?.name ?? id]),
    );
  }
  if (options.expand.includes('schema')) {
    bean.schema = Object.fromEntries(
      Object.keys(fields).flatMap((id) => {
        const field = site.fields.get(id);

        return field === undefined ? [] : [[id, { ...field.schema }]];
      }),
    );
  }
  if (options.expand.includes('transitions')) {
    bean.transitions = site.canWork(viewer) ? transitionBeans(site, issue) : [];
  }
  if (options.expand.includes('changelog')) {
    const recent = issue.changelog.slice(-options.changelogLimit).reverse();
    bean.changelog = {
      startAt: 0,
      maxResults: recent.length,
      total: issue.changelog.length,
      histories: recent.map((entry) => changelogBean(site, entry)),
    };
  }
  const wanted = options.properties.flatMap((p) => p.split(',')).map((p) => p.trim());
  if (wanted.length > 0) {
    const properties: Json = {};
    for (const [key, record] of issue.properties) {
      if (wanted.includes('*all') || wanted.includes(key))
        properties[key] = structuredClone(record.value);
    }
    bean.properties = properties;
  }

  return bean;
}

/** The transitions offered from an issue's current status, as `IssueTransition`s. */
export function transitionBeans(site: JsmSite, issue: IssueRecord): Json[] {
  return site.availableTransitions(issue).map((t) => ({
    id: t.id,
    name: t.name,
    to: statusBean(site, site.status(t.to)),
    hasScreen: false,
    isGlobal: t.from === undefined,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: t.to === issue.statusId,
  }));
}

/** JSM's `CustomerRequestDTO`. */
export function customerRequestDTO(
  site: JsmSite,
  issue: IssueRecord,
  viewer: UserRecord,
  expand: string[],
): Json {
  if (issue.requestTypeId === null) throw new Error(`${issue.key} is not a customer request`);
  const requestType = site.requestType(issue.requestTypeId);
  const desk = site.serviceDesk(requestType.serviceDeskId);
  const fieldValues: Json[] = [{ fieldId: 'summary', label: 'Summary', value: issue.summary }];
  if (issue.description !== null) {
    fieldValues.push({ fieldId: 'description', label: 'Description', value: issue.description });
  }
  for (const [fieldId, value] of issue.customFields) {
    const field = site.fields.get(fieldId);
    if (field !== undefined) fieldValues.push({ fieldId, label: field.name, value });
  }
  const dto: Json = {
    _expands: [
      'participant',
      'status',
      'sla',
      'requestType',
      'serviceDesk',
      'attachment',
      'action',
      'comment',
    ],
    issueId: issue.id,
    issueKey: issue.key,
    summary: issue.summary,
    requestTypeId: requestType.id,
    serviceDeskId: desk.id,
    createdDate: dateDTO(site, issue.created),
    reporter: userDTO(site, site.user(issue.reporterAccountId)),
    requestFieldValues: fieldValues,
    currentStatus: requestStatusDTO(site, site.status(issue.statusId), issue.statusDate),
    _links: {
      jiraRest: url(site, `/rest/api/2/issue/${issue.id}`),
      web: url(site, `/servicedesk/customer/portal/${desk.id}/${issue.key}`),
      agent: url(site, `/browse/${issue.key}`),
      self: url(site, `/rest/servicedeskapi/request/${issue.id}`),
    },
  };
  if (expand.includes('requestType')) dto.requestType = requestTypeDTO(site, requestType);
  if (expand.includes('serviceDesk')) dto.serviceDesk = serviceDeskDTO(site, desk);
  if (expand.includes('status')) {
    const history = statusHistory(site, issue);
    dto.status = pagedDTO(
      site,
      `/rest/servicedeskapi/request/${issue.id}/status`,
      history,
      0,
      history.length,
    );
  }
  if (expand.includes('comment')) {
    const comments = visibleComments(site, issue, viewer).map((c) => jsmCommentDTO(site, issue, c));
    dto.comments = pagedDTO(
      site,
      `/rest/servicedeskapi/request/${issue.id}/comment`,
      comments,
      0,
      comments.length,
    );
  }
  if (expand.includes('action')) {
    dto.actions = {
      addAttachment: { allowed: true },
      addComment: { allowed: true },
      addParticipant: { allowed: site.canWork(viewer) },
      removeParticipant: { allowed: site.canWork(viewer) },
    };
  }

  return dto;
}

/** The statuses a request went through, most recent first, as JSM lists them. */
export function statusHistory(site: JsmSite, issue: IssueRecord): Json[] {
  const workflow = site.workflowOf(issue);
  const history: Json[] = [];
  let statusId = workflow.initialStatusId;
  const firstStatusChange = issue.changelog
    .flatMap((e) => e.items)
    .find((item) => item.fieldId === 'status');
  if (firstStatusChange?.from) statusId = firstStatusChange.from;
  history.push(requestStatusDTO(site, site.status(statusId), issue.created));
  for (const entry of issue.changelog) {
    for (const item of entry.items) {
      if (item.fieldId === 'status' && item.to !== null) {
        history.push(requestStatusDTO(site, site.status(item.to), entry.created));
      }
    }
  }

  return history.reverse();
}

/** JSM's paged envelope around an already sliced page. */
export function pagedDTO(
  site: JsmSite,
  path: string,
  page: unknown[],
  start: number,
  limit: number,
  isLastPage = true,
): Json {
  const links: Json = { base: site.baseUrl, context: '', self: url(site, path) };
  if (!isLastPage) links.next = url(site, `${path}?start=${start + limit}&limit=${limit}`);
  if (start > 0)
    links.prev = url(site, `${path}?start=${Math.max(0, start - limit)}&limit=${limit}`);

  return {
    _expands: [],
    size: page.length,
    start,
    limit,
    isLastPage,
    values: page,
    _links: links,
  };
}
