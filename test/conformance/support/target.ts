import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { type ConformanceContext, conformanceContext } from './context.ts';
import type { Planned } from './plan.ts';

/** One principal's credentials, as SDK clients take them. */
export interface PrincipalCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** The SDK clients one principal uses; every test talks to its target only through these. */
export interface TargetClients {
  readonly sfn: SFNClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  readonly dynamodbStreams: DynamoDBStreamsClient;
  readonly sesv2: SESv2Client;
}

/**
 * Where the suite runs: the local emulators on loopback (local-target.ts) or a real account
 * (aws-target.ts). The same test files run against either; only what cannot be made through the
 * tested APIs themselves (roles, functions, event source mappings) is the target's business.
 */
export interface ConformanceTarget {
  readonly kind: 'local' | 'aws';
  readonly region: string;
  readonly context: ConformanceContext;
  /**
   * Clients acting as a principal: the target's own unless `credentials` are given, so IAM and KMS
   * tests can bring one principal's credentials per client set.
   */
  clients(credentials?: PrincipalCredentials): TargetClients;
  /** A planned resource's name in this run (plan.ts); anything unplanned is refused. */
  name(purpose: Planned): string;
  /** The role throw-away state machines run as. */
  readonly stateMachineRoleArn: string;
  /** A verified identity to send email from. */
  readonly sesFrom: string;
  /** Runs `cleanup` when the file's target closes, newest first, even when a test failed. */
  defer(cleanup: () => Promise<unknown>): void;
  /** A Node.js function from an ES module's source (`export const handler = …`); its ARN. */
  createFunction(purpose: Planned, source: string): Promise<string>;
  /** An SQS event source mapping with ReportBatchItemFailures, enabled before this resolves. */
  mapQueueToFunction(
    purpose: Planned,
    queueArn: string,
    functionArn: string,
    batchSize: number,
  ): Promise<void>;
  /**
   * A throw-away symmetric customer managed key with the default key policy (the account's IAM
   * policies decide who may use it); its ARN.
   */
  createKey(purpose: Planned): Promise<string>;
  /** A throw-away role allowed exactly `statements`, and clients acting as it. */
  createPrincipal(purpose: Planned, statements: readonly PolicyStatement[]): Promise<TargetClients>;
  /**
   * Makes a resource created with `keyArn` encrypted with it where the create call cannot: a bucket's
   * default encryption (PutBucketEncryption on AWS). Locally it tells the IAM model, for every kind,
   * since the emulators keep no key.
   */
  encryptWith(resource: EncryptedResource, keyArn: string): Promise<void>;
  /** Runs every deferred cleanup (reporting, not hiding, what could not be deleted), then stops. */
  close(): Promise<void>;
}

/** One statement of an identity policy. */
export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
}

/** A table, queue or bucket by kind, name and ARN. */
export interface EncryptedResource {
  readonly kind: 'table' | 'queue' | 'bucket';
  readonly name: string;
  readonly arn: string;
}

/** Opens the target this run is for: call in beforeAll, close in afterAll. */
export async function openTarget(): Promise<ConformanceTarget> {
  const context = conformanceContext();
  if (context.kind === 'aws') return (await import('./aws-target.ts')).openAwsTarget(context);
  return (await import('./local-target.ts')).openLocalTarget(context);
}

/** Deferred cleanups, run newest first; every one runs, and failures are reported together. */
export class Cleanups {
  private readonly steps: (() => Promise<unknown>)[] = [];

  add(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    const failures: string[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        failures.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    }
    if (failures.length > 0)
      throw new Error(`conformance cleanup left resources behind:\n${failures.join('\n')}`);
  }
}
