import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundling } from '../../lambdas/platform/registry/bundling.ts';
import type { CatalogFunction } from '../../lambdas/platform/registry/catalog.ts';
import { acknowledge } from './acknowledge.ts';

/** Absolute path of a function's entry file (its registry resolves it from its own module). */
export function entryPath(spec: CatalogFunction): string {
  return spec.entry;
}

const lockFile = fileURLToPath(new URL('../../package-lock.json', import.meta.url));

export interface TowerFunctionProps {
  /** The registry entry: entry file, memory, timeout, description. */
  readonly spec: CatalogFunction;
  /** Encrypts the function's log group. */
  readonly encryptionKey: kms.IKey;
  /** Environment variables; `baseEnvironment` and table names are the caller's to add. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** Of the log group. @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * One Tower Lambda function: Node.js 22 on ARM, bundled with the shared esbuild settings, active
 * tracing, and its own encrypted log group. Its role starts with nothing but writing to that log group;
 * grants come from its uses (see function-grants.ts).
 */
export class TowerFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly spec: CatalogFunction;

  constructor(scope: Construct, id: string, props: TowerFunctionProps) {
    super(scope, id);
    const { spec } = props;
    const entry = entryPath(spec);
    const bundlingRequired = Stack.of(this).bundlingRequired;
    if (bundlingRequired && !existsSync(entry))
      throw new Error(`TowerFunction ${spec.id}: entry file ${entry} does not exist`);

    this.spec = spec;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `tower ${spec.id}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      description: spec.description,
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment },
      depsLockFilePath: lockFile,
      // With bundling skipped (`cdk ls`, `cdk destroy`, tests) a missing entry is no error: nothing is built.
      ...(existsSync(entry)
        ? { entry, handler: 'handler', bundling: bundlingOptions() }
        : {
            code: lambda.Code.fromInline('// bundling skipped; entry not written yet'),
            handler: 'index.handler',
          }),
    });

    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'Pinned to nodejs22.x on purpose: the bundles target node22 (lambdas/platform/registry/bundling.ts) and the ' +
        'local runtime runs the same code; the runtime moves with that target, not ahead of it',
    );
  }
}

/** The registry's esbuild settings in NodejsFunction's terms. */
function bundlingOptions(): nodejs.BundlingOptions {
  return {
    minify: bundling.minify,
    sourceMap: bundling.sourcemap,
    target: bundling.target,
    format: nodejs.OutputFormat.ESM,
    mainFields: [...bundling.mainFields],
    banner: bundling.banner,
    externalModules: [...bundling.external],
    bundleAwsSDK: true,
    forceDockerBundling: false,
  };
}
