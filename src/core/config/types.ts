/**
 * The app's configuration. The SLA part (calendars, severities, organizations, warningPercent)
 * has the shape that SLA scenario files use too; the rest maps the policy onto a real desk.
 */
import type { GeneralStatus, SuggestionStatus } from '../workflows';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Severity keys as they appear in JSON objects. */
export type SeverityKey = '1' | '2' | '3' | '4';

export const SEVERITY_KEYS: readonly SeverityKey[] = ['1', '2', '3', '4'];

/** The name of the built-in calendar on which every minute counts. */
export const ROUND_THE_CLOCK = '24x7';

/** A business calendar: weekly wall-clock ranges in a zone, less holidays and closures. */
export interface CalendarConfig {
  /** IANA time zone, for example "Europe/Rome". */
  zone: string;
  /** Working ranges per weekday, "HH:MM-HH:MM" in the calendar's zone; "24:00" may end one. */
  hours: Record<Weekday, string[]>;
  /** Countries whose national public holidays are closed; "IT" for Italy. */
  holidays: string[];
  /** Extra closed days, "YYYY-MM-DD" in the calendar's zone. */
  closures: string[];
}

/** The SLA targets of one severity, in working minutes of the named calendar. */
export interface SeverityTarget {
  responseMinutes: number;
  resolutionMinutes: number;
  calendar: string;
}

/** An organization's contract: targets and calendar per severity, merged over the defaults. */
export interface OrganizationOverride {
  severities?: Partial<Record<SeverityKey, Partial<SeverityTarget>>>;
}

export interface SlaConfig {
  calendars: Record<string, CalendarConfig>;
  severities: Record<SeverityKey, SeverityTarget>;
  /** Contract overrides keyed by the organization's name in the service desk. */
  organizations: Record<string, OrganizationOverride>;
  /** Share of a goal, in percent, at which agents are warned that a breach is near. */
  warningPercent: number;
}

/** A policy status (or request type) mapped to the desk's own: by id, or by exact name until synced. */
export interface DeskMapping {
  id: string | null;
  name: string;
}

/** An internal development project whose issue keys are work codes, such as CNG-123. */
export interface DevelopmentProject {
  /** The product the project develops, as customers know it. */
  product: string;
  /**
   * Release notes page of a version when the version has no related-work link to one;
   * `{project}` and `{version}` are replaced with the project key and the version's name.
   */
  releaseNotesUrl: string | null;
}

/** Where the app reads a request's severity from. */
export type SeveritySource = { kind: 'app-field' } | { kind: 'custom-field'; fieldId: string };

export interface PolicyConfig extends SlaConfig {
  /** The service desk the policy runs on; null until the admin picks it. */
  serviceDeskId: string | null;
  statuses: {
    general: Record<GeneralStatus, DeskMapping>;
    suggestion: Record<SuggestionStatus, DeskMapping>;
  };
  /** Catalogue request type (Italian name) → the desk's request type. */
  requestTypes: Record<string, DeskMapping>;
  severitySource: SeveritySource;
  /** Development projects keyed by their Jira project key. */
  developmentProjects: Record<string, DevelopmentProject>;
}
