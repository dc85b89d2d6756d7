/**
 * The product events the emulated site emits, with the payload shapes of Forge's Jira events
 * reference: `eventType`, `atlassianId` (who caused it), `associatedUsers`, and the subject
 * (issue with its changelog, comment, issue link or version).
 */
import type {
  ChangelogRecord,
  CommentRecord,
  IssueLinkRecord,
  IssueRecord,
  VersionRecord,
} from './model';
import { textToAdf } from './adf';
import { changeDetails, jiraDateTime, statusBean, versionBean } from './render';
import type { Actor, JsmSite } from './site';

/** The events the emulator emits. */
export type SiteEventType =
  | 'avi:jira:created:issue'
  | 'avi:jira:updated:issue'
  | 'avi:jira:deleted:issue'
  | 'avi:jira:commented:issue'
  | 'avi:jira:created:issuelink'
  | 'avi:jira:deleted:issuelink'
  | 'avi:jira:released:version';

/** One emitted event, with what the runtime needs to route it. */
export interface SiteEvent {
  /** Increasing per site. */
  id: number;
  eventType: SiteEventType;
  /** Instant of emission on the simulated clock. */
  at: number;
  actorAccountId: string;
  /** Caused by a call the app made (asApp or asUser): `filter.ignoreSelf` drops it. */
  viaApp: boolean;
  /** What the trigger handler receives as its first argument. */
  payload: Record<string, unknown>;
}

/** What an event is about. */
export interface EventSubject {
  issue?: IssueRecord;
  changelog?: ChangelogRecord;
  comment?: CommentRecord;
  link?: IssueLinkRecord;
  version?: VersionRecord;
}

type Json = Record<string, unknown>;

/** The issue as Forge's issue events carry it: id, key and the main fields only. */
function eventIssue(site: JsmSite, issue: IssueRecord): Json {
  const project = site.project(issue.projectId);
  const type = site.issueTypes.get(issue.issueTypeId);
  const user = (accountId: string | null): Json | null =>
    accountId === null ? null : { accountId };

  return {
    id: issue.id,
    key: issue.key,
    fields: {
      summary: issue.summary,
      issuetype: {
        self: `${site.baseUrl}/rest/api/2/issuetype/${issue.issueTypeId}`,
        id: issue.issueTypeId,
        description: type?.description ?? '',
        name: type?.name ?? 'Issue',
        subtask: false,
      },
      creator: user(issue.creatorAccountId),
      created: jiraDateTime(site, issue.created),
      project: {
        self: `${site.baseUrl}/rest/api/2/project/${project.id}`,
        id: project.id,
        key: project.key,
        name: project.name,
        projectTypeKey: project.typeKey,
        simplified: false,
      },
      reporter: user(issue.reporterAccountId),
      assignee: user(issue.assigneeAccountId),
      updated: jiraDateTime(site, issue.updated),
      status: statusBean(site, site.status(issue.statusId)),
    },
  };
}

/** Builds the payload of an event; `context` is filled in by the runtime per trigger module. */
export function buildEventPayload(
  site: JsmSite,
  eventType: SiteEventType,
  actor: Actor,
  subject: EventSubject,
): Json {
  const base: Json = { eventType, atlassianId: actor.by };
  switch (eventType) {
    case 'avi:jira:created:issue':
    case 'avi:jira:deleted:issue':
      return {
        ...base,
        issue: eventIssue(site, required(subject.issue, eventType)),
        associatedUsers: [{ accountId: actor.by }],
      };
    case 'avi:jira:updated:issue': {
      const changelog = required(subject.changelog, eventType);

      return {
        ...base,
        issue: eventIssue(site, required(subject.issue, eventType)),
        associatedUsers: [{ accountId: actor.by }],
        changelog: { id: changelog.id, items: changelog.items.map(changeDetails) },
      };
    }
    case 'avi:jira:commented:issue': {
      const comment = required(subject.comment, eventType);
      const author = { accountId: comment.authorAccountId };

      return {
        ...base,
        issue: eventIssue(site, required(subject.issue, eventType)),
        comment: {
          id: comment.id,
          author,
          body: textToAdf(comment.text),
          updateAuthor: author,
          created: jiraDateTime(site, comment.created),
          updated: jiraDateTime(site, comment.updated),
          jsdPublic: comment.public,
        },
        associatedUsers: [author],
      };
    }
    case 'avi:jira:created:issuelink':
    case 'avi:jira:deleted:issuelink': {
      const link = required(subject.link, eventType);
      const type = site.linkTypes.get(link.typeId);

      return {
        ...base,
        issueLink: {
          id: Number(link.id),
          sourceIssueId: Number(link.sourceIssueId),
          destinationIssueId: Number(link.destinationIssueId),
          issueLinkType: {
            id: Number(link.typeId),
            name: type?.name,
            outwardName: type?.outward,
            inwardName: type?.inward,
            isSubTaskLinkType: false,
            isSystemLinkType: false,
          },
          systemLink: false,
        },
      };
    }
    case 'avi:jira:released:version': {
      const version = versionBean(site, required(subject.version, eventType));

      return { ...base, version };
    }
  }
}

function required<T>(value: T | undefined, eventType: string): T {
  if (value === undefined) throw new Error(`event ${eventType} needs its subject`);

  return value;
}
