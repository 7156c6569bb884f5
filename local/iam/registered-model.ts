import type { PolicyDocument } from './policy-document.ts';
import type { LocalRole, PolicyModel } from './policy-model.ts';

/**
 * A policy model built by registration rather than from a template: roles, key policies and which key
 * encrypts what are added as they are made. The conformance suite's local target uses it for its
 * throw-away principals and keys, so its KMS tests meet the same evaluator and denials the runtime does.
 */
export class RegisteredPolicyModel implements PolicyModel {
  readonly roles = new Map<string, LocalRole>();
  readonly functionRoles = new Map<string, string>();
  readonly stateMachineRoles = new Map<string, string>();
  readonly resourcePolicies = new Map<string, { name: string; policy: PolicyDocument }>();
  readonly encryptionKeys = new Map<string, string>();
  readonly resolve = (value: unknown) => value;

  constructor(
    readonly account: string,
    readonly region: string,
  ) {}

  /** A role with one inline policy of these statements. */
  addRole(arn: string, label: string, statements: readonly Record<string, unknown>[]): void {
    this.roles.set(arn, {
      arn,
      label,
      policies: [{ name: `${label} policy`, policy: { Statement: statements } }],
    });
  }

  /** A key with the key policy AWS gives a key created without one: the account's IAM policies decide. */
  addKey(arn: string): void {
    const root = `arn:aws:iam::${this.account}:root`;
    this.resourcePolicies.set(arn, {
      name: `${arn.split('/').pop()} key policy`,
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Enable IAM User Permissions',
            Effect: 'Allow',
            Principal: { AWS: root },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      },
    });
  }

  /** A table, queue or bucket encrypted with a key (the local emulators keep no SSE settings). */
  encrypt(resourceArn: string, keyArn: string): void {
    this.encryptionKeys.set(resourceArn, keyArn);
  }
}
