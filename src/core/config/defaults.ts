/** The configuration the app starts with: the policy's own figures on the support calendar. */
import { REQUEST_TYPES } from '../catalogue';
import { SEVERITY_DEFINITIONS } from '../severity';
import { GENERAL_STATUSES, SUGGESTION_STATUSES } from '../workflows';
import type { DeskMapping, PolicyConfig, SeverityKey, SeverityTarget } from './types';

/** The name of the default business calendar. */
export const SUPPORT_CALENDAR = 'support';

const OFFICE_DAY = ['09:00-13:00', '14:00-18:00'];

function defaultTarget(key: SeverityKey): SeverityTarget {
  const definition = SEVERITY_DEFINITIONS[Number(key) as 1 | 2 | 3 | 4];
  return {
    responseMinutes: definition.responseMinutes,
    resolutionMinutes: definition.resolutionMinutes,
    calendar: SUPPORT_CALENDAR,
  };
}

function byName<N extends string>(names: readonly N[]): Record<N, DeskMapping> {
  const mapping = {} as Record<N, DeskMapping>;
  for (const name of names) mapping[name] = { id: null, name };
  return mapping;
}

/** A fresh copy of the default configuration, safe to modify. */
export function defaultConfig(): PolicyConfig {
  return {
    serviceDeskId: null,
    statuses: { general: byName(GENERAL_STATUSES), suggestion: byName(SUGGESTION_STATUSES) },
    requestTypes: byName(REQUEST_TYPES.map((type) => type.name)),
    severitySource: { kind: 'app-field' },
    developmentProjects: {
      CNG: { product: 'ClavisNG', releaseNotesUrl: null },
      DNG: { product: 'DiscoveryNG', releaseNotesUrl: null },
    },
    calendars: {
      [SUPPORT_CALENDAR]: {
        zone: 'Europe/Rome',
        hours: {
          mon: [...OFFICE_DAY],
          tue: [...OFFICE_DAY],
          wed: [...OFFICE_DAY],
          thu: [...OFFICE_DAY],
          fri: [...OFFICE_DAY],
          sat: [],
          sun: [],
        },
        holidays: ['IT'],
        closures: [],
      },
    },
    severities: {
      '1': defaultTarget('1'),
      '2': defaultTarget('2'),
      '3': defaultTarget('3'),
      '4': defaultTarget('4'),
    },
    organizations: {},
    warningPercent: 80,
  };
}
