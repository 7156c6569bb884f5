import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ProcessSpec } from '../lambdas/platform/registry/process-spec.ts';
import type { TowerConfig } from './config/index.ts';
import { TowerPlatform } from './tower-platform.ts';

export interface TowerStackProps extends StackProps {
  /** Parsed and validated settings (`parseConfig`, for the same processes). */
  readonly config: TowerConfig;
  /** The processes to deploy. */
  readonly processes: readonly ProcessSpec[];
}

/**
 * Tower as a whole app: one stack holding the platform. Its id is `Default`, so every resource keeps
 * the logical id it had when the stack built them itself (CDK leaves `Default` out of logical ids).
 */
export class TowerStack extends Stack {
  public readonly platform: TowerPlatform;

  constructor(scope: Construct, id: string, props: TowerStackProps) {
    super(scope, id, props);
    this.platform = new TowerPlatform(this, 'Default', { processes: props.processes, config: props.config });
  }
}
