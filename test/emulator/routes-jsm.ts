/**
 * The JSM REST API (`/rest/servicedeskapi`) endpoints the emulator implements, keyed by
 * `METHOD /template` (JSM reuses operationIds across paths).
 */
import type { IssueRecord, ServiceDeskRecord } from './model';
import {
  customerRequestDTO,
  jsmCommentDTO,
  organizationDTO,
  pagedDTO,
  requestTypeDTO,
  serviceDeskDTO,
  statusHistory,
  userDTO,
  visibleComments,
} from './render';
import { HttpError, intParam, listParam, type Route, type RouteContext } from './routing';

type Json = Record<string, unknown>;

const NOT_FOUND_REQUEST =
  'The request could not be found or you do not have permission to view it.';

function page<T>(
  ctx: RouteContext,
  path: string,
  items: T[],
  render: (item: T) => unknown,
  defaultLimit = 50,
) {
  const start = Math.max(0, intParam(ctx.query, 'start', 0));
  const limit = Math.min(Math.max(intParam(ctx.query, 'limit', defaultLimit), 1), 100);
  const slice = items.slice(start, start + limit).map(render);

  return {
    status: 200,
    body: pagedDTO(ctx.site, path, slice, start, limit, start + limit >= items.length),
  };
}

function desk(ctx: RouteContext): ServiceDeskRecord {
  const found = ctx.site.findServiceDesk(ctx.params.serviceDeskId as string);
  if (found === undefined) {
    throw new HttpError(
      404,
      `The service desk ${ctx.params.serviceDeskId} does not exist or you do not have access to it.`,
    );
  }

  return found;
}

function request(ctx: RouteContext): IssueRecord {
  const issue = ctx.site.findIssue(ctx.params.issueIdOrKey as string);
  if (issue === undefined || issue.requestTypeId === null || !ctx.site.canBrowse(ctx.user, issue)) {
    throw new HttpError(404, NOT_FOUND_REQUEST);
  }

  return issue;
}

function requireAgent(ctx: RouteContext, what: string): void {
  if (!ctx.site.canWork(ctx.user))
    throw new HttpError(403, `You do not have permission to ${what}.`);
}

function actor(ctx: RouteContext): { by: string; viaApp: boolean } {
  return { by: ctx.user.accountId, viaApp: ctx.viaApp };
}

