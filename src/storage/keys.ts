/** The Forge storage keys the app uses; one place, so that no two modules invent the same key. */
export const KEYS = {
  /** The admin's configuration, validated before it is saved. */
  config: 'config',
  /** Ids of the Jira fields the app reads, found once and cached. */
  jiraFields: 'jira-fields',
  /** External-cause intervals of one request, with their reasons and who recorded them. */
  externalCauses: (issueId: string) => `external-causes:${issueId}`,
} as const;
