import { describe, expect, it } from 'vitest';
import type { AccountReader, Answer, Operation, Questions } from '../../../../bin/preflight/answers.ts';
import { RecordedAwsError } from '../../../../bin/preflight/aws-errors.ts';
import { readRecording } from '../../../../bin/preflight/recording.ts';
import { RecordingReader } from '../../../../bin/preflight/recording-reader.ts';
import { ReplayReader } from '../../../../bin/preflight/replay-reader.ts';
import { answer, fixturePath, recordingOf, refusal } from './support.ts';

describe('preflight: recordings', () => {
  it('replays an answer whatever the order of the question fields, and an error under its AWS name', async () => {
    const reader = new ReplayReader(
      recordingOf([
        answer(
          'service-quotas:ListServiceQuotas',
          { ServiceCode: 'textract', NextToken: 't' },
          { Quotas: [] },
        ),
        refusal('ssm:GetParameter', { Name: '/x' }, 'ParameterNotFound'),
      ]),
    );
    expect(
      await reader.read('service-quotas:ListServiceQuotas', { NextToken: 't', ServiceCode: 'textract' }),
    ).toEqual({
      Quotas: [],
    });
    const error = await reader.read('ssm:GetParameter', { Name: '/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordedAwsError);
    expect(error).toMatchObject({ name: 'ParameterNotFound' });
  });

  it('names what it holds when asked something it has no answer to', async () => {
    const reader = new ReplayReader(
      recordingOf([refusal('ssm:GetParameter', { Name: '/x' }, 'ParameterNotFound')]),
    );
    await expect(reader.read('ssm:GetParameter', { Name: '/y' })).rejects.toThrow(
      'the recording has no answer to ssm:GetParameter {"Name":"/y"} (it answers {"Name":"/x"})',
    );
  });

  it("refuses an answer that does not have the API's shape", async () => {
    const reader = new ReplayReader(
      recordingOf([
        answer('lambda:GetAccountSettings', {}, { AccountLimit: { ConcurrentExecutions: 'ten' } }),
      ]),
    );
    await expect(reader.read('lambda:GetAccountSettings', {})).rejects.toThrow(
      "lambda:GetAccountSettings: the answer does not have the API's shape: AccountLimit.ConcurrentExecutions",
    );
  });

  it('records live answers without SDK metadata, and errors by name, so that they replay the same', async () => {
    // Prepare: a live reader answering as the SDK does, with $metadata and dates.
    const sdkAnswer = {
      Stacks: [{ StackName: 'CDKToolkit', StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date(0) }],
      $metadata: { httpStatusCode: 200, requestId: 'r-1' },
    };
    const answers: { readonly [O in Operation]?: () => Promise<Answer<O>> } = {
      'cloudformation:DescribeStacks': async () => sdkAnswer,
      'ssm:GetParameter': async () => {
        throw Object.assign(new Error(''), { name: 'ParameterNotFound' });
      },
    };
    const live: AccountReader = {
      read: <O extends Operation>(operation: O, _question: Questions[O]): Promise<Answer<O>> => {
        const answerOf = answers[operation];
        if (!answerOf) throw new Error(`unexpected ${operation}`);
        return answerOf();
      },
    };
    const recorder = new RecordingReader(live);
    // Act
    await recorder.read('cloudformation:DescribeStacks', { StackName: 'CDKToolkit' });
    await recorder.read('ssm:GetParameter', { Name: '/v' }).catch(() => undefined);
    // Assess
    expect(recorder.entries).toEqual([
      {
        operation: 'cloudformation:DescribeStacks',
        question: { StackName: 'CDKToolkit' },
        answer: {
          Stacks: [
            {
              StackName: 'CDKToolkit',
              StackStatus: 'UPDATE_COMPLETE',
              CreationTime: '1970-01-01T00:00:00.000Z',
            },
          ],
        },
      },
      {
        operation: 'ssm:GetParameter',
        question: { Name: '/v' },
        error: { name: 'ParameterNotFound', message: '' },
      },
    ]);
    const replay = new ReplayReader(recordingOf(recorder.entries));
    expect(
      (await replay.read('cloudformation:DescribeStacks', { StackName: 'CDKToolkit' })).Stacks?.[0]
        ?.StackStatus,
    ).toBe('UPDATE_COMPLETE');
  });

  it('reads the fixture and refuses a file that is not a recording', () => {
    expect(readRecording(fixturePath('sandbox-account.json')).region).toBe('eu-west-1');
    expect(() => readRecording(fixturePath('../textract/nothing-here.json'))).toThrow(
      'cannot read the recording',
    );
    expect(() => readRecording(new URL('../../../../package.json', import.meta.url).pathname)).toThrow(
      'is not a preflight recording',
    );
  });
});
