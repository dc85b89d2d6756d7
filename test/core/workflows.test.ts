/** Each rule of the two workflows, judged on the moves that the rule allows and forbids. */
import {
  GENERAL_STATUSES,
  GENERAL_WORKFLOW,
  SUGGESTION_WORKFLOW,
  judgeMove,
  workflowForKind,
  type MoveContext,
} from '../../src/core/workflows';

const agent: MoveContext = { actor: 'agent', kind: 'service', severity: 4, hasWorkCode: false };
const customer: MoveContext = { ...agent, actor: 'customer' };
const app: MoveContext = { ...agent, actor: 'app' };

function rule(verdict: ReturnType<typeof judgeMove>): string {
  return verdict.allowed ? 'allowed' : verdict.rule;
}

describe('general workflow', () => {
  it.each([
    ['Aperta', 'Attesa informazioni'],
    ['Aperta', 'Attesa approvazione'],
    ['Aperta', 'In lavorazione'],
    ['Aperta', 'Risolta'],
    ['Attesa informazioni', 'In lavorazione'],
    ['Attesa informazioni', 'Attesa approvazione'],
    ['Attesa informazioni', 'Risolta'],
    ['Attesa approvazione', 'In lavorazione'],
    ['Attesa approvazione', 'Attesa informazioni'],
    ['Attesa approvazione', 'Risolta'],
    ['In lavorazione', 'Attesa informazioni'],
    ['In lavorazione', 'Attesa approvazione'],
    ['In lavorazione', 'Risolta'],
    ['Risolta', 'Chiusa'],
  ])('lets an agent move a request from %s to %s', (from, to) => {
    expect(rule(judgeMove(GENERAL_WORKFLOW, from, to, agent))).toBe('allowed');
  });

  it.each([
    ['Aperta', 'Chiusa'],
    ['In lavorazione', 'Aperta'],
    ['Attesa approvazione', 'Aperta'],
    ['Risolta', 'Attesa informazioni'],
  ])('has no move from %s to %s', (from, to) => {
    expect(rule(judgeMove(GENERAL_WORKFLOW, from, to, agent))).toBe('move-not-in-workflow');
  });

  it('keeps a closed request closed', () => {
    const verdict = judgeMove(GENERAL_WORKFLOW, 'Chiusa', 'In lavorazione', agent);
    expect(rule(verdict)).toBe('terminal-status');
    expect(verdict).toMatchObject({ message: { it: expect.stringContaining('Chiusa') } });
  });

  it('refuses a status that the workflow does not have, naming it', () => {
    const verdict = judgeMove(GENERAL_WORKFLOW, 'Aperta', 'In valutazione', agent);
    expect(rule(verdict)).toBe('unknown-status');
    expect(verdict).toMatchObject({ message: { en: expect.stringContaining('In valutazione') } });
  });

  it.each(GENERAL_STATUSES.filter((status) => !['Chiusa', 'Risolta'].includes(status)))(
    'lets the customer resolve a request that is in %s',
    (from) => {
      expect(rule(judgeMove(GENERAL_WORKFLOW, from, 'Risolta', customer))).toBe('allowed');
    },
  );

  it('lets the customer reopen a resolved request but not close it', () => {
    expect(rule(judgeMove(GENERAL_WORKFLOW, 'Risolta', 'In lavorazione', customer))).toBe(
      'allowed',
    );
    expect(rule(judgeMove(GENERAL_WORKFLOW, 'Risolta', 'Chiusa', customer))).toBe(
      'actor-not-allowed',
    );
  });

  it('keeps the customer from moving a request into work', () => {
    const verdict = judgeMove(GENERAL_WORKFLOW, 'Aperta', 'In lavorazione', customer);
    expect(rule(verdict)).toBe('actor-not-allowed');
    expect(verdict).toMatchObject({
      message: { en: 'Only an agent may move a request from "Aperta" to "In lavorazione".' },
    });
  });

  it('leaves the return from Attesa informazioni on a reply to the app', () => {
    expect(rule(judgeMove(GENERAL_WORKFLOW, 'Attesa informazioni', 'Aperta', agent))).toBe(
      'actor-not-allowed',
    );
    expect(
      rule(
        judgeMove(GENERAL_WORKFLOW, 'Attesa informazioni', 'Aperta', {
          ...app,
          cameFrom: 'Aperta',
        }),
      ),
    ).toBe('allowed');
  });

  it('returns a request only to the status it came from', () => {
    const verdict = judgeMove(GENERAL_WORKFLOW, 'Attesa informazioni', 'Aperta', {
      ...app,
      cameFrom: 'In lavorazione',
    });
    expect(rule(verdict)).toBe('return-elsewhere');
    expect(
      rule(
        judgeMove(GENERAL_WORKFLOW, 'Attesa informazioni', 'In lavorazione', {
          ...app,
          cameFrom: 'In lavorazione',
        }),
      ),
    ).toBe('allowed');
  });

  it('lets the app resolve a request left waiting for information', () => {
    expect(rule(judgeMove(GENERAL_WORKFLOW, 'Attesa informazioni', 'Risolta', app))).toBe(
      'allowed',
    );
  });

  describe('triage rule', () => {
    const anomaly: MoveContext = { ...agent, kind: 'anomaly', severity: null };

    it('keeps an anomaly without severity in Aperta', () => {
      const verdict = judgeMove(GENERAL_WORKFLOW, 'Aperta', 'In lavorazione', anomaly);
      expect(rule(verdict)).toBe('triage-severity-required');
      expect(verdict).toMatchObject({ message: { it: expect.stringContaining('gravità') } });
    });

    it('lets an anomaly with a severity into work', () => {
      expect(
        rule(judgeMove(GENERAL_WORKFLOW, 'Aperta', 'In lavorazione', { ...anomaly, severity: 2 })),
      ).toBe('allowed');
    });

    it('lets an anomaly without severity wait for information', () => {
      expect(rule(judgeMove(GENERAL_WORKFLOW, 'Aperta', 'Attesa informazioni', anomaly))).toBe(
        'allowed',
      );
    });

    it('does not hold back a service request, whose default severity stands', () => {
      expect(
        rule(judgeMove(GENERAL_WORKFLOW, 'Aperta', 'In lavorazione', { ...agent, severity: null })),
      ).toBe('allowed');
    });
  });
});

