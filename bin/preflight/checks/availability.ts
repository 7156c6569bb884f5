import { describeError, errorKind } from '../aws-errors.ts';
import type { Finding } from '../findings.ts';
import { documentationOf, documentedRegions, isDocumented, type RegionalService } from '../regions.ts';
import { attempt, type CheckContext } from './context.ts';

const names: Readonly<Record<RegionalService, string>> = { textract: 'Textract', ses: 'SES' };

function unlisted(service: RegionalService, region: string, why: string): Finding {
  return {
    check: 'Region',
    level: 'fail',
    summary: `${names[service]} ${why} in ${region}: every ${service === 'ses' ? 'approval email' : 'extraction'} would fail`,
    details: [`${names[service]} regions: ${documentedRegions[service].join(', ')}`],
    fix: `deploy to a region that offers both Textract and SES (--region and the CDK environment)`,
    docs: documentationOf[service],
  };
}

/**
 * Textract and SES in the region: against AWS's documented endpoints, and for SES against a call made
 * anyway (SES's account), whose host does not resolve where SES has no endpoint.
 */
export async function availability({ reader, region }: CheckContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  findings.push(
    isDocumented('textract', region)
      ? { check: 'Region', level: 'ok', summary: `Textract has an endpoint in ${region}` }
      : unlisted('textract', region, 'has no documented endpoint'),
  );
  const probe = await attempt(() => reader.read('sesv2:GetAccount', {}));
  const unreachable = !probe.ok && errorKind(probe.error) === 'no-endpoint';
  if (unreachable)
    findings.push({
      ...unlisted('ses', region, 'did not answer'),
      details: [`sesv2:GetAccount: ${describeError(probe.ok ? undefined : probe.error)}`],
    });
  else if (!isDocumented('ses', region)) findings.push(unlisted('ses', region, 'has no documented endpoint'));
  else findings.push({ check: 'Region', level: 'ok', summary: `SES has an endpoint in ${region}` });
  return findings;
}
