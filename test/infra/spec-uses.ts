import { usesOf } from '../../lambdas/platform/capability/use.ts';
import type { BucketAccess, BucketArea } from '../../lambdas/platform/data/uses.ts';
import type { CatalogFunction } from '../../lambdas/platform/registry/catalog.ts';
import type { TableOperation } from '../../lambdas/platform/stores/uses.ts';
import type { TaskResult } from '../../lambdas/platform/workflows/uses.ts';

/** What a function's spec declares, read from its uses: the infra tests hold the template to these. */

/** Whether a function declares a use of a capability (and kind). */
export const has = (spec: CatalogFunction, capability: string, kind?: string): boolean =>
  usesOf(spec, capability, kind).length > 0;

/** What a function's first use of a capability and kind names (a queue id). */
export const targetOf = (spec: CatalogFunction, capability: string, kind: string): string | undefined =>
  usesOf(spec, capability, kind)[0]?.target;

/** Table id → the operations a function declares on it. */
export const tablesOf = (spec: CatalogFunction): Record<string, TableOperation[]> =>
  Object.fromEntries(
    usesOf(spec, 'stores', 'table').map((u) => [u.target ?? '', [...(u.detail ?? [])] as TableOperation[]]),
  );

/** The bucket areas a function declares, with their access. */
export const bucketOf = (spec: CatalogFunction): { area: BucketArea; access: BucketAccess[] }[] =>
  usesOf(spec, 'data', 'objects').map((u) => ({
    area: (u.target ?? '') as BucketArea,
    access: [...(u.detail ?? [])] as BucketAccess[],
  }));

/** The task results a function declares it sends. */
export const taskResultsOf = (spec: CatalogFunction): TaskResult[] =>
  usesOf(spec, 'workflows', 'sendTaskResults').flatMap((u) => [...(u.detail ?? [])] as TaskResult[]);

/** The Textract actions a function declares. */
export const textractActionsOf = (spec: CatalogFunction): string[] =>
  usesOf(spec, 'textract').flatMap((u) => [...(u.detail ?? [])]);
