import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkIdentityWarning } from '../../lambdas/platform/human-step/infra/identity-check.ts';
import {
  arnOf,
  asList,
  logicalIdOf,
  type SynthesizedTower,
  statementsOf,
  synthTimeout,
  synthTower,
} from './tower-template.ts';

const withIdentity = (identity: string) => ({
  processes: { invoice: { approval: { approvers: ['ap@acme.test'], identity } } },
});

let passkey: SynthesizedTower;
beforeAll(() => {
  passkey = synthTower(withIdentity('passkey'));
}, synthTimeout);

describe('the identity of approvers at synth', () => {
  it(
    'warns when a process lets the link alone decide (an explicit opt-in)',
    () => {
      // Act
      const link = synthTower(withIdentity('link'));

      // Assess
      Annotations.fromStack(link.stack).hasWarning(
        '*',
        Match.stringLikeRegexp(
          `processes\\.invoice\\.approval\\.identity is "link".*\\[ack: ${linkIdentityWarning}\\]`,
        ),
      );
    },
    synthTimeout,
  );

  it('says nothing for passkeys, the default', () => {
    Annotations.fromStack(passkey.stack).hasNoWarning('*', Match.stringLikeRegexp('identity is'));
  });

  it(
    'refuses oidc, which is not yet available, with a clear error',
    () => {
      expect(() => synthTower(withIdentity('oidc'))).toThrow(
        'processes.invoice.approval.identity "oidc" is not yet available',
      );
    },
    synthTimeout,
  );
});

describe('the identity table', () => {
  it('is encrypted with the platform key, expires sessions by TTL, and is keyed by one string', () => {
    const keyRef = { 'Fn::GetAtt': [logicalIdOf(passkey.stack.platform.key.key), 'Arn'] };
    const table = passkey.resources[logicalIdOf(passkey.stack.platform.tables.table('identity'))]?.Properties;
    expect(table).toMatchObject({
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyRef },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
    });
  });

  it('is reached by the approval function alone, with get, put and update: no scan, query, batch or delete', () => {
    // Prepare
    const arn = arnOf(passkey.stack.platform.tables.table('identity'));
    const on = (id: string) =>
      statementsOf(passkey, id).filter((s) => JSON.stringify(s.Resource).includes(JSON.stringify(arn)));

    // Act
    const approval = on('approval-api');

    // Assess
    expect(approval.flatMap((s) => asList(s.Action)).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    for (const id of ['request-approval', 'start-execution'] as const) expect(on(id)).toEqual([]);
  });
});
