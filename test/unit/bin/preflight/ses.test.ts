import { describe, expect, it } from 'vitest';
import { sesAccount } from '../../../../bin/preflight/checks/ses-account.ts';
import { sesIdentities } from '../../../../bin/preflight/checks/ses-identities.ts';
import type { RecordedEntry } from '../../../../bin/preflight/recording.ts';
import { answer, contextOf, planFor, refusal } from './support.ts';

// GetAccount: https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_GetAccount.html (ProductionAccessEnabled
// false is the sandbox; Max24HourSend -1 is unlimited); sandbox rules:
// https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html
const account = (fields: Record<string, unknown> = {}) =>
  answer(
    'sesv2:GetAccount',
    {},
    {
      DedicatedIpAutoWarmupEnabled: false,
      EnforcementStatus: 'HEALTHY',
      ProductionAccessEnabled: false,
      SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 3 },
      SendingEnabled: true,
      ...fields,
    },
  );

// GetEmailIdentity: https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_GetEmailIdentity.html (404 NotFoundException)
const identity = (name: string, fields: Record<string, unknown> = {}) =>
  answer(
    'sesv2:GetEmailIdentity',
    { EmailIdentity: name },
    {
      IdentityType: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
      FeedbackForwardingStatus: true,
      VerifiedForSendingStatus: true,
      VerificationStatus: 'SUCCESS',
      DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS' },
      Tags: [],
      ...fields,
    },
  );
const missing = (name: string) =>
  refusal(
    'sesv2:GetEmailIdentity',
    { EmailIdentity: name },
    'NotFoundException',
    `Email identity ${name} does not exist.`,
  );

const acme = {
  senderAddress: 'tower@acme.test',
  processes: '{"invoice":{"approval":{"approvers":["ap@acme.test"]}}}',
};

describe('preflight: SES account', () => {
  it('passes production access', async () => {
    const [finding] = await sesAccount(
      contextOf([account({ ProductionAccessEnabled: true, SendQuota: { Max24HourSend: -1 } })]),
    );
    expect(finding).toMatchObject({ level: 'ok', summary: 'production access in eu-west-1: any recipient' });
  });

  it('warns of the sandbox, with its quota', async () => {
    const [finding] = await sesAccount(contextOf([account()]));
    expect(finding?.level).toBe('warn');
    expect(finding?.details).toContain('sending quota: 200 a day, 1 a second; sent in the last 24 hours: 3');
  });

  it('fails the sandbox when the stack is configured without the recipient grants', async () => {
    const [finding] = await sesAccount(contextOf([account()], planFor({ sesSandbox: 'false' })));
    expect(finding?.level).toBe('fail');
    expect(finding?.fix).toContain('-c sesSandbox=true');
  });

  it.each([
    [{ SendingEnabled: false }, 'sending is paused'],
    [{ EnforcementStatus: 'SHUTDOWN' }, 'sending is paused'],
    [{ SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 200 } }, 'is used up'],
  ])('fails %o', async (fields, words) => {
    const findings = await sesAccount(contextOf([account({ ProductionAccessEnabled: true, ...fields })]));
    expect(findings.find((f) => f.level === 'fail')?.summary).toContain(words);
  });
});

describe('preflight: SES identities', () => {
  const plan = planFor(acme);

  it('passes a sender verified through its domain, its default configuration set, and verified approvers', async () => {
    const entries: RecordedEntry[] = [
      missing('tower@acme.test'),
      identity('acme.test', { ConfigurationSetName: 'tower-events' }),
      answer(
        'sesv2:GetConfigurationSet',
        { ConfigurationSetName: 'tower-events' },
        {
          ConfigurationSetName: 'tower-events',
          SendingOptions: { SendingEnabled: true },
        },
      ),
      account(),
      identity('ap@acme.test'),
    ];
    const findings = await sesIdentities(contextOf(entries, plan));
    expect(findings.map((f) => [f.check, f.level])).toEqual([
      ['SES sender', 'ok'],
      ['SES configuration set', 'ok'],
      ['SES recipients', 'ok'],
    ]);
    expect(findings[0]?.summary).toBe('tower@acme.test sends under acme.test (DOMAIN, SUCCESS), verified');
  });

  it('fails a sender that is no identity, and says an example domain cannot be verified', async () => {
    const findings = await sesIdentities(
      contextOf([
        missing('tower@example.com'),
        missing('example.com'),
        account({ ProductionAccessEnabled: true }),
      ]),
    );
    expect(findings[0]).toMatchObject({ check: 'SES sender', level: 'fail' });
    expect(findings[0]?.fix).toContain('an example domain cannot be verified: set -c senderAddress');
  });

  it('fails a sender whose verification is pending', async () => {
    const findings = await sesIdentities(
      contextOf(
        [
          identity('tower@acme.test', { VerifiedForSendingStatus: false, VerificationStatus: 'PENDING' }),
          account({ ProductionAccessEnabled: true }),
        ],
        plan,
      ),
    );
    expect(findings[0]?.summary).toContain(
      'tower@acme.test (EMAIL_ADDRESS, PENDING), not verified for sending',
    );
  });

  it('fails a default configuration set the stack grants nothing on, or one whose sending is paused', async () => {
    const entries = [
      identity('tower@acme.test', { ConfigurationSetName: 'audit' }),
      account({ ProductionAccessEnabled: true }),
    ];
    const ungranted = await sesIdentities(
      contextOf(entries, { ...plan, sendsThroughConfigurationSets: false }),
    );
    expect(ungranted[1]).toMatchObject({ check: 'SES configuration set', level: 'fail' });
    expect(ungranted[1]?.summary).toContain('the stack grants none on configuration sets');

    const paused = await sesIdentities(
      contextOf(
        [
          ...entries,
          answer(
            'sesv2:GetConfigurationSet',
            { ConfigurationSetName: 'audit' },
            { SendingOptions: { SendingEnabled: false } },
          ),
        ],
        plan,
      ),
    );
    expect(paused[1]?.summary).toContain('sending is paused on audit');
  });

  it('fails unverified approvers in the sandbox, and approvers left out of sesRecipientIdentities', async () => {
    const entries = [identity('tower@acme.test'), account(), missing('ap@acme.test'), missing('acme.test')];
    const unverified = await sesIdentities(contextOf(entries, plan));
    expect(unverified[1]?.summary).toContain('not verified in eu-west-1: ap@acme.test');

    const notGranted = await sesIdentities(
      contextOf(
        [identity('tower@acme.test'), account(), identity('ap@acme.test')],
        planFor({ ...acme, sesRecipientIdentities: '["other@acme.test"]' }),
      ),
    );
    expect(notGranted[1]).toMatchObject({ level: 'fail' });
    expect(notGranted[1]?.summary).toContain('not among them: ap@acme.test');
  });

  it('looks no approver up with production access', async () => {
    // The recording has no answer for the approver: a lookup would throw.
    const findings = await sesIdentities(
      contextOf([identity('tower@acme.test'), account({ ProductionAccessEnabled: true })], plan),
    );
    expect(findings[1]).toMatchObject({ check: 'SES recipients', level: 'ok' });
  });
});