describe('suggestion workflow', () => {
  const planned: MoveContext = { ...agent, kind: 'suggestion', hasWorkCode: true };

  it.each([
    ['Aperta', 'In valutazione', 'agent'],
    ['Aperta', 'Ritirata', 'customer'],
    ['In valutazione', 'Pianificata', 'agent'],
    ['In valutazione', 'Non pianificata', 'agent'],
    ['In valutazione', 'Ritirata', 'customer'],
    ['Pianificata', 'In sviluppo', 'agent'],
    ['Pianificata', 'Non pianificata', 'agent'],
    ['In sviluppo', 'Rilasciata', 'agent'],
    ['In sviluppo', 'Rilasciata', 'app'],
  ] as const)('allows %s → %s by %s', (from, to, actor) => {
    expect(rule(judgeMove(SUGGESTION_WORKFLOW, from, to, { ...planned, actor }))).toBe('allowed');
  });

  it('lets only the customer withdraw a suggestion', () => {
    expect(rule(judgeMove(SUGGESTION_WORKFLOW, 'Aperta', 'Ritirata', planned))).toBe(
      'actor-not-allowed',
    );
  });

  it('cannot withdraw a suggestion already planned', () => {
    expect(
      rule(
        judgeMove(SUGGESTION_WORKFLOW, 'Pianificata', 'Ritirata', {
          ...planned,
          actor: 'customer',
        }),
      ),
    ).toBe('move-not-in-workflow');
  });

  it.each(['Non pianificata', 'Rilasciata', 'Ritirata'])('treats %s as final', (from) => {
    expect(rule(judgeMove(SUGGESTION_WORKFLOW, from, 'In valutazione', planned))).toBe(
      'terminal-status',
    );
  });

  it('plans a suggestion only with a linked work code', () => {
    const verdict = judgeMove(SUGGESTION_WORKFLOW, 'In valutazione', 'Pianificata', {
      ...planned,
      hasWorkCode: false,
    });
    expect(rule(verdict)).toBe('work-code-required');
    expect(verdict).toMatchObject({ message: { en: expect.stringContaining('work code') } });
  });

  it('follows the suggestion workflow only for suggestions', () => {
    expect(workflowForKind('suggestion')).toBe(SUGGESTION_WORKFLOW);
    expect(workflowForKind('anomaly')).toBe(GENERAL_WORKFLOW);
    expect(workflowForKind('service')).toBe(GENERAL_WORKFLOW);
  });
});
