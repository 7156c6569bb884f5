import type { CatalogView, Deployed, DeployedFunction } from './deployed.ts';

/**
 * One IAM statement a use implies, as data: the CDK app turns it into a policy statement on the
 * function's role (the local runtime evaluates the synthesized template, so it needs nothing more).
 */
export interface GrantStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Why these resources end in a wildcard (acknowledged as the cdk-nag IAM5 finding it is). */
  readonly wildcardReason?: string;
}

/** What a use asks of IAM: its statements, the actions it needs on the customer-managed key, and why `*`. */
export interface UseGrants {
  readonly statements: readonly GrantStatement[];
  /** Actions on the one key (merged across a function's uses into one statement). */
  readonly keyActions?: readonly string[];
  /** Why the role needs `Resource::*` (actions with no resource-level permissions). */
  readonly starReason?: string;
}

/**
 * Something a function does with a capability, declared on its spec (`uses: [textract.analyzeExpense()]`):
 * the grants and environment it implies, and what must hold in the catalog for it to make sense. Pure
 * data and functions over the deployment's names, so CDK (tokens) and the local runtime (strings)
 * compute the same environment from one place.
 */
export interface Use {
  /** The capability that offers it, as its folder is named (`textract`, `human-step`). */
  readonly capability: string;
  /** Which of the capability's uses it is (`defers`, `startExpenseAnalysis`). */
  readonly kind: string;
  /** What it names, when it names one thing (a queue id, a table id). */
  readonly target?: string;
  /** Its parameters, as listed in its summary (a table's operations, the task results it sends). */
  readonly detail?: readonly string[];
  /** What it is, in a few words (`AnalyzeExpense`, `reads intake objects`). */
  readonly summary: string;
  grants?(deployed: Deployed, fn: DeployedFunction): UseGrants;
  environment?(deployed: Deployed, fn: DeployedFunction): Readonly<Record<string, string>>;
  /** Problems of this use in the catalog (a queue it defers on that it does not consume…). */
  problems?(catalog: CatalogView, fn: DeployedFunction): readonly string[];
}

/** The uses of one capability (and kind) a function declares. */
export function usesOf(
  fn: { readonly uses: readonly Use[] },
  capability: string,
  kind?: string,
): readonly Use[] {
  return fn.uses.filter((u) => u.capability === capability && (kind === undefined || u.kind === kind));
}
