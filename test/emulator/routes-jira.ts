/** The Jira platform REST API v3 endpoints the emulator implements, keyed by operationId. */
import { compileJql, JqlError } from './jql';
import type { IssueRecord, UserRecord } from './model';
import {
  changelogBean,
  commentBean,
  issueBean,
  selectFields,
  statusBean,
  transitionBeans,
  url,
  userBean,
  versionBean,
  visibleComments,
} from './render';
import {
  decodePageToken,
  encodePageToken,
  HttpError,
  intParam,
  listParam,
  UnsupportedRequestError,
  type Route,
  type RouteContext,
} from './routing';
import { adfToText } from './adf';
import type { JsmSite } from './site';

type Json = Record<string, unknown>;

const NOT_FOUND_ISSUE = 'Issue does not exist or you do not have permission to see it.';

/** The issue a path names, if the caller may see it; 404 otherwise, as Jira answers. */
export function visibleIssue(ctx: RouteContext, idOrKey: string): IssueRecord {
  const issue = ctx.site.findIssue(idOrKey);
  if (issue === undefined || !ctx.site.canBrowse(ctx.user, issue)) {
    throw new HttpError(404, NOT_FOUND_ISSUE);
  }

  return issue;
}

function requireWorker(ctx: RouteContext, what: string): void {
  if (!ctx.site.canWork(ctx.user)) {
    throw new HttpError(403, `You do not have permission to ${what}.`);
  }
}

function actor(ctx: RouteContext): { by: string; viaApp: boolean } {
  return { by: ctx.user.accountId, viaApp: ctx.viaApp };
}

function issueOptions(
  ctx: RouteContext,
  source: { fields?: string[]; expand?: string[]; properties?: string[] },
  fallback: '*all' | '*navigable' | 'id',
  changelogLimit: number,
): Parameters<typeof issueBean>[3] {
  const expand = (source.expand ?? [])
    .flatMap((e) => e.split(','))
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const unsupported = expand.filter((e) => !SUPPORTED_EXPANDS.has(e));
  if (unsupported.length > 0) {
    throw new UnsupportedRequestError(
      'unsupported',
      `the emulator does not render expand=${unsupported.join(',')}; it supports ${[...SUPPORTED_EXPANDS].join(', ')}`,
    );
  }

  return {
    fields: selectFields(ctx.site, source.fields, fallback),
    expand,
    properties: source.properties ?? [],
    changelogLimit,
  };
}

/** The issue expansions the emulator renders; the others are refused rather than ignored. */
const SUPPORTED_EXPANDS = new Set(['changelog', 'names', 'schema', 'transitions']);

function historiesOf(issue: IssueRecord, fieldIds: string[]) {
  if (fieldIds.length === 0) return issue.changelog;

  return issue.changelog
    .map((entry) => ({
      ...entry,
      items: entry.items.filter((item) => fieldIds.includes(item.fieldId)),
    }))
    .filter((entry) => entry.items.length > 0);
}

function search(
  ctx: RouteContext,
  input: {
    jql?: string;
    maxResults?: number;
    nextPageToken?: string;
    fields?: string[];
    expand?: string;
    properties?: string[];
  },
): Json {
  const jql = input.jql ?? '';
  if (jql.trim() === '') {
    throw new UnsupportedRequestError(
      'jql',
      'An unbounded JQL query is not allowed by /rest/api/3/search/jql; give at least one restriction, e.g. project = SD',
    );
  }
  let compiled;
  try {
    compiled = compileJql(ctx.site, jql, ctx.user);
  } catch (error) {
    if (!(error instanceof JqlError)) throw error;
    if (error.kind === 'data') throw new HttpError(400, error.message);
    throw new UnsupportedRequestError('jql', `JQL '${jql}' rejected: ${error.message}`);
  }
  const options = issueOptions(
    ctx,
    {
      fields: input.fields,
      expand: input.expand === undefined ? [] : [input.expand],
      properties: input.properties,
    },
    'id',
    40,
  );
  const onlyIds = [...options.fields.ids].every((id) => id === 'id' || id === 'key');
  const limit = Math.min(Math.max(input.maxResults ?? 50, 1), onlyIds ? 5000 : 100);
  const matching = [...ctx.site.issues.values()]
    .filter((issue) => ctx.site.canBrowse(ctx.user, issue) && compiled.matches(issue))
    .sort((a, b) => compiled.compare(a, b));
  const offset = input.nextPageToken === undefined ? 0 : decodePageToken(input.nextPageToken, jql);
  const page = matching.slice(offset, offset + limit);
  const isLast = offset + limit >= matching.length;
  const result: Json = {
    issues: page.map((issue) => issueBean(ctx.site, issue, ctx.user, options)),
    isLast,
  };
  if (!isLast) result.nextPageToken = encodePageToken(offset + limit, jql);

  return result;
}

