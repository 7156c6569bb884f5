import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedTower, synthTimeout, synthTower } from './tower-template.ts';

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower();
}, synthTimeout);

/** Every value under a key named `key` anywhere in a template value. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOf(v, key)]);
}

/** The TypeScript files under a folder of the repository, recursively. */
function sources(folder: string): string[] {
  const root = new URL(`../../${folder}/`, import.meta.url).pathname;
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, file));
}

// A service principal is "service-name.amazonaws.com" (IAM User Guide, "AWS service principals"), the form
// CDK's ServicePrincipal renders with the standardized-principals behaviour of CDK v2; a name with a region
// in it (CloudWatch Logs' logs.<region>.…) or an endpoint name (kms:ViaService) ends in the partition's
// URL suffix, amazonaws.com.cn in China, so the template takes it from AWS::URLSuffix.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services
// https://docs.aws.amazon.com/cdk/api/latest/python/aws_cdk.aws_iam/ServicePrincipal.html
describe('service principals and service endpoint names', () => {
  it('are standard service principal names, or end in the partition URL suffix when built from parts', () => {
    const services = valuesOf(tower.template.toJSON(), 'Service').flatMap((v) =>
      Array.isArray(v) ? v : [v],
    );
    expect(services.length).toBeGreaterThan(0);
    const urlSuffix = { Ref: 'AWS::URLSuffix' };
    for (const service of services) {
      if (typeof service === 'string') expect(service).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)?\.amazonaws\.com$/);
      else expect((service as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].at(-1)).toEqual(urlSuffix);
    }
    // The regional CloudWatch Logs principal is one of them, so the join branch is exercised.
    expect(services.filter((s) => typeof s !== 'string').length).toBeGreaterThan(0);
  });

  it('are never joined by hand with a literal amazonaws.com', () => {
    const pieces = valuesOf(tower.template.toJSON(), 'Fn::Join').flatMap((join) =>
      ((join as [string, unknown[]])[1] ?? []).filter((piece): piece is string => typeof piece === 'string'),
    );
    expect(pieces.filter((piece) => piece.includes('amazonaws.com'))).toEqual([]);
  });

  it('come from iam.ServicePrincipal in the CDK code: no other amazonaws.com literal there', () => {
    const infra = [...sources('lib'), ...sources('lambdas/platform')].filter(
      (file) => file.includes('/lib/') || file.includes('/infra/'),
    );
    const handWritten = infra.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes('amazonaws.com'))
        .filter((line) => !/new iam\.ServicePrincipal\('[a-z0-9-]+\.amazonaws\.com'\)/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(infra.length).toBeGreaterThan(0);
    expect(handWritten).toEqual([]);
  });
});
