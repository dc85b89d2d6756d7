/** The emulated site's records: what a JSM site holds, before it is rendered into REST shapes. */

/** `atlassian` for agents and admins, `customer` for portal-only accounts, `app` for apps. */
export type AccountType = 'atlassian' | 'customer' | 'app';

export interface UserRecord {
  accountId: string;
  displayName: string;
  accountType: AccountType;
  emailAddress?: string;
  timeZone: string;
  active: boolean;
  /** An agent of every service desk on the site. */
  agent: boolean;
  /** A Jira administrator (the ADMINISTER global permission). */
  admin: boolean;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  members: Set<string>;
  created: number;
}

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface StatusRecord {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

export interface WorkflowTransitionRecord {
  id: string;
  name: string;
  /** Target status id. */
  to: string;
  /** Status ids the transition leaves from; absent for a global transition (from any status). */
  from?: string[];
  /** Offered to customers on the portal (the request transition endpoints). */
  customer: boolean;
  /** Jira does not fire `avi:jira:updated:issue` for every transition; this one fires none. */
  silent: boolean;
}

export interface WorkflowRecord {
  name: string;
  statuses: StatusRecord[];
  initialStatusId: string;
  transitions: WorkflowTransitionRecord[];
}

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  typeKey: 'service_desk' | 'software' | 'business';
  /** Workflow of issues that have no request type (development projects). */
  workflow: string;
  issueTypeId: string;
  nextIssueNumber: number;
}

export interface IssueTypeRecord {
  id: string;
  name: string;
  description: string;
}

export interface ServiceDeskRecord {
  id: string;
  projectId: string;
  organizationIds: Set<string>;
  /** Workflow given to request types created through the REST API. */
  defaultWorkflow: string;
}

export interface RequestTypeGroupRecord {
  id: string;
  serviceDeskId: string;
  name: string;
}

export interface RequestTypeRecord {
  id: string;
  serviceDeskId: string;
  name: string;
  description: string;
  helpText: string;
  issueTypeId: string;
  groupIds: string[];
  workflow: string;
}

/** What a custom field holds, so that edits and changelog entries are rendered the Jira way. */
export type FieldKind =
  'system' | 'forge' | 'organizations' | 'requestType' | 'number' | 'string' | 'option';

export interface FieldRecord {
  id: string;
  key: string;
  name: string;
  custom: boolean;
  kind: FieldKind;
  schema: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  /** For a Forge app field, the app that owns it: only that app may set its value. */
  appId?: string;
}

export interface ChangeItemRecord {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangelogRecord {
  id: string;
  authorAccountId: string;
  created: number;
  items: ChangeItemRecord[];
}

export interface CommentRecord {
  id: string;
  authorAccountId: string;
  /** Plain text (JSM's wiki-markup body). */
  text: string;
  public: boolean;
  created: number;
  updated: number;
}

export interface PropertyRecord {
  value: unknown;
}

export interface IssueRecord {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: string | null;
  statusId: string;
  /** When the issue entered its current status. */
  statusDate: number;
  reporterAccountId: string;
  creatorAccountId: string;
  assigneeAccountId: string | null;
  created: number;
  updated: number;
  resolutionDate: number | null;
  labels: string[];
  fixVersionIds: string[];
  /** Custom field values by field id, in the shape the REST API reads and writes them. */
  customFields: Map<string, unknown>;
  requestTypeId: string | null;
  organizationIds: string[];
  comments: CommentRecord[];
  properties: Map<string, PropertyRecord>;
  changelog: ChangelogRecord[];
}

export interface IssueLinkTypeRecord {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

/** `source <outward> destination`, e.g. "SD-1 relates to CNG-12". */
export interface IssueLinkRecord {
  id: string;
  typeId: string;
  sourceIssueId: string;
  destinationIssueId: string;
}

export interface RelatedWorkRecord {
  relatedWorkId: string;
  category: string;
  title?: string;
  url?: string;
}

export interface VersionRecord {
  id: string;
  projectId: string;
  name: string;
  description: string;
  released: boolean;
  archived: boolean;
  /** `YYYY-MM-DD`. */
  releaseDate?: string;
  startDate?: string;
  relatedWork: RelatedWorkRecord[];
}