function visibilityOf(body: Json): boolean {
  const properties =
    (body.properties as { key?: string; value?: { internal?: boolean } }[] | undefined) ?? [];
  const internal = properties.find((p) => p.key === 'sd.public.comment')?.value?.internal === true;

  return !internal;
}

function permissionsFor(
  site: JsmSite,
  user: UserRecord,
  keys: string[],
  issue?: IssueRecord,
): Json {
  const worker = site.canWork(user);
  const browse = issue === undefined ? true : site.canBrowse(user, issue);
  const grants: Record<string, { type: 'GLOBAL' | 'PROJECT'; name: string; have: boolean }> = {
    ADMINISTER: { type: 'GLOBAL', name: 'Administer Jira', have: user.admin },
    BROWSE_PROJECTS: { type: 'PROJECT', name: 'Browse Projects', have: browse },
    EDIT_ISSUES: { type: 'PROJECT', name: 'Edit Issues', have: worker && browse },
    TRANSITION_ISSUES: { type: 'PROJECT', name: 'Transition Issues', have: worker && browse },
    ADD_COMMENTS: { type: 'PROJECT', name: 'Add Comments', have: browse },
    LINK_ISSUES: { type: 'PROJECT', name: 'Link Issues', have: worker && browse },
    ADMINISTER_PROJECTS: { type: 'PROJECT', name: 'Administer Projects', have: user.admin },
    SERVICEDESK_AGENT: { type: 'PROJECT', name: 'Service Desk Agent', have: worker },
  };
  const permissions: Json = {};
  for (const key of keys) {
    const grant = grants[key];
    if (grant === undefined) {
      throw new HttpError(
        400,
        `The permission '${key}' is unknown; the emulator knows ${Object.keys(grants).join(', ')}`,
      );
    }
    permissions[key] = {
      id: String(Object.keys(grants).indexOf(key) + 1),
      key,
      name: grant.name,
      type: grant.type,
      description: grant.name,
      havePermission: grant.have,
    };
  }

  return { permissions };
}

