/**
 * The small JQL the app needs, and nothing more: clauses joined by AND over `project`, `key` /
 * `issuekey`, `status`, `statusCategory`, and issue properties indexed by `jira:entityProperty`
 * modules (`issue.property[key].path` or the module's `searchAlias`), with `=`, `!=`, `<`, `<=`,
 * `>`, `>=`, `in (...)`, `not in (...)`, `is [not] EMPTY`; then an optional `ORDER BY` on one field.
 *
 * Anything else (OR, NOT, parentheses, `~`, history operators, functions other than `now()`,
 * other fields) is rejected with a JqlError that says what the emulator supports.
 */
import { DateTime } from 'luxon';
import type { IssueRecord, StatusCategoryKey, UserRecord } from './model';
import { findStatusCategory } from './render';
import type { IndexedPropertyValue, JsmSite } from './site';

/**
 * `unsupported`: outside the emulator's grammar; `invalid`: Jira would reject it too (unknown
 * field, wrong value type); `data`: a value that does not exist on the site (Jira answers 400 too).
 */
export class JqlError extends Error {
  override name = 'JqlError';

  constructor(
    readonly kind: 'unsupported' | 'invalid' | 'data',
    message: string,
  ) {
    super(message);
  }
}

type Token =
  | { type: 'word'; value: string; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'op'; value: string; pos: number }
  | { type: 'punct'; value: '(' | ')' | ','; pos: number }
  | { type: 'property'; propertyKey: string; path: string; pos: number };

const SUPPORTED =
  'the emulator supports clauses joined by AND on project, key, issuekey, status, statusCategory and indexed issue properties, with = != < <= > >= in, not in, is [not] EMPTY, and one ORDER BY field';

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i] as string;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const property =
      /^issue\.property\[\s*("([^"]+)"|'([^']+)'|([A-Za-z0-9_.:-]+))\s*\]((?:\.[A-Za-z0-9_]+)+)/i.exec(
        jql.slice(i),
      );
    if (property !== null) {
      tokens.push({
        type: 'property',
        propertyKey: (property[2] ?? property[3] ?? property[4]) as string,
        path: (property[5] as string).slice(1),
        pos: i,
      });
      i += property[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < jql.length && jql[j] !== c) {
        if (jql[j] === '\\' && j + 1 < jql.length) j += 1;
        value += jql[j];
        j += 1;
      }
      if (j >= jql.length)
        throw new JqlError('invalid', `unterminated string starting at position ${i}`);
      tokens.push({ type: 'string', value, pos: i });
      i = j + 1;
      continue;
    }
    const op = /^(!=|<=|>=|!~|=|<|>|~)/.exec(jql.slice(i));
    if (op !== null) {
      tokens.push({ type: 'op', value: op[1] as string, pos: i });
      i += (op[1] as string).length;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: 'punct', value: c, pos: i });
      i += 1;
      continue;
    }
    const word = /^[^\s()=!<>~,"']+/.exec(jql.slice(i));
    if (word === null)
      throw new JqlError('invalid', `unexpected character '${c}' at position ${i}`);
    tokens.push({ type: 'word', value: word[0], pos: i });
    i += word[0].length;
  }

  return tokens;
}

type FieldRef =
  | { kind: 'project' | 'key' | 'status' | 'statusCategory'; name: string }
  | { kind: 'created' | 'updated'; name: string }
  | {
      kind: 'property';
      name: string;
      propertyKey: string;
      path: string;
      type: IndexedPropertyValue['type'];
    };

type Literal = { text: string; quoted: boolean } | { fn: 'now' };

interface Clause {
  field: FieldRef;
  op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is empty' | 'is not empty';
  values: Literal[];
}

/** A parsed and checked query: a predicate over issues and their order. */
export interface CompiledJql {
  matches(issue: IssueRecord): boolean;
  compare(a: IssueRecord, b: IssueRecord): number;
}

