/** The four severities of the support policy, with their names and default SLA targets. */

export type Severity = 1 | 2 | 3 | 4;

export const SEVERITIES: readonly Severity[] = [1, 2, 3, 4];

export interface SeverityDefinition {
  level: Severity;
  /** Italian name, as the policy gives it. */
  name: string;
  /** English name. */
  en: string;
  /** Default take-in-charge target, in working minutes. */
  responseMinutes: number;
  /** Default resolution target from take-in-charge, in working minutes. */
  resolutionMinutes: number;
}

/** Severity definitions indexed by level; the policy's "immediate" take-in-charge is 15 minutes. */
export const SEVERITY_DEFINITIONS: Readonly<Record<Severity, SeverityDefinition>> = {
  1: {
    level: 1,
    name: 'Anomalia bloccante',
    en: 'Blocking anomaly',
    responseMinutes: 15,
    resolutionMinutes: 30,
  },
  2: {
    level: 2,
    name: 'Anomalia maggiore',
    en: 'Major anomaly',
    responseMinutes: 60,
    resolutionMinutes: 180,
  },
  3: {
    level: 3,
    name: 'Anomalia media',
    en: 'Medium anomaly',
    responseMinutes: 120,
    resolutionMinutes: 480,
  },
  4: {
    level: 4,
    name: 'Anomalia minore',
    en: 'Minor anomaly',
    responseMinutes: 240,
    resolutionMinutes: 1440,
  },
};

/** True when the value is one of the severity levels 1–4. */
export function isSeverity(value: unknown): value is Severity {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** The label shown for a severity, for example "2 · Anomalia maggiore". */
export function severityLabel(level: Severity, language: 'it' | 'en' = 'it'): string {
  const definition = SEVERITY_DEFINITIONS[level];
  return `${level} · ${language === 'it' ? definition.name : definition.en}`;
}
