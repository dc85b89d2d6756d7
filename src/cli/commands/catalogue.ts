/** `support-policy catalogue [--json]`: the request-type catalogue as a table or as JSON. */
import { GROUPS, REQUEST_TYPES, requestTypesInGroup } from '../../core/catalogue';
import { EXIT, UsageError, type Command } from '../io';

const KIND_LABELS = { anomaly: 'anomalia', service: 'servizio', suggestion: 'proposta' } as const;

/** The catalogue in the JSON shape admins and scripts read: groups, then request types. */
export function catalogueJson() {
  return {
    groups: GROUPS.map(({ name, en }) => ({ name, en })),
    requestTypes: REQUEST_TYPES.map((type) => ({
      name: type.name,
      description: type.description,
      kind: type.kind,
      groups: [...type.groups],
      provisionalSeverity: type.provisionalSeverity,
      en: { ...type.en },
    })),
  };
}

/** The catalogue as a table: one block per group in portal order, one row per placement. */
export function catalogueTable(): string[] {
  const nameWidth = Math.max(...REQUEST_TYPES.map((type) => type.name.length));
  const row = (name: string, kind: string, severity: string) =>
    `  ${name.padEnd(nameWidth)}  ${kind.padEnd(9)}  ${severity}`.trimEnd();

  const lines = [row('Tipo di richiesta', 'Tipo', 'Gravità provvisoria')];
  for (const group of GROUPS) {
    lines.push('', group.name);
    for (const type of requestTypesInGroup(group.name)) {
      lines.push(row(type.name, KIND_LABELS[type.kind], String(type.provisionalSeverity ?? '–')));
    }
  }

  const placements = REQUEST_TYPES.reduce((sum, type) => sum + type.groups.length, 0);
  lines.push(
    '',
    `${GROUPS.length} gruppi, ${REQUEST_TYPES.length} tipi di richiesta, ${placements} collocazioni`,
  );
  return lines;
}

export const catalogueCommand: Command = (args, io) => {
  const unknown = args.filter((arg) => arg !== '--json');
  if (unknown.length > 0) throw new UsageError(`unknown option '${unknown[0]}'`);

  if (args.includes('--json')) io.out(JSON.stringify(catalogueJson(), null, 2));
  else catalogueTable().forEach((line) => io.out(line));
  return EXIT.ok;
};
