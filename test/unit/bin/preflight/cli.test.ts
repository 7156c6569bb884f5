import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTower } from '../../../../bin/operator/cli.ts';
import { type PreflightDeps, runPreflight } from '../../../../bin/preflight/cli.ts';
import { readRecording } from '../../../../bin/preflight/recording.ts';
import { ReplayReader } from '../../../../bin/preflight/replay-reader.ts';
import { SdkReader } from '../../../../bin/preflight/sdk-reader.ts';
import { parseConfig } from '../../../../lib/config/index.ts';
import { answer, fixturePath, planFor, recordingOf } from './support.ts';

/** Runs the preflight in-process with the given plan (no synth), collecting its output. */
async function preflight(argv: string[], deps: PreflightDeps = {}, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runPreflight(
    argv,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd: process.cwd() },
    { plan: (context) => planFor(context), ...deps },
  );
  return { code, stdout, stderr };
}

const sandbox = fixturePath('sandbox-account.json');

describe('preflight: the command', () => {
  it('refuses without credentials, with what to do and no stack trace', async () => {
    // Prepare: the real SDK adapter with a credential chain that finds nothing (no network is reached).
    const noCredentials = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };
    // Act
    const { code, stdout, stderr } = await preflight(['--region', 'eu-west-1'], {
      liveReader: (region) => new SdkReader(region, { credentials: noCredentials }),
    });
    // Assess
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'preflight: refusing to read the account: no usable AWS credentials (STS GetCallerIdentity: CredentialsProviderError: Could not load credentials from any providers).',
    );
    expect(stderr).toContain('--recorded <file>');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the report of a recorded sandbox account: each failure with its fix, marked as a replay', async () => {
    // Act
    const { code, stdout } = await preflight(['--region', 'eu-west-1', '--recorded', sandbox]);
    // Assess
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Tower preflight: Tower-dev (stage dev) in account 111122223333, eu-west-1');
    expect(lines[2]).toMatch(
      /^ {2}REPLAY of recorded answers from .*sandbox-account\.json \(a new account, .*\): no AWS call was made$/,
    );
    // Each finding's level and check, failures first.
    const heads = lines.filter((l) => /^(FAIL|WARN|OK|UNCHECKED) /.test(l)).map((l) => l.split(':')[0]);
    expect(heads).toEqual([
      'FAIL       CDK bootstrap',
      'FAIL       Lambda concurrency',
      'FAIL       SES sender',
      'FAIL       SES recipients',
      'WARN       SES account',
      'OK         Region',
      'OK         Region',
      'OK         Textract quotas',
      'OK         Textract quotas',
      'OK         Textract quotas',
      'OK         Textract quotas',
      'OK         API Gateway logging role',
    ]);
    expect(stdout).toContain('           fix: npx cdk bootstrap aws://111122223333/eu-west-1');
    expect(stdout).toContain(
      'queues at their maximum concurrency: start-execution 5 + extract 4 + complete-extraction 2 = 11',
    );
    expect(lines.at(-2)).toBe(
      '4 would fail, 0 not checked, 1 warning, 7 ok: the deploy, or the first documents after it, would fail (exit 1)',
    );
  });

  it('passes -c to the configuration: a verified sender and approver for this account clear the SES failures', async () => {
    // Prepare: the same account with acme.test verified.
    const recording = readRecording(sandbox);
    const verified = {
      IdentityType: 'DOMAIN',
      VerifiedForSendingStatus: true,
      VerificationStatus: 'SUCCESS',
    };
    const reader = new ReplayReader(
      recordingOf([
        ...recording.entries,
        answer('sesv2:GetEmailIdentity', { EmailIdentity: 'tower@acme.test' }, verified),
        answer('sesv2:GetEmailIdentity', { EmailIdentity: 'ap@acme.test' }, verified),
      ]),
    );
    // Act
    const { stdout } = await preflight(
      [
        '--region',
        'eu-west-1',
        '-c',
        'senderAddress=tower@acme.test',
        '-c',
        'processes={"invoice":{"approval":{"approvers":["ap@acme.test"]}}}',
      ],
      { liveReader: () => reader },
    );
    // Assess
    expect(stdout).toContain('OK         SES sender: tower@acme.test sends under tower@acme.test');
    expect(stdout).toContain(
      'OK         SES recipients: in the sandbox: every approver is verified and granted (ap@acme.test)',
    );
    expect(stdout).not.toContain('REPLAY');
  });

  it('answers --json with the findings and the exit code', async () => {
    const { code, stdout } = await preflight(['--recorded', sandbox, '--json']);
    const result = JSON.parse(stdout) as {
      counts: Record<string, number>;
      exitCode: number;
      replay: unknown;
    };
    expect(code).toBe(1);
    expect(result.counts).toEqual({ ok: 7, warn: 1, fail: 4, unchecked: 0 });
    expect(result.exitCode).toBe(1);
    expect(result.replay).toBeDefined();
  });

  it('exits 0 when nothing would fail', async () => {
    // Prepare: a production account, bootstrapped, with room.
    const recording = readRecording(sandbox);
    const keep = recording.entries.filter(
      (e) =>
        ![
          'lambda:GetAccountSettings',
          'sesv2:GetAccount',
          'ssm:GetParameter',
          'sesv2:GetEmailIdentity',
        ].includes(e.operation),
    );
    const reader = new ReplayReader(
      recordingOf([
        ...keep,
        answer(
          'lambda:GetAccountSettings',
          {},
          { AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 } },
        ),
        answer(
          'sesv2:GetAccount',
          {},
          { ProductionAccessEnabled: true, SendingEnabled: true, EnforcementStatus: 'HEALTHY' },
        ),
        answer(
          'ssm:GetParameter',
          { Name: '/cdk-bootstrap/hnb659fds/version' },
          { Parameter: { Value: '28' } },
        ),
        answer(
          'sesv2:GetEmailIdentity',
          { EmailIdentity: 'tower@acme.test' },
          { VerifiedForSendingStatus: true },
        ),
      ]),
    );
    // Act
    const { code, stdout } = await preflight(
      ['--region', 'eu-west-1', '-c', 'senderAddress=tower@acme.test'],
      {
        liveReader: () => reader,
      },
    );
    // Assess
    expect(stdout).toContain(
      '0 would fail, 0 not checked, 0 warnings, 12 ok: nothing found that would fail (exit 0)',
    );
    expect(code).toBe(0);
  });

  it('records a live run that replays to the same report', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'preflight-')), 'recorded.json');
    const live = new ReplayReader(readRecording(sandbox));
    const first = await preflight(['--region', 'eu-west-1', '--record', file], { liveReader: () => live });
    const again = await preflight(['--recorded', file]);
    expect(first.stderr).toMatch(/recorded \d+ answers/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ region: 'eu-west-1' });
    const body = (out: string) => out.split('\n').filter((l) => !l.startsWith('  REPLAY'));
    expect(body(again.stdout)).toEqual(body(first.stdout));
  });

  it('says a configuration synth refuses would fail the deploy', async () => {
    const { code, stderr } = await preflight(['--recorded', sandbox, '-c', 'stage=prod'], {
      plan: (context) => planFor(context),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('cdk synth refuses this configuration');
    expect(stderr).toContain('tower config: senderAddress "tower@example.com" is an example address');
    expect(() => parseConfig({ stage: 'prod', senderAddress: 'tower@example.com' })).toThrow();
  });

  it.each([
    [['--stack', 'Tower-dev'], 'which region?'],
    [['--region', 'Ireland'], 'not a region name'],
    [['--region', 'eu-west-1', '-c', 'stage'], '-c takes key=value'],
    [['--region', 'us-east-1', '--recorded', sandbox], 'recorded eu-west-1, not us-east-1'],
    [['--recorded', sandbox, '--record', 'x.json'], 'choose one'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('refuses %o as usage (exit 2)', async (argv, words) => {
    const { code, stderr } = await preflight(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(words);
  });

  it('is a tower command, listed in the help', async () => {
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: () => undefined, env: {}, cwd: process.cwd() };
    expect(await runTower(['preflight', '--help'], io)).toBe(0);
    expect(out).toContain('Exit codes: 0 nothing would fail (warnings allowed)');
    out = '';
    await runTower(['--help'], io);
    expect(out).toContain('preflight --region R [--stack S]');
  });
});