export const jiraRoutes: Record<string, Route> = {
  getIssue(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);

    return {
      status: 200,
      body: issueBean(
        ctx.site,
        issue,
        ctx.user,
        issueOptions(
          ctx,
          {
            fields: listParam(ctx.query, 'fields'),
            expand: listParam(ctx.query, 'expand'),
            properties: listParam(ctx.query, 'properties'),
          },
          '*all',
          100,
        ),
      ),
    };
  },

  editIssue(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
    requireWorker(ctx, 'edit this issue');
    const body = ctx.body as {
      fields?: Json;
      update?: Record<string, Json[]>;
      properties?: { key: string; value: unknown }[];
    };
    const changes: Json = { ...(body.fields ?? {}) };
    for (const [fieldId, operations] of Object.entries(body.update ?? {})) {
      if (fieldId in changes) {
        throw new HttpError(400, `Field '${fieldId}' cannot be both in fields and in update.`);
      }
      let current: unknown = fieldId === 'labels' ? [...issue.labels] : undefined;
      for (const operation of operations) {
        if ('set' in operation) current = operation.set;
        else if (fieldId === 'labels' && 'add' in operation)
          current = [...(current as string[]), operation.add];
        else if (fieldId === 'labels' && 'remove' in operation)
          current = (current as string[]).filter((l) => l !== operation.remove);
        else
          throw new UnsupportedRequestError(
            'unsupported',
            `update operation ${Object.keys(operation).join(', ')} on ${fieldId} is not implemented by the emulator; use fields or set`,
          );
      }
      changes[fieldId] = current;
    }
    ctx.site.editIssue(issue.id, changes, actor(ctx));
    for (const property of body.properties ?? [])
      ctx.site.setIssueProperty(issue.id, property.key, property.value);

    return { status: 204 };
  },

  deleteIssue(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
    requireWorker(ctx, 'delete this issue');
    ctx.site.deleteIssue(issue.id, actor(ctx));

    return { status: 204 };
  },

  getChangeLogs(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
    const startAt = Math.max(0, intParam(ctx.query, 'startAt', 0));
    const maxResults = Math.min(Math.max(intParam(ctx.query, 'maxResults', 100), 1), 100);
    const page = issue.changelog.slice(startAt, startAt + maxResults);
    const isLast = startAt + maxResults >= issue.changelog.length;
    const self = `/rest/api/3/issue/${issue.id}/changelog`;
    const body: Json = {
      self: url(ctx.site, `${self}?startAt=${startAt}&maxResults=${maxResults}`),
      maxResults,
      startAt,
      total: issue.changelog.length,
      isLast,
      values: page.map((entry) => changelogBean(ctx.site, entry)),
    };
    if (!isLast)
      body.nextPage = url(
        ctx.site,
        `${self}?startAt=${startAt + maxResults}&maxResults=${maxResults}`,
      );

    return { status: 200, body };
  },

  getBulkChangelogs(ctx) {
    const body = ctx.body as {
      issueIdsOrKeys: string[];
      fieldIds?: string[];
      maxResults?: number;
      nextPageToken?: string;
    };
    const fieldIds = body.fieldIds ?? [];
    const issues = body.issueIdsOrKeys.flatMap((idOrKey) => {
      const issue = ctx.site.findIssue(idOrKey);

      return issue !== undefined && ctx.site.canBrowse(ctx.user, issue) ? [issue] : [];
    });
    const flat = issues.flatMap((issue) =>
      historiesOf(issue, fieldIds).map((entry) => ({ issue, entry })),
    );
    const queryKey = JSON.stringify([body.issueIdsOrKeys, fieldIds]);
    const offset =
      body.nextPageToken === undefined ? 0 : decodePageToken(body.nextPageToken, queryKey);
    const limit = body.maxResults ?? 1000;
    const page = flat.slice(offset, offset + limit);
    const byIssue = new Map<string, Json[]>();
    for (const { issue, entry } of page) {
      const list = byIssue.get(issue.id) ?? [];
      list.push(changelogBean(ctx.site, entry));
      byIssue.set(issue.id, list);
    }
    const result: Json = {
      issueChangeLogs: [...byIssue].map(([issueId, changeHistories]) => ({
        issueId,
        changeHistories,
      })),
    };
    if (offset + limit < flat.length)
      result.nextPageToken = encodePageToken(offset + limit, queryKey);

    return { status: 200, body: result };
  },

  searchAndReconsileIssuesUsingJqlPost(ctx) {
    const body = ctx.body as Parameters<typeof search>[1];

    return { status: 200, body: search(ctx, body) };
  },

  searchAndReconsileIssuesUsingJql(ctx) {
    return {
      status: 200,
      body: search(ctx, {
        jql: ctx.query.get('jql') ?? undefined,
        maxResults: ctx.query.has('maxResults') ? intParam(ctx.query, 'maxResults', 50) : undefined,
        nextPageToken: ctx.query.get('nextPageToken') ?? undefined,
        fields: listParam(ctx.query, 'fields'),
        expand: ctx.query.get('expand') ?? undefined,
        properties: listParam(ctx.query, 'properties'),
      }),
    };
  },

  searchForIssuesUsingJql() {
    throw new HttpError(
      410,
      'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.',
    );
  },

  searchForIssuesUsingJqlPost() {
    throw new HttpError(
      410,
      'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.',
    );
  },

  bulkFetchIssues(ctx) {
    const body = ctx.body as {
      issueIdsOrKeys: string[];
      fields?: string[];
      expand?: string[];
      properties?: string[];
    };
    if (body.issueIdsOrKeys.length > 100) {
      throw new HttpError(400, 'A maximum of 100 issues can be fetched at once.');
    }
    const options = issueOptions(ctx, body, '*navigable', 40);
    const issues: Json[] = [];
    const issueErrors: Json[] = [];
    for (const idOrKey of body.issueIdsOrKeys) {
      const issue = ctx.site.findIssue(idOrKey);
      if (issue === undefined || !ctx.site.canBrowse(ctx.user, issue)) {
        issueErrors.push({ id: idOrKey, errorMessage: NOT_FOUND_ISSUE });
      } else {
        issues.push(issueBean(ctx.site, issue, ctx.user, options));
      }
    }

    return { status: 200, body: { issues, issueErrors } };
  },

  getIssuePropertyKeys(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);

    return {
      status: 200,
      body: {
        keys: [...issue.properties.keys()].map((key) => ({
          key,
          self: url(
            ctx.site,
            `/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`,
          ),
        })),
      },
    };
  },

  getIssueProperty(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
    const key = ctx.params.propertyKey as string;
    const record = issue.properties.get(key);
    if (record === undefined)
      throw new HttpError(404, `The property with key '${key}' does not exist.`);

    return { status: 200, body: { key, value: structuredClone(record.value) } };
  },

  setIssueProperty(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
    requireWorker(ctx, 'edit this issue');
    const outcome = ctx.site.setIssueProperty(issue.id, ctx.params.propertyKey as string, ctx.body);

    return { status: outcome === 'created' ? 201 : 200, body: {} };
  },

  deleteIssueProperty(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
    requireWorker(ctx, 'edit this issue');
    ctx.site.deleteIssueProperty(issue.id, ctx.params.propertyKey as string);

    return { status: 204 };
  },

  getTransitions(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
    const offered = ctx.site.canWork(ctx.user) ? ctx.site.availableTransitions(issue) : [];
    const only = ctx.query.get('transitionId');

    return {
      status: 200,
      body: {
        expand: 'transitions',
        transitions: transitionBeans(ctx.site, issue).filter(
          (t) => offered.some((o) => o.id === t.id) && (only === null || t.id === only),
        ),
      },
    };
  },

  doTransition(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
    requireWorker(ctx, 'transition this issue');
    const body = ctx.body as { transition?: { id?: string }; fields?: Json };
    const id = body.transition?.id;
    if (id === undefined) throw new HttpError(400, 'A transition id is required (transition.id).');
    if (!ctx.site.availableTransitions(issue).some((t) => t.id === id)) {
      throw new HttpError(400, `Transition id '${id}' is not valid for this issue.`);
    }
    ctx.site.transition(issue.id, id, actor(ctx), { fields: body.fields });

    return { status: 204 };
  },

  getComments(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
    const comments = visibleComments(ctx.site, issue, ctx.user);
    const startAt = Math.max(0, intParam(ctx.query, 'startAt', 0));
    const maxResults = Math.min(Math.max(intParam(ctx.query, 'maxResults', 100), 1), 100);
    const ordered = ctx.query.get('orderBy')?.startsWith('-') ? [...comments].reverse() : comments;

    return {
      status: 200,
      body: {
        startAt,
        maxResults,
        total: comments.length,
        comments: ordered
          .slice(startAt, startAt + maxResults)
          .map((c) => commentBean(ctx.site, issue, c)),
      },
    };
  },

  addComment(ctx) {
    const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
    const body = ctx.body as Json;
    const comment = ctx.site.addComment(
      issue.id,
      { body: adfToText(body.body), public: visibilityOf(body) },
      actor(ctx),
    );

    return { status: 201, body: commentBean(ctx.site, issue, comment) };
  },

  getFields(ctx) {
    return {
      status: 200,
      body: [...ctx.site.fields.values()].map((field) => ({
        id: field.id,
        key: field.key,
        name: field.name,
        custom: field.custom,
        orderable: field.id !== 'status' && field.id !== 'created' && field.id !== 'updated',
        navigable: true,
        searchable: true,
        clauseNames: field.custom ? [`cf[${field.schema.customId}]`, field.name] : [field.id],
        schema: { ...field.schema },
      })),
    };
  },

  getUser(ctx) {
    const accountId = ctx.query.get('accountId');
    if (accountId === null) {
      throw new HttpError(400, 'The accountId query parameter needs to be provided.');
    }
    const user = ctx.site.users.get(accountId);
    if (user === undefined)
      throw new HttpError(404, `The user with account ID '${accountId}' does not exist.`);

    return { status: 200, body: userBean(ctx.site, user) };
  },

  getCurrentUser(ctx) {
    return { status: 200, body: userBean(ctx.site, ctx.user) };
  },

  getMyPermissions(ctx) {
    const keys = listParam(ctx.query, 'permissions');
    if (keys.length === 0) {
      throw new HttpError(
        400,
        'The permissions query parameter is required, e.g. permissions=BROWSE_PROJECTS,EDIT_ISSUES.',
      );
    }
    const issueRef = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
    let issue: IssueRecord | undefined;
    if (issueRef !== null) {
      issue = ctx.site.findIssue(issueRef);
      if (issue === undefined) throw new HttpError(404, NOT_FOUND_ISSUE);
    }

    return { status: 200, body: permissionsFor(ctx.site, ctx.user, keys, issue) };
  },

  linkIssues(ctx) {
    const body = ctx.body as {
      type: { name?: string; id?: string };
      inwardIssue: { key?: string; id?: string };
      outwardIssue: { key?: string; id?: string };
      comment?: Json;
    };
    const inward = visibleIssue(ctx, body.inwardIssue.key ?? body.inwardIssue.id ?? '');
    const outward = visibleIssue(ctx, body.outwardIssue.key ?? body.outwardIssue.id ?? '');
    requireWorker(ctx, 'link issues');
    const type = body.type.id ?? body.type.name;
    if (type === undefined) throw new HttpError(400, 'The issue link type needs a name or an id.');
    ctx.site.linkIssues({ type, inward: inward.id, outward: outward.id }, actor(ctx));
    if (body.comment !== undefined) {
      ctx.site.addComment(
        outward.id,
        { body: adfToText(body.comment.body), public: visibilityOf(body.comment) },
        actor(ctx),
      );
    }

    return { status: 201 };
  },

  getIssueLink(ctx) {
    const link = ctx.site.links.get(ctx.params.linkId as string);
    if (link === undefined) throw new HttpError(404, 'No issue link with the given id exists.');
    const source = visibleIssue(ctx, link.sourceIssueId);
    const destination = visibleIssue(ctx, link.destinationIssueId);
    const type = ctx.site.linkTypes.get(link.typeId);
    const linked = (issue: IssueRecord): Json => ({
      id: issue.id,
      key: issue.key,
      self: url(ctx.site, `/rest/api/3/issue/${issue.id}`),
      fields: {
        summary: issue.summary,
        status: statusBean(ctx.site, ctx.site.status(issue.statusId)),
      },
    });

    return {
      status: 200,
      body: {
        id: link.id,
        self: url(ctx.site, `/rest/api/3/issueLink/${link.id}`),
        type: { ...type, self: url(ctx.site, `/rest/api/3/issueLinkType/${link.typeId}`) },
        inwardIssue: linked(destination),
        outwardIssue: linked(source),
      },
    };
  },

  deleteIssueLink(ctx) {
    const link = ctx.site.links.get(ctx.params.linkId as string);
    if (link === undefined) throw new HttpError(404, 'No issue link with the given id exists.');
    visibleIssue(ctx, link.sourceIssueId);
    requireWorker(ctx, 'delete issue links');
    ctx.site.deleteLink(link.id, actor(ctx));

    return { status: 204 };
  },

  getIssueLinkTypes(ctx) {
    return {
      status: 200,
      body: {
        issueLinkTypes: [...ctx.site.linkTypes.values()].map((t) => ({
          ...t,
          self: url(ctx.site, `/rest/api/3/issueLinkType/${t.id}`),
        })),
      },
    };
  },

  getProjectVersions(ctx) {
    const project = ctx.site.findProject(ctx.params.projectIdOrKey as string);
    if (project === undefined)
      throw new HttpError(
        404,
        `No project could be found with key '${ctx.params.projectIdOrKey}'.`,
      );

    return {
      status: 200,
      body: [...ctx.site.versions.values()]
        .filter((v) => v.projectId === project.id)
        .map((v) => versionBean(ctx.site, v)),
    };
  },

  getProjectVersionsPaginated(ctx) {
    const project = ctx.site.findProject(ctx.params.projectIdOrKey as string);
    if (project === undefined)
      throw new HttpError(
        404,
        `No project could be found with key '${ctx.params.projectIdOrKey}'.`,
      );
    const statuses = listParam(ctx.query, 'status');
    const text = ctx.query.get('query')?.toLowerCase();
    const all = [...ctx.site.versions.values()].filter(
      (v) =>
        v.projectId === project.id &&
        (statuses.length === 0 ||
          statuses.some((s) =>
            s === 'released'
              ? v.released
              : s === 'unreleased'
                ? !v.released
                : s === 'archived'
                  ? v.archived
                  : false,
          )) &&
        (text === undefined ||
          v.name.toLowerCase().includes(text) ||
          v.description.toLowerCase().includes(text)),
    );
    const startAt = Math.max(0, intParam(ctx.query, 'startAt', 0));
    const maxResults = Math.min(Math.max(intParam(ctx.query, 'maxResults', 50), 1), 50);
    const isLast = startAt + maxResults >= all.length;
    const self = `/rest/api/3/project/${project.key}/version`;
    const body: Json = {
      self: url(ctx.site, `${self}?startAt=${startAt}&maxResults=${maxResults}`),
      maxResults,
      startAt,
      total: all.length,
      isLast,
      values: all.slice(startAt, startAt + maxResults).map((v) => versionBean(ctx.site, v)),
    };
    if (!isLast)
      body.nextPage = url(
        ctx.site,
        `${self}?startAt=${startAt + maxResults}&maxResults=${maxResults}`,
      );

    return { status: 200, body };
  },

  getVersion(ctx) {
    const version = ctx.site.versions.get(ctx.params.id as string);
    if (version === undefined)
      throw new HttpError(404, `Could not find version for id '${ctx.params.id}'`);

    return { status: 200, body: versionBean(ctx.site, version) };
  },

  getRelatedWork(ctx) {
    const version = ctx.site.versions.get(ctx.params.id as string);
    if (version === undefined)
      throw new HttpError(404, `Could not find version for id '${ctx.params.id}'`);

    return {
      status: 200,
      body: version.relatedWork.map((w) => ({
        relatedWorkId: w.relatedWorkId,
        category: w.category,
        ...(w.title !== undefined ? { title: w.title } : {}),
        ...(w.url !== undefined ? { url: w.url } : {}),
      })),
    };
  },

  updateMultipleCustomFieldValues(ctx) {
    const body = ctx.body as {
      updates?: { customField: string; issueIds: number[]; value: unknown }[];
    };
    for (const update of body.updates ?? [])
      setAppFieldValue(ctx, update.customField, update.issueIds, update.value);

    return { status: 204 };
  },

  updateCustomFieldValue(ctx) {
    const body = ctx.body as { updates?: { issueIds: number[]; value: unknown }[] };
    for (const update of body.updates ?? []) {
      setAppFieldValue(ctx, ctx.params.fieldIdOrKey as string, update.issueIds, update.value);
    }

    return { status: 204 };
  },
};

/** Only the app that owns a Forge field may set it through these endpoints, and only as the app. */
function setAppFieldValue(
  ctx: RouteContext,
  fieldIdOrKey: string,
  issueIds: number[],
  value: unknown,
): void {
  const field =
    ctx.site.fields.get(fieldIdOrKey) ??
    [...ctx.site.fields.values()].find((f) => f.schema.custom?.endsWith(`/static/${fieldIdOrKey}`));
  if (field === undefined || field.kind !== 'forge') {
    throw new HttpError(404, `The custom field '${fieldIdOrKey}' is not a field of this app.`);
  }
  if (ctx.user.accountType !== 'app') {
    throw new HttpError(
      403,
      'Only the app that provides a custom field can set its value through this endpoint.',
    );
  }
  for (const issueId of issueIds) {
    const issue = ctx.site.findIssue(String(issueId));
    if (issue === undefined) throw new HttpError(404, NOT_FOUND_ISSUE);
    ctx.site.editIssue(issue.id, { [field.id]: value }, actor(ctx));
  }
}
