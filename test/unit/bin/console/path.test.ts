import { describe, expect, it } from 'vitest';
import type { StepTiming } from '../../../../bin/console/data.ts';
import { fragmentsOf, type Graph, pathOf } from '../../../../bin/console/path.ts';
import { processes } from '../../../../lambdas/processes/index.ts';

const invoice = processes.find((p) => p.id === 'invoice');
if (!invoice) throw new Error('the invoice process is registered');
const fragments = fragmentsOf(invoice);

/** The invoice workflow's states that matter here, with their transitions. */
const graph: Graph = {
  startAt: 'Extract',
  states: [
    {
      name: 'Extract',
      type: 'Task',
      comment: 'reads',
      edges: [
        { to: 'Score', kind: 'next' },
        { to: 'Quarantine', kind: 'catch' },
        { to: 'ExtractFailed', kind: 'catch' },
      ],
    },
    { name: 'Score', type: 'Task', comment: 'scores', edges: [{ to: 'NeedsApproval', kind: 'next' }] },
    {
      name: 'NeedsApproval',
      type: 'Choice',
      comment: 'asks?',
      edges: [
        { to: 'RequestApproval', kind: 'choice' },
        { to: 'Finalize', kind: 'default' },
      ],
    },
    ...(fragments.RequestApproval ?? []).map((name) => ({
      name,
      type: 'Task',
      comment: '',
      edges:
        name === 'RequestApproval'
          ? [
              { to: 'RequestApprovalWait', kind: 'next' },
              { to: 'RequestApprovalFailed', kind: 'catch' },
            ]
          : name === 'RequestApprovalWait'
            ? [
                { to: 'Finalize', kind: 'next' },
                { to: 'RequestApprovalRemind', kind: 'catch' },
              ]
            : name === 'RequestApprovalFailed'
              ? [{ to: 'RecordFailure', kind: 'next' }]
              : [{ to: 'Finalize', kind: 'next' }],
    })),
    { name: 'Finalize', type: 'Task', comment: 'ends', edges: [] },
  ],
};

const step = (name: string, at: number, exitedAt?: number, failed = false): StepTiming => ({
  name,
  type: 'Task',
  enteredAt: at,
  ...(exitedAt === undefined ? {} : { exitedAt, durationMs: exitedAt - at }),
  failed,
});

describe('the drawn path', () => {
  it('knows the invoice’s human step and the states it expands into', () => {
    expect(Object.keys(fragments)).toEqual(['RequestApproval']);
    expect(fragments.RequestApproval).toEqual(
      expect.arrayContaining([
        'RequestApproval',
        'RequestApprovalWait',
        'RequestApprovalEscalateOrExpire',
        'RequestApprovalFailed',
      ]),
    );
  });

  it('draws the human step’s states as one node, with the phases reached, and each node’s untaken exits', () => {
    // Act
    const path = pathOf(
      graph,
      [
        step('Extract', 0, 100),
        step('Score', 100, 150),
        step('NeedsApproval', 150, 151),
        step('RequestApproval', 151, 200),
        step('RequestApprovalWait', 200, 900),
        step('RequestApprovalRemind', 900, 1000),
        step('Finalize', 1000, 1100),
      ],
      fragments,
    );
    // Assess
    expect(path.map((n) => n.name)).toEqual([
      'Extract',
      'Score',
      'NeedsApproval',
      'RequestApproval',
      'Finalize',
    ]);
    const human = path[3];
    expect(human).toMatchObject({
      type: 'HumanStep',
      states: ['RequestApproval', 'RequestApprovalWait', 'RequestApprovalRemind'],
      durationMs: 849,
      current: false,
    });
    // Its own states are inside the box; only what leaves the human step is an exit.
    expect(human?.otherExits).toEqual([{ to: 'RecordFailure', kind: 'next' }]);
    expect(path[0]?.otherExits).toEqual([
      { to: 'Quarantine', kind: 'catch' },
      { to: 'ExtractFailed', kind: 'catch' },
    ]);
    expect(path[2]?.otherExits).toEqual([{ to: 'Finalize', kind: 'default' }]);
  });

  it('marks where a running execution is now, and a state whose task failed', () => {
    const path = pathOf(
      graph,
      [
        step('Extract', 0, 100, true),
        step('Score', 100, 150),
        step('NeedsApproval', 150, 151),
        step('RequestApproval', 151, 200),
        step('RequestApprovalWait', 200),
      ],
      fragments,
    );
    expect(path[0]).toMatchObject({ failed: true, current: false });
    expect(path.at(-1)).toMatchObject({
      name: 'RequestApproval',
      current: true,
      states: ['RequestApproval', 'RequestApprovalWait'],
    });
    expect(path.at(-1)).not.toHaveProperty('durationMs');
  });

  it('draws a state entered again (a redrive from the start) as a node of its own', () => {
    const path = pathOf(graph, [step('Extract', 0, 1, true), step('Extract', 5, 9)], fragments);
    expect(path.map((n) => n.name)).toEqual(['Extract', 'Extract']);
  });
});
