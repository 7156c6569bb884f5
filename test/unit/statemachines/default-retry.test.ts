import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultLambdaRetry, withDefaultRetry } from '../../../statemachines/default-retry.ts';
import { integrationArn } from '../../../statemachines/definition.ts';
import { generateDefinition } from '../../../statemachines/generated.ts';

// Lambda's transient service errors (Lambda.ServiceException, Lambda.AWSLambdaException,
// Lambda.SdkClientException; Lambda.TooManyRequestsException at the invocation limit) are retried by
// the state machine: https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html
// A state with no Retry field is not retried at all:
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** An ASL placeholder, `${Name}`, as the workflow sources write it. */
const placeholder = (name: string) => `\${${name}}`;
const task = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: placeholder('ScoreFunctionArn'),
  TimeoutSeconds: 40,
  ...extra,
});
const retryOf = (definition: { States: Record<string, Record<string, unknown>> }, name: string) =>
  definition.States[name]?.Retry;

describe('withDefaultRetry', () => {
  it.each([
    ['a function placeholder', placeholder('ScoreFunctionArn')],
    ['a Lambda ARN', 'arn:aws:lambda:us-east-1:123456789012:function:tower-score'],
    ['lambda:invoke', integrationArn('lambda:invoke')],
    ['lambda:invoke.waitForTaskToken', integrationArn('lambda:invoke.waitForTaskToken')],
  ])('gives a Task invoking %s that names no Retry the default', (_, resource) => {
    // Act
    const built = withDefaultRetry({ States: { Score: task({ Resource: resource, End: true }) } });

    // Assess
    expect(retryOf(built, 'Score')).toEqual(defaultLambdaRetry);
  });

  it('places it where a hand-written Retry stands: before Catch, else before Next or End', () => {
    // Prepare
    const catchAll = [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }];

    // Act
    const built = withDefaultRetry({
      States: {
        A: task({ Catch: catchAll, Next: 'B' }),
        B: task({ Next: 'C' }),
        C: task({ End: true }),
      },
    });

    // Assess
    expect(Object.keys(built.States.A ?? {})).toEqual([
      'Type',
      'Resource',
      'TimeoutSeconds',
      'Retry',
      'Catch',
      'Next',
    ]);
    expect(Object.keys(built.States.B ?? {})).toEqual([
      'Type',
      'Resource',
      'TimeoutSeconds',
      'Retry',
      'Next',
    ]);
    expect(Object.keys(built.States.C ?? {})).toEqual(['Type', 'Resource', 'TimeoutSeconds', 'Retry', 'End']);
  });

  it("keeps a Task's own Retry, an empty one included, and leaves other states alone", () => {
    // Prepare
    const own = [{ ErrorEquals: ['Tower.Transient'], MaxAttempts: 9 }];
    const source = {
      States: {
        Own: task({ Retry: own, Next: 'None' }),
        None: task({ Retry: [], Next: 'Wait' }),
        Wait: { Type: 'Wait', Seconds: 1, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };

    // Act
    const built = withDefaultRetry(source);

    // Assess
    expect(built).toEqual(source);
  });

  it('reaches Tasks inside Parallel branches and Map iterators', () => {
    // Act
    const built = withDefaultRetry({
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'X', States: { X: task({ End: true }) } }],
          Next: 'Each',
        },
        Each: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Y', States: { Y: task({ End: true }) } },
          Next: 'Old',
        },
        Old: { Type: 'Map', Iterator: { StartAt: 'Z', States: { Z: task({ End: true }) } }, End: true },
      },
    });

    // Assess
    expect(JSON.stringify(built).split('"Retry"')).toHaveLength(4);
  });

  it('refuses a Task of another integration that names no Retry, naming the state', () => {
    // Prepare
    const send = task({ Resource: integrationArn('sqs:sendMessage'), End: true });

    // Act
    const build = () => withDefaultRetry({ States: { Send: send } });

    // Assess
    expect(build).toThrow(/Task Send \(arn:\$\{Partition\}:states:::sqs:sendMessage\) names no Retry/);
  });
});

describe('the workflow sources', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.name.endsWith('.workflow.json'))
      .map((entry) => join(entry.parentPath, entry.name));
  const all = [...sources(join(root, 'statemachines')), ...sources(join(root, 'test/processes'))];

  it.each(all.map((path) => [path.slice(root.length), path]))(
    '%s writes no copy of the default: a Task names a Retry only where it differs',
    (_, path) => {
      // Prepare
      const source = JSON.parse(readFileSync(path, 'utf8')) as {
        States: Record<string, { Retry?: unknown }>;
      };

      // Act
      const copies = Object.entries(source.States).filter(([, state]) =>
        isDeepStrictEqual(state.Retry, defaultLambdaRetry),
      );

      // Assess
      expect(copies.map(([name]) => name)).toEqual([]);
      expect(generateDefinition(path).States).toBeDefined();
    },
  );

  it('finds the sources it checks', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
  });
});
