import { resolve } from 'node:path';
import { TowerConfigError } from '../../lib/config/index.ts';
import { terminalJson, terminalText } from '../common/terminal-text.ts';
import { UsageError } from '../operator/errors.ts';
import type { AccountReader } from './answers.ts';
import { type PreflightOptions, parsePreflightArgs, preflightUsage } from './args.ts';
import { describeError } from './aws-errors.ts';
import { cdkContext } from './cdk-context.ts';
import { countByLevel, exitCodeOf } from './findings.ts';
import { MemoReader } from './memo-reader.ts';
import type { DeploymentPlan } from './plan.ts';
import { type Recording, readRecording, writeRecording } from './recording.ts';
import { RecordingReader } from './recording-reader.ts';
import { type ReportHeader, renderReport } from './render.ts';
import { ReplayReader } from './replay-reader.ts';
import { runChecks } from './run-checks.ts';

export interface PreflightIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** What tests replace: the live account (a fake through the same port) and the synthesized deploy. */
export interface PreflightDeps {
  readonly liveReader?: (region: string) => AccountReader & { close?(): void };
  readonly plan?: (context: Record<string, unknown>) => DeploymentPlan | Promise<DeploymentPlan>;
}

const help = `Usage: npm run tower -- ${preflightUsage}

Reads the AWS account before a deploy and says what would fail, each with its fix: Lambda concurrency,
SES (sandbox, sender, approvers, configuration set), Textract and SES in the region, Textract quotas,
API Gateway's logging role, CDK bootstrap, and with --stack the existing stack's state. Read-only.

  --region R          the region to deploy to (default: $AWS_REGION)
  --stack S           also read stack S: an update, and whether its state allows one
  -c key=value        CDK context, as given to cdk deploy (cdk.json's and cdk.context.json's apply first)
  --recorded FILE     replay an account's recorded answers instead of calling AWS (no credentials)
  --record FILE       keep the live answers in FILE, for a later --recorded
  --json              machine-readable findings

Exit codes: 0 nothing would fail (warnings allowed), 1 something would fail, could not be checked, or
the preflight was refused (no credentials), 2 usage.`;

function refusal(reason: string): string {
  return [
    `preflight: refusing to read the account: ${reason}.`,
    'Nothing was read. Configure credentials (AWS_PROFILE, aws sso login, or AWS_ACCESS_KEY_ID and',
    'AWS_SECRET_ACCESS_KEY) for a principal with the read permissions the README lists (Preflight),',
    'or replay a recording: --recorded <file>.',
  ].join('\n');
}

type Source =
  | { readonly kind: 'live'; readonly reader: AccountReader & { close?(): void }; readonly region: string }
  | {
      readonly kind: 'replay';
      readonly reader: AccountReader;
      readonly region: string;
      readonly recording: Recording;
      readonly file: string;
    };

async function openSource(options: PreflightOptions, io: PreflightIo, deps: PreflightDeps): Promise<Source> {
  if (options.recorded !== undefined) {
    const recording = readRecording(resolve(io.cwd, options.recorded));
    if (options.region !== undefined && options.region !== recording.region)
      throw new UsageError(
        `preflight: ${options.recorded} recorded ${recording.region}, not ${options.region}: pass --region ${recording.region}`,
      );
    return {
      kind: 'replay',
      reader: new ReplayReader(recording),
      region: recording.region,
      recording,
      file: options.recorded,
    };
  }
  const region = options.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  if (region === undefined)
    throw new UsageError('preflight: which region? pass --region R (or set AWS_REGION)');
  if (deps.liveReader) return { kind: 'live', reader: deps.liveReader(region), region };
  // Loaded on use: a replay never builds an SDK client.
  const { SdkReader } = await import('./sdk-reader.ts');
  return { kind: 'live', reader: new SdkReader(region), region };
}

async function synthesized(context: Record<string, unknown>): Promise<DeploymentPlan> {
  // Loaded on use: the CDK app is seconds of import that a replay with a given plan does not need.
  const { synthesizePlan } = await import('./synth.ts');
  return synthesizePlan(context);
}

/**
 * `tower preflight …`: reads the account (or a recording), synthesizes the deploy as `cdk synth` would,
 * runs every check and prints the report. Returns the exit code; output goes through `io`.
 */
export async function runPreflight(
  argv: readonly string[],
  io: PreflightIo,
  deps: PreflightDeps = {},
): Promise<number> {
  let options: PreflightOptions;
  let source: Source;
  try {
    options = parsePreflightArgs(argv);
    if (options.help) {
      io.stdout(`${help}\n`);
      return 0;
    }
    source = await openSource(options, io, deps);
  } catch (error) {
    io.stderr(
      `${error instanceof Error ? error.message : String(error)}\nUsage: npm run tower -- ${preflightUsage}\n`,
    );
    return error instanceof UsageError ? error.exitCode : 2;
  }
  const recorder =
    source.kind === 'live' && options.record !== undefined ? new RecordingReader(source.reader) : undefined;
  const reader = new MemoReader(recorder ?? source.reader);
  try {
    let identity: { Account?: string; Arn?: string };
    try {
      identity = await reader.read('sts:GetCallerIdentity', {});
    } catch (error) {
      io.stderr(
        `${refusal(`no usable AWS credentials (STS GetCallerIdentity: ${terminalText(describeError(error))})`)}\n`,
      );
      return 1;
    }
    const accountId = identity.Account ?? 'unknown';
    let plan: DeploymentPlan;
    try {
      plan = await (deps.plan ?? synthesized)(cdkContext(io.cwd, options.context));
    } catch (error) {
      if (error instanceof TowerConfigError) {
        io.stderr(
          `preflight: cdk synth refuses this configuration, so the deploy would fail:\n${terminalText(error.message)}\n`,
        );
        return 1;
      }
      io.stderr(`preflight: cannot synthesize the stack: ${terminalText(describeError(error))}\n`);
      return 1;
    }
    const findings = await runChecks({
      reader,
      plan,
      region: source.region,
      accountId,
      ...(options.stack ? { stackName: options.stack } : {}),
    });
    const header: ReportHeader = {
      accountId,
      arn: identity.Arn ?? 'unknown',
      region: source.region,
      stackName: options.stack ?? plan.stackName,
      stage: plan.config.stage,
      ...(source.kind === 'replay' ? { replay: { file: source.file, source: source.recording.source } } : {}),
    };
    if (recorder && options.record !== undefined) {
      const file = resolve(io.cwd, options.record);
      try {
        writeRecording(file, {
          source: `captured by the preflight from account ${accountId} on ${new Date().toISOString().slice(0, 10)}`,
          region: source.region,
          entries: recorder.entries,
        });
        io.stderr(`preflight: recorded ${recorder.entries.length} answers in ${options.record}\n`);
      } catch (error) {
        io.stderr(
          `preflight: could not write the recording ${file}: ${terminalText(describeError(error))}\n`,
        );
      }
    }
    io.stdout(
      `${options.json ? terminalJson({ ...header, findings, counts: countByLevel(findings), exitCode: exitCodeOf(findings) }) : terminalText(renderReport(header, findings))}\n`,
    );
    return exitCodeOf(findings);
  } finally {
    if (source.kind === 'live') source.reader.close?.();
  }
}
