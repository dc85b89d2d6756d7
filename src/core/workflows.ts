/**
 * The two workflows of the support policy and the judge of a proposed move. The judge is pure:
 * it says whether a move is allowed and, if not, which rule forbids it, in Italian and English.
 */
import type { RequestKind } from './catalogue';
import type { Severity } from './severity';

/** Who makes a move: an agent, the customer on the portal, or the app itself. */
export type Actor = 'agent' | 'customer' | 'app';

export const GENERAL_STATUSES = [
  'Aperta',
  'Attesa informazioni',
  'Attesa approvazione',
  'In lavorazione',
  'Risolta',
  'Chiusa',
] as const;

export const SUGGESTION_STATUSES = [
  'Aperta',
  'In valutazione',
  'Pianificata',
  'Non pianificata',
  'In sviluppo',
  'Rilasciata',
  'Ritirata',
] as const;

export type GeneralStatus = (typeof GENERAL_STATUSES)[number];
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
export type PolicyStatus = GeneralStatus | SuggestionStatus;
export type WorkflowId = 'general' | 'suggestion';

/** One allowed move and who may make it. */
export interface WorkflowMove<S extends string = string> {
  from: S;
  to: S;
  actors: readonly Actor[];
}

export interface Workflow<S extends string = string> {
  id: WorkflowId;
  statuses: readonly S[];
  initial: S;
  terminal: readonly S[];
  moves: readonly WorkflowMove<S>[];
}

/** The statuses in which a request waits for someone outside the team; clocks pause there. */
export const WAITING_STATUSES: readonly GeneralStatus[] = [
  'Attesa informazioni',
  'Attesa approvazione',
];

/** The statuses that end a request's resolution clock. */
export const RESOLVED_STATUSES: readonly GeneralStatus[] = ['Risolta', 'Chiusa'];

const AGENT: readonly Actor[] = ['agent'];

function generalMoves(): WorkflowMove<GeneralStatus>[] {
  const moves: WorkflowMove<GeneralStatus>[] = [
    { from: 'Aperta', to: 'Attesa informazioni', actors: AGENT },
    { from: 'Aperta', to: 'Attesa approvazione', actors: AGENT },
    { from: 'Aperta', to: 'In lavorazione', actors: AGENT },
    { from: 'Aperta', to: 'Risolta', actors: ['agent', 'customer'] },
    // The app returns a request to where it came from when the customer answers.
    { from: 'Attesa informazioni', to: 'Aperta', actors: ['app'] },
    { from: 'Attesa informazioni', to: 'In lavorazione', actors: ['agent', 'app'] },
    { from: 'Attesa informazioni', to: 'Attesa approvazione', actors: ['agent', 'app'] },
    // Seven days without an answer resolve the request automatically.
    { from: 'Attesa informazioni', to: 'Risolta', actors: ['agent', 'customer', 'app'] },
    { from: 'Attesa approvazione', to: 'In lavorazione', actors: AGENT },
    { from: 'Attesa approvazione', to: 'Attesa informazioni', actors: AGENT },
    { from: 'Attesa approvazione', to: 'Risolta', actors: ['agent', 'customer'] },
    { from: 'In lavorazione', to: 'Attesa informazioni', actors: AGENT },
    { from: 'In lavorazione', to: 'Attesa approvazione', actors: AGENT },
    { from: 'In lavorazione', to: 'Risolta', actors: ['agent', 'customer'] },
    { from: 'Risolta', to: 'Chiusa', actors: AGENT },
    // A customer's reply reopens a resolved request; the app makes the move on the reply.
    { from: 'Risolta', to: 'In lavorazione', actors: ['customer', 'app'] },
  ];
  return moves;
}

/** The workflow of every request but development suggestions. */
export const GENERAL_WORKFLOW: Workflow<GeneralStatus> = {
  id: 'general',
  statuses: GENERAL_STATUSES,
  initial: 'Aperta',
  terminal: ['Chiusa'],
  moves: generalMoves(),
};

/** The workflow of development suggestions, driven by the roadmap rather than by an SLA. */
export const SUGGESTION_WORKFLOW: Workflow<SuggestionStatus> = {
  id: 'suggestion',
  statuses: SUGGESTION_STATUSES,
  initial: 'Aperta',
  terminal: ['Non pianificata', 'Rilasciata', 'Ritirata'],
  moves: [
    { from: 'Aperta', to: 'In valutazione', actors: AGENT },
    { from: 'Aperta', to: 'Ritirata', actors: ['customer'] },
    { from: 'In valutazione', to: 'Pianificata', actors: AGENT },
    { from: 'In valutazione', to: 'Non pianificata', actors: AGENT },
    { from: 'In valutazione', to: 'Ritirata', actors: ['customer'] },
    { from: 'Pianificata', to: 'In sviluppo', actors: AGENT },
    { from: 'Pianificata', to: 'Non pianificata', actors: AGENT },
    // The app makes this move when a linked work code's fix version is released.
    { from: 'In sviluppo', to: 'Rilasciata', actors: ['agent', 'app'] },
  ],
};

export const WORKFLOWS: Readonly<Record<WorkflowId, Workflow>> = {
  general: GENERAL_WORKFLOW,
  suggestion: SUGGESTION_WORKFLOW,
};

