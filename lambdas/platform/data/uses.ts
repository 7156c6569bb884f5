import { type Deployed, type DeployedFunction, processesOf } from '../capability/deployed.ts';
import type { GrantStatement, Use } from '../capability/use.ts';
import { type bucketPrefixes, envVars } from '../registry/names.ts';

/**
 * `readVersion` reads the version an S3 event names (the bucket is versioned); `list` lets a read of a
 * missing key answer NoSuchKey rather than AccessDenied.
 */
export type BucketAccess = 'read' | 'readVersion' | 'write' | 'delete' | 'list';

/**
 * A prefix of the data bucket; `intake` stands for the intake prefixes. A platform function is granted
 * an area for every process, a process's own function only its process's part (`results/<process>/`).
 */
export type BucketArea = 'intake' | (typeof bucketPrefixes)[keyof typeof bucketPrefixes];

/** Object actions per access level. */
export const bucketActions: Readonly<Record<BucketAccess, readonly string[]>> = {
  read: ['s3:GetObject'],
  // GetObject/HeadObject with a VersionId (S3 API Reference, GetObject "Permissions").
  readVersion: ['s3:GetObjectVersion'],
  write: ['s3:PutObject'],
  delete: ['s3:DeleteObject'],
  // Granted on the bucket with an `s3:prefix` condition, not on objects.
  list: [],
};

/** What each access level needs of the bucket's key (SSE-KMS). */
export const bucketKeyActions: Readonly<Record<BucketAccess, readonly string[]>> = {
  read: ['kms:Decrypt'],
  readVersion: ['kms:Decrypt'],
  write: ['kms:GenerateDataKey'],
  delete: [],
  list: [],
};

/** The key prefixes of an area a function reaches: a process's own function only its process's part. */
export function areaPrefixes(deployed: Deployed, fn: DeployedFunction, area: BucketArea): string[] {
  if (area === 'intake') return processesOf(deployed, fn).map((p) => p.intakePrefix);
  return [fn.process === undefined ? area : `${area}${fn.process}/`];
}

/** Access to the objects under one area of the data bucket (env DATA_BUCKET). */
function objects(area: BucketArea, access: readonly BucketAccess[]): Use {
  return {
    capability: 'data',
    kind: 'objects',
    target: area,
    detail: access,
    summary: `${access.join(', ')} objects under ${area}`,
    grants: (deployed, fn) => {
      const prefixes = areaPrefixes(deployed, fn, area);
      const resources = prefixes.map((prefix) => deployed.bucket.objects(prefix));
      const reason = `Objects under one prefix of the data bucket (${area}); their keys are only known at run time`;
      const statements: GrantStatement[] = [
        { actions: access.flatMap((a) => bucketActions[a]), resources, wildcardReason: reason },
      ];
      if (access.includes('list'))
        statements.push({
          actions: ['s3:ListBucket'],
          resources: [deployed.bucket.arn],
          conditions: { StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } },
        });
      return { statements, keyActions: access.flatMap((a) => bucketKeyActions[a]) };
    },
    environment: (deployed) => ({ [envVars.bucket]: deployed.bucket.name }),
  };
}

/** The data bucket: intake, extractions, results, quarantine. */
export const data = { objects };
