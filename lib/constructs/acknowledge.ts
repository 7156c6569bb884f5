import { Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag acknowledgements. cdk-nag v3 matches each finding exactly (`AwsSolutions-IAM5[Resource::…]`), so
 * wildcard findings are named here the way cdk-nag renders them: CloudFormation references flattened to
 * `<LogicalId.Attribute>`.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim() === '') throw new Error(`acknowledge ${id}: a reason is required`);
  Validations.of(scope).acknowledge({ id, reason });
}

function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const value = node as Record<string, unknown>;
    const join = value['Fn::Join'] as [string, unknown[]] | undefined;
    if (join) return join[1].map(flatten).join(join[0]);
    if ('Fn::Sub' in value) return flatten(value['Fn::Sub']);
    const getAtt = value['Fn::GetAtt'] as [unknown, unknown] | undefined;
    if (getAtt) return `<${flatten(getAtt[0])}.${flatten(getAtt[1])}>`;
    if ('Ref' in value) return `<${flatten(value.Ref)}>`;
  }
  return JSON.stringify(node);
}

/** The IAM5 finding id of a wildcard resource such as `${bucket.bucketArn}/invoices/*`. */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  const rendered = Token.isUnresolved(resource) ? flatten(Stack.of(scope).resolve(resource)) : resource;
  return `AwsSolutions-IAM5[Resource::${rendered}]`;
}