export const jsmRoutes: Record<string, Route> = {
  'GET /rest/servicedeskapi/servicedesk'(ctx) {
    return page(ctx, '/rest/servicedeskapi/servicedesk', [...ctx.site.serviceDesks.values()], (d) =>
      serviceDeskDTO(ctx.site, d),
    );
  },

  'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}'(ctx) {
    return { status: 200, body: serviceDeskDTO(ctx.site, desk(ctx)) };
  },

  'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype'(ctx) {
    const serviceDesk = desk(ctx);
    const groupId = ctx.query.get('groupId');
    const search = ctx.query.get('searchQuery')?.toLowerCase();
    const types = [...ctx.site.requestTypes.values()].filter(
      (t) =>
        t.serviceDeskId === serviceDesk.id &&
        (groupId === null || t.groupIds.includes(groupId)) &&
        (search === undefined || t.name.toLowerCase().includes(search)),
    );

    return page(ctx, `/rest/servicedeskapi/servicedesk/${serviceDesk.id}/requesttype`, types, (t) =>
      requestTypeDTO(ctx.site, t),
    );
  },

  'POST /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype'(ctx) {
    const serviceDesk = desk(ctx);
    requireAgent(ctx, 'create request types');
    const body = ctx.body as {
      name?: string;
      helpText?: string;
      issueTypeId?: string;
      description?: string;
    };
    if (body.name === undefined || body.name.trim() === '')
      throw new HttpError(400, 'The request type name is required.');
    if (body.issueTypeId === undefined || !ctx.site.issueTypes.has(body.issueTypeId)) {
      throw new HttpError(400, `The issue type '${body.issueTypeId ?? ''}' does not exist.`);
    }
    const clash = [...ctx.site.requestTypes.values()].find(
      (t) => t.serviceDeskId === serviceDesk.id && t.name === body.name,
    );
    if (clash !== undefined)
      throw new HttpError(
        400,
        `A request type named '${body.name}' already exists in this service project.`,
      );
    const created = ctx.site.addRequestType({
      serviceDeskId: serviceDesk.id,
      name: body.name,
      description: body.description,
      helpText: body.helpText,
      issueTypeId: body.issueTypeId,
    });

    return { status: 200, body: requestTypeDTO(ctx.site, created) };
  },

  'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}'(ctx) {
    const serviceDesk = desk(ctx);
    const type = ctx.site.requestTypes.get(ctx.params.requestTypeId as string);
    if (type === undefined || type.serviceDeskId !== serviceDesk.id) {
      throw new HttpError(404, `The request type ${ctx.params.requestTypeId} does not exist.`);
    }

    return { status: 200, body: requestTypeDTO(ctx.site, type) };
  },

  'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttypegroup'(ctx) {
    const serviceDesk = desk(ctx);
    const groups = [...ctx.site.requestTypeGroups.values()].filter(
      (g) => g.serviceDeskId === serviceDesk.id,
    );

    return page(
      ctx,
      `/rest/servicedeskapi/servicedesk/${serviceDesk.id}/requesttypegroup`,
      groups,
      (g) => ({ id: g.id, name: g.name }),
    );
  },

  'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/organization'(ctx) {
    const serviceDesk = desk(ctx);
    requireAgent(ctx, 'list the organizations of this service project');
    const organizations = [...serviceDesk.organizationIds].map((id) => ctx.site.organization(id));

    return page(
      ctx,
      `/rest/servicedeskapi/servicedesk/${serviceDesk.id}/organization`,
      organizations,
      (o) => organizationDTO(ctx.site, o),
    );
  },

  'GET /rest/servicedeskapi/organization'(ctx) {
    const accountId = ctx.query.get('accountId');
    let organizations = [...ctx.site.organizations.values()];
    if (accountId !== null) organizations = organizations.filter((o) => o.members.has(accountId));
    if (!ctx.site.canWork(ctx.user))
      organizations = organizations.filter((o) => o.members.has(ctx.user.accountId));

    return page(ctx, '/rest/servicedeskapi/organization', organizations, (o) =>
      organizationDTO(ctx.site, o),
    );
  },

  'GET /rest/servicedeskapi/organization/{organizationId}'(ctx) {
    const organization = ctx.site.organizations.get(ctx.params.organizationId as string);
    if (
      organization === undefined ||
      (!ctx.site.canWork(ctx.user) && !organization.members.has(ctx.user.accountId))
    ) {
      throw new HttpError(404, `The organization ${ctx.params.organizationId} does not exist.`);
    }

    return { status: 200, body: organizationDTO(ctx.site, organization) };
  },

  'GET /rest/servicedeskapi/organization/{organizationId}/user'(ctx) {
    requireAgent(ctx, 'list the users of an organization');
    const organization = ctx.site.organizations.get(ctx.params.organizationId as string);
    if (organization === undefined)
      throw new HttpError(404, `The organization ${ctx.params.organizationId} does not exist.`);
    const members = [...organization.members].map((id) => ctx.site.user(id));

    return page(ctx, `/rest/servicedeskapi/organization/${organization.id}/user`, members, (u) =>
      userDTO(ctx.site, u),
    );
  },

  'GET /rest/servicedeskapi/request'(ctx) {
    const ownership = listParam(ctx.query, 'requestOwnership');
    const filters =
      ownership.length > 0
        ? ownership
        : ['OWNED_REQUESTS', 'PARTICIPATED_REQUESTS', 'ALL_ORGANIZATIONS'];
    const mine = new Set(ctx.site.organizationsOf(ctx.user.accountId).map((o) => o.id));
    const organizationId = ctx.query.get('organizationId');
    const serviceDeskId = ctx.query.get('serviceDeskId');
    const requestTypeId = ctx.query.get('requestTypeId');
    const status = ctx.query.get('requestStatus') ?? 'ALL_REQUESTS';
    const requests = [...ctx.site.issues.values()]
      .filter((issue) => issue.requestTypeId !== null && ctx.site.canBrowse(ctx.user, issue))
      .filter((issue) =>
        filters.some((f) =>
          f === 'ALL_REQUESTS'
            ? true
            : f === 'OWNED_REQUESTS'
              ? issue.reporterAccountId === ctx.user.accountId
              : f === 'ALL_ORGANIZATIONS'
                ? issue.organizationIds.some((id) => mine.has(id))
                : f === 'ORGANIZATION'
                  ? organizationId !== null && issue.organizationIds.includes(organizationId)
                  : false,
        ),
      )
      .filter(
        (issue) =>
          serviceDeskId === null ||
          ctx.site.requestType(issue.requestTypeId as string).serviceDeskId === serviceDeskId,
      )
      .filter((issue) => requestTypeId === null || issue.requestTypeId === requestTypeId)
      .filter((issue) => {
        const done = ctx.site.status(issue.statusId).category === 'done';

        return status === 'CLOSED_REQUESTS' ? done : status === 'OPEN_REQUESTS' ? !done : true;
      })
      .sort((a, b) => b.created - a.created);
    const expand = listParam(ctx.query, 'expand');

    return page(ctx, '/rest/servicedeskapi/request', requests, (issue) =>
      customerRequestDTO(ctx.site, issue, ctx.user, expand),
    );
  },

  'POST /rest/servicedeskapi/request'(ctx) {
    const body = ctx.body as {
      serviceDeskId?: string;
      requestTypeId?: string;
      requestFieldValues?: Json;
      raiseOnBehalfOf?: string;
    };
    const serviceDesk = ctx.site.findServiceDesk(body.serviceDeskId ?? '');
    if (serviceDesk === undefined)
      throw new HttpError(400, `The service desk '${body.serviceDeskId ?? ''}' does not exist.`);
    const type = ctx.site.requestTypes.get(body.requestTypeId ?? '');
    if (type === undefined || type.serviceDeskId !== serviceDesk.id) {
      throw new HttpError(
        400,
        `The request type '${body.requestTypeId ?? ''}' does not exist in service desk ${serviceDesk.id}.`,
      );
    }
    let reporter = ctx.user.accountId;
    if (body.raiseOnBehalfOf !== undefined) {
      requireAgent(ctx, 'raise a request on behalf of a customer');
      if (!ctx.site.users.has(body.raiseOnBehalfOf))
        throw new HttpError(400, `The user '${body.raiseOnBehalfOf}' does not exist.`);
      reporter = body.raiseOnBehalfOf;
    }
    const { summary, description, ...fields } = body.requestFieldValues ?? {};
    if (typeof summary !== 'string' || summary.trim() === '') {
      throw new HttpError(400, 'Summary is required.', {
        summary: 'You must specify a summary of the issue.',
      });
    }
    const issue = ctx.site.createRequest(
      {
        requestType: type.id,
        reporter,
        summary,
        description: typeof description === 'string' ? description : undefined,
        fields,
      },
      actor(ctx),
    );

    return { status: 201, body: customerRequestDTO(ctx.site, issue, ctx.user, []) };
  },

  'GET /rest/servicedeskapi/request/{issueIdOrKey}'(ctx) {
    return {
      status: 200,
      body: customerRequestDTO(ctx.site, request(ctx), ctx.user, listParam(ctx.query, 'expand')),
    };
  },

  'GET /rest/servicedeskapi/request/{issueIdOrKey}/comment'(ctx) {
    const issue = request(ctx);
    const wantPublic = ctx.query.get('public') !== 'false';
    const wantInternal = ctx.query.get('internal') !== 'false';
    const comments = visibleComments(ctx.site, issue, ctx.user).filter((c) =>
      c.public ? wantPublic : wantInternal,
    );

    return page(ctx, `/rest/servicedeskapi/request/${issue.id}/comment`, comments, (c) =>
      jsmCommentDTO(ctx.site, issue, c),
    );
  },

  'POST /rest/servicedeskapi/request/{issueIdOrKey}/comment'(ctx) {
    const issue = request(ctx);
    const body = ctx.body as { body?: string; public?: boolean };
    if (typeof body.body !== 'string') throw new HttpError(400, 'The comment body is required.');
    const comment = ctx.site.addComment(
      issue.id,
      { body: body.body, public: body.public ?? true },
      actor(ctx),
    );

    return { status: 201, body: jsmCommentDTO(ctx.site, issue, comment) };
  },

  'GET /rest/servicedeskapi/request/{issueIdOrKey}/comment/{commentId}'(ctx) {
    const issue = request(ctx);
    const comment = visibleComments(ctx.site, issue, ctx.user).find(
      (c) => c.id === ctx.params.commentId,
    );
    if (comment === undefined)
      throw new HttpError(404, `The comment ${ctx.params.commentId} does not exist.`);

    return { status: 200, body: jsmCommentDTO(ctx.site, issue, comment) };
  },

  'GET /rest/servicedeskapi/request/{issueIdOrKey}/status'(ctx) {
    const issue = request(ctx);

    return page(
      ctx,
      `/rest/servicedeskapi/request/${issue.id}/status`,
      statusHistory(ctx.site, issue),
      (s) => s,
    );
  },

  'GET /rest/servicedeskapi/request/{issueIdOrKey}/transition'(ctx) {
    const issue = request(ctx);
    const transitions = ctx.site.availableTransitions(issue).filter((t) => t.customer);

    return page(ctx, `/rest/servicedeskapi/request/${issue.id}/transition`, transitions, (t) => ({
      id: t.id,
      name: t.name,
    }));
  },

  'POST /rest/servicedeskapi/request/{issueIdOrKey}/transition'(ctx) {
    const issue = request(ctx);
    const body = ctx.body as { id?: string; additionalComment?: { body?: string } };
    const transition = ctx.site
      .availableTransitions(issue)
      .find((t) => t.customer && t.id === body.id);
    if (transition === undefined) {
      throw new HttpError(
        400,
        `The transition '${body.id ?? ''}' is not a customer transition of ${issue.key} in its current status.`,
      );
    }
    ctx.site.transition(issue.id, transition.id, actor(ctx), { customerOnly: true });
    if (body.additionalComment?.body !== undefined) {
      ctx.site.addComment(
        issue.id,
        { body: body.additionalComment.body, public: true },
        actor(ctx),
      );
    }

    return { status: 204 };
  },
};