/** The workflow a request of this kind follows. */
export function workflowForKind(kind: RequestKind): Workflow {
  return kind === 'suggestion' ? SUGGESTION_WORKFLOW : GENERAL_WORKFLOW;
}

/** Whether a request of this kind must have a severity before it is worked on. */
export function kindNeedsSeverity(kind: RequestKind): boolean {
  return kind === 'anomaly';
}

/** The reasons a move can be refused; each is one rule of the policy. */
export type MoveRule =
  | 'unknown-status'
  | 'terminal-status'
  | 'move-not-in-workflow'
  | 'actor-not-allowed'
  | 'return-elsewhere'
  | 'triage-severity-required'
  | 'work-code-required';

export interface LocalizedText {
  it: string;
  en: string;
}

export type MoveVerdict =
  { allowed: true } | { allowed: false; rule: MoveRule; message: LocalizedText };

/** What the judge needs to know about the request besides the move itself. */
export interface MoveContext {
  actor: Actor;
  kind: RequestKind;
  /** The request's current severity, or null while triage has not set one. */
  severity: Severity | null;
  /** For a move out of Attesa informazioni by the app: the status the request was in before. */
  cameFrom?: string;
  /** Whether the request has at least one linked work code (CNG-…, DNG-…). */
  hasWorkCode: boolean;
}

const ACTOR_NAMES: Record<Actor, LocalizedText> = {
  agent: { it: 'un agente', en: 'an agent' },
  customer: { it: 'il cliente', en: 'the customer' },
  app: { it: "l'app", en: 'the app' },
};

function refuse(rule: MoveRule, it: string, en: string): MoveVerdict {
  return { allowed: false, rule, message: { it, en } };
}

/**
 * Judges a proposed move on a workflow: allowed, or the rule that forbids it.
 *
 * @example judgeMove(GENERAL_WORKFLOW, 'Aperta', 'In lavorazione', { actor: 'agent',
 *   kind: 'anomaly', severity: null, hasWorkCode: false }) // refused: triage-severity-required
 */
export function judgeMove(
  workflow: Workflow,
  from: string,
  to: string,
  context: MoveContext,
): MoveVerdict {
  for (const status of [from, to]) {
    if (!workflow.statuses.includes(status)) {
      return refuse(
        'unknown-status',
        `Lo stato «${status}» non fa parte del flusso ${workflowName(workflow).it}.`,
        `Status "${status}" is not part of the ${workflowName(workflow).en} workflow.`,
      );
    }
  }
  if (from === to) return { allowed: true };

  if (workflow.terminal.includes(from)) {
    return refuse(
      'terminal-status',
      `La richiesta è in «${from}», uno stato finale: non può più cambiare stato.`,
      `The request is in "${from}", a final status: it cannot move any more.`,
    );
  }

  const move = workflow.moves.find((candidate) => candidate.from === from && candidate.to === to);
  if (!move) {
    return refuse(
      'move-not-in-workflow',
      `La politica di assistenza non prevede il passaggio da «${from}» a «${to}».`,
      `The support policy has no move from "${from}" to "${to}".`,
    );
  }
  if (!move.actors.includes(context.actor)) {
    const who = move.actors.map((actor) => ACTOR_NAMES[actor]);
    return refuse(
      'actor-not-allowed',
      `Il passaggio da «${from}» a «${to}» può essere fatto solo da ${who.map((w) => w.it).join(' o ')}.`,
      `Only ${who.map((w) => w.en).join(' or ')} may move a request from "${from}" to "${to}".`,
    );
  }

  return judgeSpecialRules(workflow, from, to, context);
}

function judgeSpecialRules(
  workflow: Workflow,
  from: string,
  to: string,
  context: MoveContext,
): MoveVerdict {
  const isAutomaticReturn =
    workflow.id === 'general' &&
    from === 'Attesa informazioni' &&
    context.actor === 'app' &&
    to !== 'Risolta';
  if (isAutomaticReturn && context.cameFrom !== to) {
    const back = context.cameFrom ?? '?';
    return refuse(
      'return-elsewhere',
      `Alla risposta del cliente la richiesta torna allo stato precedente («${back}»), non a «${to}».`,
      `When the customer answers, the request goes back to the status it came from ("${back}"), not to "${to}".`,
    );
  }

  const leavesTriageForWork =
    workflow.id === 'general' && from === 'Aperta' && to === 'In lavorazione';
  if (leavesTriageForWork && kindNeedsSeverity(context.kind) && context.severity === null) {
    return refuse(
      'triage-severity-required',
      'Prima di passare a «In lavorazione» assegna la gravità della segnalazione (1–4).',
      'Set the severity of the request (1–4) before moving it to "In lavorazione".',
    );
  }

  if (workflow.id === 'suggestion' && to === 'Pianificata' && !context.hasWorkCode) {
    return refuse(
      'work-code-required',
      'Una proposta pianificata deve avere un codice di lavorazione collegato (ad es. CNG-123).',
      'A planned suggestion needs a linked work code (for example CNG-123).',
    );
  }

  return { allowed: true };
}

function workflowName(workflow: Workflow): LocalizedText {
  return workflow.id === 'general'
    ? { it: 'generale', en: 'general' }
    : { it: 'delle proposte di sviluppo', en: 'development suggestion' };
}
