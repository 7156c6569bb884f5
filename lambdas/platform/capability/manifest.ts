import type { CapabilityInfra } from '../../../lib/platform/capability-infra.ts';
import type { CapabilityLocal } from '../../../local/runtime/capability-local.ts';

import type { CapabilityParts } from '../registry/catalog.ts';
import type { Use } from './use.ts';

/**
 * Everything about one capability (an AWS service Tower integrates, or a platform mechanism), in one
 * place: the uses a function may declare, its settings, the resources it creates on AWS with their
 * alarms and dashboard rows, and its local side (emulator, IAM request mapping, delivery hooks). The CDK
 * app and the local runtime are loops over `capabilities.ts`; nothing else names a capability.
 */
export interface Capability extends CapabilityParts {
  /** As its folder under lambdas/platform/ is named. */
  readonly name: string;
  /** One line: what it is for. */
  readonly summary: string;
  /** The uses functions may declare, by name (`textract.analyzeExpense()`). */
  readonly uses?: Readonly<Record<string, (...args: never[]) => Use>>;
  /** The CDK context keys it reads (validated with the rest of the settings). */
  readonly settings?: readonly string[];
  /** Its resources, wiring, alarms and dashboard rows on AWS. */
  readonly infra?: CapabilityInfra;
  /** Its side of the local runtime (emulator, IAM request mapping, deliveries), loaded when the runtime starts. */
  readonly local?: () => Promise<CapabilityLocal>;
}

/** A capability manifest, checked for shape at compile time. */
export const capability = (manifest: Capability): Capability => manifest;
