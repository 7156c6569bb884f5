import type { Finding } from '../findings.ts';
import { attempt, type CheckContext, unreadable } from './context.ts';

const check = 'SES account';
const sandboxDocs = 'https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html';
// EnforcementStatus HEALTHY / PROBATION / SHUTDOWN, and SendQuota (-1: unlimited), as GetAccount documents them.
const enforcementDocs = 'https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_GetAccount.html';

/** The account's SES standing in the region: sandbox or production, sending enabled, the quota left. */
export async function sesAccount({ reader, plan, region }: CheckContext): Promise<Finding[]> {
  const read = await attempt(() => reader.read('sesv2:GetAccount', {}));
  // A region without SES is the availability check's finding; this one only says it could not read.
  if (!read.ok) return [unreadable(check, 'sesv2:GetAccount', read.error)];
  const account = read.value;
  const quota = account.SendQuota ?? {};
  const details = [
    `sending quota: ${quota.Max24HourSend ?? '?'} a day, ${quota.MaxSendRate ?? '?'} a second; sent in the last 24 hours: ${quota.SentLast24Hours ?? '?'}`,
    ...(account.EnforcementStatus ? [`enforcement status: ${account.EnforcementStatus}`] : []),
  ];
  const findings: Finding[] = [];
  if (account.SendingEnabled === false || account.EnforcementStatus === 'SHUTDOWN')
    findings.push({
      check,
      level: 'fail',
      summary: `sending is paused for this account in ${region}: SES refuses every approval email`,
      details,
      fix: 'see the SES console (Reputation metrics, account status) for why, and resolve it with AWS',
      docs: enforcementDocs,
    });
  else if (account.EnforcementStatus === 'PROBATION')
    findings.push({
      check,
      level: 'warn',
      summary: `the account is on probation in ${region}: SES may pause sending`,
      details,
      docs: enforcementDocs,
    });
  if (
    quota.Max24HourSend !== undefined &&
    quota.Max24HourSend >= 0 &&
    quota.SentLast24Hours !== undefined &&
    quota.SentLast24Hours >= quota.Max24HourSend
  )
    findings.push({
      check,
      level: 'fail',
      summary: `the daily sending quota (${quota.Max24HourSend}) is used up: SES refuses sends until it frees`,
      details,
      docs: 'https://docs.aws.amazon.com/ses/latest/dg/quotas.html',
    });

  if (account.ProductionAccessEnabled === true) {
    findings.push({
      check,
      level: 'ok',
      summary: `production access in ${region}: any recipient`,
      details: [
        ...details,
        ...(plan.config.sesSandbox
          ? [
              'the stack is configured for the sandbox (sesSandbox true): it also grants sending to the recipients, which production access does not need (-c sesSandbox=false drops it)',
            ]
          : []),
      ],
    });
    return findings;
  }
  if (!plan.config.sesSandbox)
    findings.push({
      check,
      level: 'fail',
      summary: `the account is in the SES sandbox in ${region}, but the stack is configured with sesSandbox false: it grants ses:SendEmail on the sender only, and in the sandbox SES authorizes each recipient's identity too, so every approval email is refused`,
      details,
      fix: 'deploy with -c sesSandbox=true (the default), or request production access first',
      docs: sandboxDocs,
    });
  else
    findings.push({
      check,
      level: 'warn',
      summary: `the account is in the SES sandbox in ${region}: mail goes to verified recipients only, within the sandbox quota`,
      details,
      fix: 'request production access (SES console, Account dashboard) before real approvers use it',
      docs: sandboxDocs,
    });
  return findings;
}
