/** The parts of Jira's REST shapes (OpenAPI `IssueBean`, `Changelog`, `FieldDetails`) the app reads. */

export interface ChangeItem {
  field: string;
  fieldId?: string;
  fieldtype?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangelogEntry {
  id: string;
  created: string;
  author?: { accountId?: string; accountType?: string };
  items: ChangeItem[];
}

export interface IssueBean {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  changelog?: { histories?: ChangelogEntry[]; total?: number; startAt?: number };
  properties?: Record<string, unknown>;
}

export interface FieldDetails {
  id: string;
  name: string;
  custom?: boolean;
  schema?: { type?: string; custom?: string; customId?: number };
}
