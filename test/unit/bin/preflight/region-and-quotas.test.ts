import { describe, expect, it } from 'vitest';
import type { Quota } from '../../../../bin/preflight/answers.ts';
import { availability } from '../../../../bin/preflight/checks/availability.ts';
import { jobsQuota, rateQuota, textractQuotas } from '../../../../bin/preflight/checks/textract-quotas.ts';
import { answer, contextOf, planFor, refusal } from './support.ts';

const sesAccount = answer('sesv2:GetAccount', {}, { ProductionAccessEnabled: true, SendingEnabled: true });

describe('preflight: Textract and SES in the region', () => {
  // Endpoints: https://docs.aws.amazon.com/general/latest/gr/textract.html, https://docs.aws.amazon.com/general/latest/gr/ses.html
  it('passes a region with both', async () => {
    const findings = await availability(contextOf([sesAccount]));
    expect(findings.map((f) => f.level)).toEqual(['ok', 'ok']);
  });

  it('fails a region without Textract (Tokyo has SES, not Textract)', async () => {
    const findings = await availability(contextOf([sesAccount], planFor(), { region: 'ap-northeast-1' }));
    expect(findings[0]).toMatchObject({
      level: 'fail',
      docs: 'https://docs.aws.amazon.com/general/latest/gr/textract.html',
    });
    expect(findings[1]?.level).toBe('ok');
  });

  it('fails SES where its host does not resolve, whatever the list says', async () => {
    // Prepare: what SDK v3 throws for a host that does not resolve (Node's getaddrinfo ENOTFOUND).
    const unresolved = refusal(
      'sesv2:GetAccount',
      {},
      'Error',
      'getaddrinfo ENOTFOUND email.eu-west-1.amazonaws.com',
      'ENOTFOUND',
    );
    // Act
    const findings = await availability(contextOf([unresolved]));
    // Assess
    expect(findings[1]).toMatchObject({ level: 'fail' });
    expect(findings[1]?.summary).toContain('SES did not answer in eu-west-1');
  });

  it('fails a region SES is not documented in', async () => {
    const findings = await availability(contextOf([sesAccount], planFor(), { region: 'ap-east-1' }));
    expect(findings.map((f) => f.level)).toEqual(['fail', 'fail']);
  });
});

const tps = (name: string, value: number, code = 'L-TEST'): Quota => ({
  ServiceCode: 'textract',
  QuotaCode: code,
  QuotaName: name,
  Value: value,
  Period: { PeriodValue: 1, PeriodUnit: 'SECOND' },
});
// ListServiceQuotas: https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_ListServiceQuotas.html
// ("If the applied quota value is not available for a quota, the quota is not retrieved": defaults fill in).
type Listing = 'service-quotas:ListServiceQuotas' | 'service-quotas:ListAWSDefaultServiceQuotas';
const page = (operation: Listing) => (quotas: Quota[], NextToken?: string, token?: string) =>
  answer(
    operation,
    { ServiceCode: 'textract', ...(token ? { NextToken: token } : {}) },
    {
      Quotas: quotas,
      ...(NextToken ? { NextToken } : {}),
    },
  );
const applied = page('service-quotas:ListServiceQuotas');
const defaults = page('service-quotas:ListAWSDefaultServiceQuotas');
const three = [
  tps('Transactions per second for AnalyzeExpense', 5),
  tps('Transactions per second for StartExpenseAnalysis', 5),
  tps('Transactions per second for GetExpenseAnalysis', 5),
];
const jobs = (value: number): Quota => ({
  QuotaName: 'Concurrent asynchronous expense analysis jobs',
  Value: value,
});

describe('preflight: Textract quotas', () => {
  it('matches each operation by its quota name, not a neighbour', () => {
    const quotas = [
      tps('StartExpenseAnalysis TPS', 2),
      tps('AnalyzeExpense TPS', 3),
      tps('AnalyzeDocument TPS', 4),
    ];
    expect(rateQuota(quotas, 'AnalyzeExpense')?.Value).toBe(3);
    expect(rateQuota(quotas, 'GetExpenseAnalysis')).toBeUndefined();
    expect(jobsQuota([tps('Concurrent jobs for asynchronous expense analysis', 100)])?.Value).toBe(100);
  });

  it('passes rates within the quotas, across pages', async () => {
    const findings = await textractQuotas(
      contextOf([applied(three.slice(0, 1), 'p2'), applied([...three.slice(1), jobs(100)], undefined, 'p2')]),
    );
    expect(findings.map((f) => f.level)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('fails a configured rate above the quota, with the setting to lower', async () => {
    const plan = planFor({ textract: '{"syncTps":10,"getTps":5}' });
    const findings = await textractQuotas(contextOf([applied([...three, jobs(600)])], plan));
    expect(findings[0]).toMatchObject({ level: 'fail' });
    expect(findings[0]?.summary).toContain(
      'textract.syncTps is 10/s, the account allows 5/s for AnalyzeExpense',
    );
    expect(findings[0]?.fix).toContain(`-c textract='{"syncTps":5}'`);
    expect(findings.slice(1).map((f) => f.level)).toEqual(['ok', 'ok', 'ok']);
  });

  it("takes AWS's default for a quota with no applied value, and fails too few concurrent jobs", async () => {
    const findings = await textractQuotas(
      contextOf([
        applied(three.slice(0, 2)),
        defaults([three[2] as Quota], 'p2'),
        defaults([tps('Maximum concurrent asynchronous expense analysis jobs', 50)], undefined, 'p2'),
      ]),
    );
    expect(findings.map((f) => f.level)).toEqual(['ok', 'ok', 'ok', 'fail']);
    expect(findings[3]?.summary).toContain('textract.maxConcurrentJobs is 100, the account allows 50');
  });

  it('reports a rate it finds no quota for as not checked', async () => {
    const findings = await textractQuotas(contextOf([applied(three.slice(0, 2)), defaults([])]));
    expect(findings.map((f) => f.level)).toEqual(['ok', 'ok', 'unchecked', 'unchecked']);
    expect(findings[2]?.summary).toContain('names GetExpenseAnalysis');
    expect(findings[3]?.summary).toContain('names concurrent expense-analysis jobs');
  });

  it('says what to grant when Service Quotas refuses', async () => {
    const findings = await textractQuotas(
      contextOf([
        refusal('service-quotas:ListServiceQuotas', { ServiceCode: 'textract' }, 'AccessDeniedException'),
      ]),
    );
    expect(findings[0]?.fix).toContain('grant servicequotas:ListServiceQuotas');
  });
});
