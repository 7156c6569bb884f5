import type { Quota } from '../answers.ts';
import type { Finding } from '../findings.ts';
import { attempt, type CheckContext, unreadable } from './context.ts';

const check = 'Textract quotas';
const quotaDocs = 'https://docs.aws.amazon.com/textract/latest/dg/limits-quotas-explained.html';

/** The configured rates Tower admits Textract calls at, by the operation each quota is named after. */
const rates = [
  { operation: 'AnalyzeExpense', setting: 'syncTps' },
  { operation: 'StartExpenseAnalysis', setting: 'startTps' },
  { operation: 'GetExpenseAnalysis', setting: 'getTps' },
] as const;

/**
 * A TPS quota of one operation, matched by its QuotaName: Textract's quota codes could not be confirmed
 * from AWS's documentation (the General Reference lists quotas by name, not code), so the quota that
 * names the operation and counts per second is taken, and the report shows its name and code.
 */
export function rateQuota(quotas: readonly Quota[], operation: string): Quota | undefined {
  const names = new RegExp(`\\b${operation}\\b`, 'i');
  return quotas.find(
    (q) =>
      names.test(q.QuotaName ?? '') &&
      (/per second|\bTPS\b|transactions/i.test(q.QuotaName ?? '') || q.Period?.PeriodUnit === 'SECOND'),
  );
}

/** The concurrent asynchronous expense-analysis jobs quota, matched by name likewise. */
export function jobsQuota(quotas: readonly Quota[]): Quota | undefined {
  return quotas.find(
    (q) => /expense/i.test(q.QuotaName ?? '') && /concurrent|simultaneous/i.test(q.QuotaName ?? ''),
  );
}

type Listing = 'service-quotas:ListServiceQuotas' | 'service-quotas:ListAWSDefaultServiceQuotas';

async function allQuotas({ reader }: CheckContext, operation: Listing): Promise<Quota[]> {
  const quotas: Quota[] = [];
  let token: string | undefined;
  do {
    const page = await reader.read(operation, {
      ServiceCode: 'textract',
      ...(token ? { NextToken: token } : {}),
    });
    quotas.push(...(page.Quotas ?? []));
    token = page.NextToken;
  } while (token);
  return quotas;
}

const named = (q: Quota) => `"${q.QuotaName}" (${q.QuotaCode ?? 'no code'})`;

/** Each configured Textract rate against the account's quota for the operation (applied, else AWS's default). */
export async function textractQuotas(context: CheckContext): Promise<Finding[]> {
  const applied = await attempt(() => allQuotas(context, 'service-quotas:ListServiceQuotas'));
  if (!applied.ok) return [unreadable(check, 'service-quotas:ListServiceQuotas', applied.error)];
  // ListServiceQuotas leaves out quotas whose applied value is not available: AWS's defaults fill in.
  let defaults: Quota[] | undefined;
  const quotaOf = async (find: (quotas: readonly Quota[]) => Quota | undefined) => {
    const found = find(applied.value);
    if (found) return found;
    defaults ??= await allQuotas(context, 'service-quotas:ListAWSDefaultServiceQuotas');
    return find(defaults);
  };
  const { textract } = context.plan.config;
  const findings: Finding[] = [];
  try {
    for (const { operation, setting } of rates) {
      const quota = await quotaOf((quotas) => rateQuota(quotas, operation));
      const configured = textract[setting];
      if (!quota || quota.Value === undefined)
        findings.push({
          check,
          level: 'unchecked',
          summary: `no Textract quota in ${context.region} names ${operation} per second (configured textract.${setting} ${configured}/s)`,
          fix: 'compare the rate with the Service Quotas console (Amazon Textract) by hand',
        });
      else if (quota.Value < configured)
        findings.push({
          check,
          level: 'fail',
          summary: `textract.${setting} is ${configured}/s, the account allows ${quota.Value}/s for ${operation}: Tower admits calls Textract throttles (ProvisionedThroughputExceededException, ThrottlingException), and documents fail once their retries run out`,
          details: [`quota ${named(quota)}: ${quota.Value}`],
          fix: `deploy with -c textract='{"${setting}":${quota.Value}}' (with the other rates), or request an increase of ${named(quota)} in Service Quotas`,
          docs: quotaDocs,
        });
      else
        findings.push({
          check,
          level: 'ok',
          summary: `${operation}: textract.${setting} ${configured}/s within the quota of ${quota.Value}/s`,
          details: [`quota ${named(quota)}`],
        });
    }
    const jobs = await quotaOf(jobsQuota);
    const maxJobs = textract.maxConcurrentJobs;
    if (jobs?.Value === undefined)
      findings.push({
        check,
        level: 'unchecked',
        summary: `no Textract quota in ${context.region} names concurrent expense-analysis jobs (configured textract.maxConcurrentJobs ${maxJobs})`,
        fix: 'compare it with the Service Quotas console (Amazon Textract) by hand',
      });
    else if (jobs.Value < maxJobs)
      findings.push({
        check,
        level: 'fail',
        summary: `textract.maxConcurrentJobs is ${maxJobs}, the account allows ${jobs.Value} concurrent expense-analysis jobs: starts beyond it are refused (LimitExceededException)`,
        details: [`quota ${named(jobs)}: ${jobs.Value}`],
        fix: `deploy with textract.maxConcurrentJobs at most ${jobs.Value}, or request an increase`,
        docs: quotaDocs,
      });
    else
      findings.push({
        check,
        level: 'ok',
        summary: `concurrent jobs: textract.maxConcurrentJobs ${maxJobs} within the quota of ${jobs.Value}`,
        details: [`quota ${named(jobs)}`],
      });
  } catch (error) {
    findings.push(unreadable(check, 'service-quotas:ListAWSDefaultServiceQuotas', error));
  }
  return findings;
}
