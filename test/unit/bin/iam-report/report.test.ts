import { describe, expect, it } from 'vitest';
import { iamReport } from '../../../../bin/iam-report/report.ts';
import type { Decision } from '../../../../local/iam/decisions.ts';
import type { LocalRole } from '../../../../local/iam/policy-model.ts';

const role: LocalRole = {
  arn: 'arn:aws:iam::000000000000:role/tower-local-f',
  label: 'function f',
  policies: [
    {
      name: 'FPolicy',
      policy: {
        Statement: [
          { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:DeleteItem'], Resource: 'arn:table' },
          { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:logs' },
        ],
      },
    },
  ],
};
const used: Decision = {
  principal: role.arn,
  action: 'dynamodb:GetItem',
  resource: 'arn:table',
  allowed: true,
  allowedBy: ['FPolicy#1'],
  via: 'handler',
};

describe('the IAM report', () => {
  it('prints each unused grant with the reason it stays, or NO REASON, and counts both', () => {
    // Prepare
    const reasons = [{ action: 'logs:PutLogEvents', roles: /^function /, reason: 'Lambda writes the logs' }];

    // Act
    const report = iamReport([role], [used], reasons);

    // Assess
    expect(report.split('\n')[0]).toBe(
      'IAM report: 1 principals, 1 distinct decisions, 0 denied, 2 granted actions unused (1 with a reason, 1 without)',
    );
    expect(report).toContain(
      '    logs:PutLogEvents on arn:logs  (FPolicy#2)\n      why kept: Lambda writes the logs',
    );
    expect(report).toContain('    dynamodb:DeleteItem on arn:table  (FPolicy#1)\n      NO REASON');
  });

  it('applies a reason only to the roles it names', () => {
    const reasons = [{ action: 'logs:PutLogEvents', roles: /^state machine /, reason: 'not for functions' }];
    expect(iamReport([role], [used], reasons)).toContain('(0 with a reason, 2 without)');
  });
});