/** Parses `jql` for `viewer` (whose zone reads date literals); throws JqlError. */
export function compileJql(site: JsmSite, jql: string, viewer: UserRecord): CompiledJql {
  const tokens = tokenize(jql);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isWord = (t: Token | undefined, ...words: string[]): boolean =>
    t?.type === 'word' && words.includes(t.value.toLowerCase());
  const fail = (kind: JqlError['kind'], message: string): never => {
    throw new JqlError(kind, message);
  };

  const clauses: Clause[] = [];
  let orderBy: { field: FieldRef; direction: 1 | -1 } | undefined;

  const readField = (): FieldRef => {
    const token = tokens[i++];
    if (token === undefined)
      return fail('invalid', 'a field name was expected at the end of the query');
    if (token.type === 'punct' && token.value === '(') {
      return fail(
        'unsupported',
        `parentheses at position ${token.pos} are not supported; ${SUPPORTED}`,
      );
    }
    if (isWord(token, 'not')) {
      return fail('unsupported', `NOT at position ${token.pos} is not supported; ${SUPPORTED}`);
    }
    if (token.type === 'property') {
      return propertyField(site, token.propertyKey, token.path);
    }
    if (token.type !== 'word' && token.type !== 'string') {
      return fail('invalid', `a field name was expected at position ${token.pos}`);
    }

    return namedField(site, token.value);
  };

  const readLiteral = (): Literal => {
    const token = tokens[i++];
    if (token === undefined) return fail('invalid', 'a value was expected at the end of the query');
    if (token.type === 'string') return { text: token.value, quoted: true };
    if (token.type !== 'word')
      return fail('invalid', `a value was expected at position ${token.pos}`);
    const next = peek();
    if (next?.type === 'punct' && next.value === '(') {
      if (
        token.value.toLowerCase() === 'now' &&
        tokens[i + 1]?.type === 'punct' &&
        (tokens[i + 1] as { value: string }).value === ')'
      ) {
        i += 2;

        return { fn: 'now' };
      }

      return fail('unsupported', `function ${token.value}() is not supported; only now() is`);
    }

    return { text: token.value, quoted: false };
  };

  while (i < tokens.length && !isWord(peek(), 'order')) {
    if (clauses.length > 0) {
      const joiner = tokens[i++] as Token;
      if (isWord(joiner, 'or')) {
        fail('unsupported', `OR at position ${joiner.pos} is not supported; ${SUPPORTED}`);
      }
      if (!isWord(joiner, 'and')) {
        fail('invalid', `AND was expected at position ${joiner.pos}`);
      }
    }
    const field = readField();
    const opToken = tokens[i++];
    if (opToken === undefined) fail('invalid', `an operator was expected after ${field.name}`);
    const op = opToken as Token;
    let clause: Clause;
    if (op.type === 'op') {
      if (op.value === '~' || op.value === '!~') {
        fail('unsupported', `the text operator ${op.value} is not supported; ${SUPPORTED}`);
      }
      clause = { field, op: op.value as Clause['op'], values: [readLiteral()] };
    } else if (isWord(op, 'in') || (isWord(op, 'not') && isWord(peek(), 'in'))) {
      const negated = isWord(op, 'not');
      if (negated) i += 1;
      const open = tokens[i++];
      if (open?.type !== 'punct' || open.value !== '(')
        fail('invalid', `IN must be followed by a list in parentheses`);
      const values: Literal[] = [readLiteral()];
      while (peek()?.type === 'punct' && (peek() as { value: string }).value === ',') {
        i += 1;
        values.push(readLiteral());
      }
      const close = tokens[i++];
      if (close?.type !== 'punct' || close.value !== ')')
        fail('invalid', `the IN list is not closed`);
      clause = { field, op: negated ? 'not in' : 'in', values };
    } else if (isWord(op, 'is')) {
      const negated = isWord(peek(), 'not');
      if (negated) i += 1;
      const empty = tokens[i++];
      if (!isWord(empty, 'empty', 'null'))
        fail('invalid', `IS must be followed by EMPTY or NOT EMPTY`);
      clause = { field, op: negated ? 'is not empty' : 'is empty', values: [] };
    } else if (isWord(op, 'was', 'changed')) {
      return fail(
        'unsupported',
        `history operator ${(op as { value: string }).value} is not supported; ${SUPPORTED}`,
      );
    } else {
      return fail('invalid', `an operator was expected after ${field.name}`);
    }
    checkClause(clause);
    clauses.push(clause);
  }

  if (isWord(peek(), 'order')) {
    i += 1;
    if (!isWord(tokens[i++], 'by')) fail('invalid', 'ORDER must be followed by BY');
    const field = readField();
    if (field.kind === 'project' || field.kind === 'statusCategory') {
      fail(
        'unsupported',
        `ORDER BY ${field.name} is not supported; order by key, created, updated or an indexed property`,
      );
    }
    let direction: 1 | -1 = 1;
    if (isWord(peek(), 'asc', 'desc')) {
      direction = (tokens[i++] as { value: string }).value.toLowerCase() === 'desc' ? -1 : 1;
    }
    if (peek()?.type === 'punct' && (peek() as { value: string }).value === ',') {
      fail('unsupported', 'ORDER BY on more than one field is not supported');
    }
    orderBy = { field, direction };
  }
  if (i < tokens.length) {
    fail(
      'invalid',
      `unexpected '${describe(tokens[i] as Token)}' at position ${(tokens[i] as Token).pos}`,
    );
  }

  const predicates = clauses.map((clause) => compileClause(site, clause, viewer));

  return {
    matches: (issue) => predicates.every((p) => p(issue)),
    compare: (a, b) => {
      if (orderBy !== undefined) {
        const byField = compareBy(site, orderBy.field, a, b, orderBy.direction);
        if (byField !== 0) return byField;
      }

      return Number(b.id) - Number(a.id);
    },
  };
}

