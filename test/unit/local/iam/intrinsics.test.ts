import { describe, expect, it } from 'vitest';
import { resolveIntrinsics } from '../../../../local/iam/intrinsics.ts';

const scope = {
  region: 'eu-west-1',
  account: '000000000000',
  ref: (id: string) => `ref-of-${id}`,
  getAtt: (id: string, attribute: string) => `${attribute}-of-${id}`,
};

describe('resolveIntrinsics', () => {
  it('resolves Ref, pseudo parameters and Fn::GetAtt in both forms', () => {
    expect(resolveIntrinsics({ Ref: 'Table1' }, scope)).toBe('ref-of-Table1');
    expect(resolveIntrinsics({ Ref: 'AWS::Partition' }, scope)).toBe('aws');
    expect(resolveIntrinsics({ Ref: 'AWS::AccountId' }, scope)).toBe('000000000000');
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['Queue1', 'Arn'] }, scope)).toBe('Arn-of-Queue1');
    expect(resolveIntrinsics({ 'Fn::GetAtt': 'Queue1.QueueName' }, scope)).toBe('QueueName-of-Queue1');
  });

  it('joins, substitutes (with and without variables), selects and splits', () => {
    const joined = {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':*']],
    };
    expect(resolveIntrinsics(joined, scope)).toBe('arn:aws:logs:eu-west-1:*');
    expect(resolveIntrinsics({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' }, scope)).toBe(
      'arn:aws:s3:::ref-of-Bucket/*',
    );
    expect(resolveIntrinsics({ 'Fn::Sub': ['${Key.Arn}|${x}', { x: { Ref: 'Y' } }] }, scope)).toBe(
      'Arn-of-Key|ref-of-Y',
    );
    expect(resolveIntrinsics({ 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] }, scope)).toBe('b');
  });

  it('resolves nested policy documents and leaves plain values alone', () => {
    const policy = {
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: { 'Fn::GetAtt': ['B', 'Arn'] } }],
    };
    expect(resolveIntrinsics(policy, scope)).toEqual({
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'Arn-of-B' }],
    });
  });

  it('refuses an intrinsic it cannot resolve rather than passing it through', () => {
    expect(() => resolveIntrinsics({ 'Fn::ImportValue': 'x' }, scope)).toThrow(
      /cannot resolve Fn::ImportValue/,
    );
  });
});
