import { describeError } from './aws-errors.ts';
import { apiGatewayRole } from './checks/api-gateway-role.ts';
import { availability } from './checks/availability.ts';
import { bootstrap } from './checks/bootstrap.ts';
import type { Check, CheckContext } from './checks/context.ts';
import { existingStack } from './checks/existing-stack.ts';
import { lambdaConcurrency } from './checks/lambda-concurrency.ts';
import { sesAccount } from './checks/ses-account.ts';
import { sesIdentities } from './checks/ses-identities.ts';
import { textractQuotas } from './checks/textract-quotas.ts';
import type { Finding } from './findings.ts';

/** Every check, in the order the report lists them within a level. */
export const checks: readonly { readonly name: string; readonly run: Check }[] = [
  { name: 'Region', run: availability },
  { name: 'CDK bootstrap', run: bootstrap },
  { name: 'Stack', run: existingStack },
  { name: 'Lambda concurrency', run: lambdaConcurrency },
  { name: 'SES account', run: sesAccount },
  { name: 'SES identities', run: sesIdentities },
  { name: 'Textract quotas', run: textractQuotas },
  { name: 'API Gateway logging role', run: apiGatewayRole },
];

/** Runs every check; one that throws becomes an `unchecked` finding, and the others still run. */
export async function runChecks(context: CheckContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const { name, run } of checks) {
    try {
      findings.push(...(await run(context)));
    } catch (error) {
      findings.push({
        check: name,
        level: 'unchecked',
        summary: `the check failed: ${describeError(error)}`,
      });
    }
  }
  return findings;
}