function describe(token: Token): string {
  return token.type === 'property'
    ? `issue.property[${token.propertyKey}].${token.path}`
    : token.value;
}

function namedField(site: JsmSite, name: string): FieldRef {
  const lower = name.toLowerCase();
  if (lower === 'project') return { kind: 'project', name };
  if (lower === 'key' || lower === 'issuekey' || lower === 'id') return { kind: 'key', name };
  if (lower === 'status') return { kind: 'status', name };
  if (lower === 'statuscategory') return { kind: 'statusCategory', name };
  if (lower === 'created' || lower === 'createddate') return { kind: 'created', name };
  if (lower === 'updated' || lower === 'updateddate') return { kind: 'updated', name };
  for (const index of site.entityPropertyIndexes) {
    for (const value of index.values) {
      if (value.searchAlias !== undefined && value.searchAlias.toLowerCase() === lower) {
        return {
          kind: 'property',
          name,
          propertyKey: index.propertyKey,
          path: value.path,
          type: value.type,
        };
      }
    }
  }

  throw new JqlError(
    'invalid',
    `Field '${name}' does not exist or you do not have permission to view it. (${SUPPORTED}; aliases come from jira:entityProperty searchAlias)`,
  );
}

function propertyField(site: JsmSite, propertyKey: string, path: string): FieldRef {
  for (const index of site.entityPropertyIndexes) {
    if (index.propertyKey !== propertyKey) continue;
    const value = index.values.find((v) => v.path === path);
    if (value !== undefined) {
      return {
        kind: 'property',
        name: `issue.property[${propertyKey}].${path}`,
        propertyKey,
        path,
        type: value.type,
      };
    }
  }

  throw new JqlError(
    'invalid',
    `issue.property[${propertyKey}].${path} is not indexed by any jira:entityProperty module, so Jira cannot search it; add the path to the module's values in manifest.yml`,
  );
}

const OPS_BY_TYPE: Record<string, Clause['op'][]> = {
  project: ['=', '!=', 'in', 'not in'],
  key: ['=', '!=', '<', '<=', '>', '>=', 'in', 'not in'],
  status: ['=', '!=', 'in', 'not in'],
  statusCategory: ['=', '!=', 'in', 'not in'],
  number: ['=', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is empty', 'is not empty'],
  date: ['=', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is empty', 'is not empty'],
  string: ['=', '!=', 'in', 'not in', 'is empty', 'is not empty'],
  user: ['=', '!=', 'in', 'not in', 'is empty', 'is not empty'],
  text: ['is empty', 'is not empty'],
};

function checkClause(clause: Clause): void {
  const { field } = clause;
  if (field.kind === 'created' || field.kind === 'updated') {
    throw new JqlError(
      'unsupported',
      `the emulator orders by ${field.name} but does not filter on it; ${SUPPORTED}`,
    );
  }
  const type = field.kind === 'property' ? field.type : field.kind;
  const allowed = OPS_BY_TYPE[type] ?? [];
  if (!allowed.includes(clause.op)) {
    throw new JqlError(
      type === 'text' ? 'unsupported' : 'invalid',
      `operator '${clause.op}' cannot be used with ${field.name} (${type}); it takes ${allowed.join(', ')}`,
    );
  }
}

function literalText(literal: Literal): string {
  return 'fn' in literal ? 'now()' : literal.text;
}

function compileClause(
  site: JsmSite,
  clause: Clause,
  viewer: UserRecord,
): (issue: IssueRecord) => boolean {
  const { field, op } = clause;
  const positive = op === '=' || op === 'in';
  const negative = op === '!=' || op === 'not in';

  switch (field.kind) {
    case 'project': {
      const ids = clause.values.map((v) => {
        const project =
          site.findProject(literalText(v)) ??
          [...site.projects.values()].find((p) => p.name === literalText(v));
        if (project === undefined)
          throw new JqlError(
            'data',
            `The value '${literalText(v)}' does not exist for the field 'project'.`,
          );

        return project.id;
      });

      return (issue) => ids.includes(issue.projectId) === positive;
    }
    case 'status': {
      const ids = clause.values.map((v) => {
        const text = literalText(v).toLowerCase();
        const status = [...site.statuses.values()].find(
          (s) => s.id === text || s.name.toLowerCase() === text,
        );
        if (status === undefined)
          throw new JqlError(
            'data',
            `The value '${literalText(v)}' does not exist for the field 'status'.`,
          );

        return status.id;
      });

      return (issue) => ids.includes(issue.statusId) === positive;
    }
    case 'statusCategory': {
      const keys = clause.values.map((v) => {
        const key = findStatusCategory(literalText(v));
        if (key === undefined)
          throw new JqlError(
            'data',
            `The value '${literalText(v)}' does not exist for the field 'statusCategory'.`,
          );

        return key;
      });
      const categoryOf = (issue: IssueRecord): StatusCategoryKey =>
        site.status(issue.statusId).category;

      return (issue) => keys.includes(categoryOf(issue)) === positive;
    }
    case 'key': {
      const targets = clause.values.map((v) => {
        const text = literalText(v);
        const issue = site.findIssue(text);
        if (issue !== undefined)
          return { id: issue.id, projectId: issue.projectId, number: issueNumber(issue.key) };
        const parsed = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/.exec(text);
        const project = parsed === null ? undefined : site.findProject(parsed[1] as string);
        if (project === undefined || parsed === null || positive) {
          throw new JqlError(
            'data',
            `An issue with key '${text}' does not exist for field '${field.name}'.`,
          );
        }

        return { id: '', projectId: project.id, number: Number(parsed[2]) };
      });
      if (positive || negative) {
        const ids = targets.map((t) => t.id);

        return (issue) => ids.includes(issue.id) === positive;
      }
      const target = targets[0] as { projectId: string; number: number };

      return (issue) =>
        issue.projectId === target.projectId &&
        compareNumbers(issueNumber(issue.key), op, target.number);
    }
    case 'property': {
      const read = (issue: IssueRecord): unknown[] =>
        indexedValues(issue, field.propertyKey, field.path, field.type);
      if (op === 'is empty') return (issue) => read(issue).length === 0;
      if (op === 'is not empty') return (issue) => read(issue).length > 0;
      const expected = clause.values.map((v) => propertyLiteral(site, field, v, viewer));
      if (positive || negative) {
        return (issue) => {
          const values = read(issue);
          if (values.length === 0) return false;
          const hit = values.some((value) => expected.some((e) => e === value));

          return hit === positive;
        };
      }
      const bound = expected[0] as number;

      return (issue) => read(issue).some((value) => compareNumbers(value as number, op, bound));
    }
    default:
      throw new JqlError('unsupported', `${field.name} cannot be filtered on; ${SUPPORTED}`);
  }
}

function issueNumber(key: string): number {
  return Number(key.slice(key.lastIndexOf('-') + 1));
}

function compareNumbers(value: number, op: Clause['op'], bound: number): boolean {
  switch (op) {
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
    default:
      return value === bound;
  }
}

/** The values Jira indexes at a property path, as comparable primitives (dates as epoch ms). */
function indexedValues(
  issue: IssueRecord,
  propertyKey: string,
  path: string,
  type: IndexedPropertyValue['type'],
): unknown[] {
  let value: unknown = issue.properties.get(propertyKey)?.value;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
    value = (value as Record<string, unknown>)[segment];
  }
  const values = Array.isArray(value) ? value : [value];

  return values.flatMap((v): unknown[] => {
    if (v === null || v === undefined) return [];
    switch (type) {
      case 'number':
        return typeof v === 'number' && Number.isFinite(v) ? [v] : [];
      case 'date': {
        const ms = typeof v === 'string' ? Date.parse(v) : NaN;

        return Number.isFinite(ms) ? [ms] : [];
      }
      default:
        return typeof v === 'object' ? [] : [String(v)];
    }
  });
}

function propertyLiteral(
  site: JsmSite,
  field: Extract<FieldRef, { kind: 'property' }>,
  literal: Literal,
  viewer: UserRecord,
): unknown {
  if (field.type === 'date') return dateLiteral(site, literal, viewer, field.name);
  if ('fn' in literal)
    throw new JqlError('invalid', `now() is a date; ${field.name} is a ${field.type}`);
  if (field.type === 'number') {
    const n = Number(literal.text);
    if (literal.text.trim() === '' || !Number.isFinite(n)) {
      throw new JqlError(
        'invalid',
        `${field.name} is indexed as a number; '${literal.text}' is not one`,
      );
    }

    return n;
  }

  return literal.text;
}

/** Reads a JQL date: `yyyy-MM-dd`, `yyyy/MM/dd`, either with ` HH:mm`, a relative `-2h`, or now(). */
function dateLiteral(
  site: JsmSite,
  literal: Literal,
  viewer: UserRecord,
  fieldName: string,
): number {
  const now = site.now();
  if ('fn' in literal) return now;
  const text = literal.text.trim();
  const relative = /^([+-]?)(\d+)([wdhm])$/.exec(text);
  if (relative !== null) {
    const unit = { w: 604800000, d: 86400000, h: 3600000, m: 60000 }[
      relative[3] as 'w' | 'd' | 'h' | 'm'
    ];

    return now + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * unit;
  }
  const absolute = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text);
  if (absolute !== null) {
    const local = DateTime.fromObject(
      {
        year: Number(absolute[1]),
        month: Number(absolute[2]),
        day: Number(absolute[3]),
        hour: Number(absolute[4] ?? 0),
        minute: Number(absolute[5] ?? 0),
      },
      { zone: viewer.timeZone },
    );
    if (local.isValid) return local.toMillis();
  }

  throw new JqlError(
    'invalid',
    `Date value '${text}' for field '${fieldName}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

function compareBy(
  site: JsmSite,
  field: FieldRef,
  a: IssueRecord,
  b: IssueRecord,
  direction: 1 | -1,
): number {
  const valueOf = (issue: IssueRecord): number | string | undefined => {
    switch (field.kind) {
      case 'key':
        return Number(issue.id);
      case 'created':
        return issue.created;
      case 'updated':
        return issue.updated;
      case 'status':
        return site.status(issue.statusId).name;
      case 'property': {
        const values = indexedValues(issue, field.propertyKey, field.path, field.type);

        return values[0] as number | string | undefined;
      }
      default:
        return undefined;
    }
  };
  const va = valueOf(a);
  const vb = valueOf(b);
  if (va === undefined && vb === undefined) return 0;
  if (va === undefined) return 1;
  if (vb === undefined) return -1;
  if (va === vb) return 0;

  return (va < vb ? -1 : 1) * direction;
}
