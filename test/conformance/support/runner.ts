import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describePlan } from './plan.ts';

export const usage =
  'usage: npm run conformance -- [--aws --region R --ses-from verified@your.org]\n' +
  '  without --aws: the conformance suite against the local emulators (as npm test runs it)\n' +
  '  --aws: the same tests against the account of your AWS credentials; every resource is created and deleted by the run';

export interface RunOptions {
  readonly aws: boolean;
  readonly region?: string;
  readonly sesFrom?: string;
}

export type Identity = { readonly accountId: string; readonly arn: string };

/** Who the credentials are, or why there are none usable (no network beyond STS). */
export async function callerIdentity(
  region: string,
  sts = new STSClient({ region }),
): Promise<Identity | Error> {
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return { accountId: identity.Account ?? '', arn: identity.Arn ?? '' };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    sts.destroy();
  }
}

/** Why an AWS run will not start, and everything it would have created. */
export function refusal(reason: string, runId: string, region: string): string {
  return [
    `Refusing to run the conformance suite against AWS: ${reason}`,
    'Nothing was created. With credentials, the run creates these throw-away resources and deletes them:',
    ...describePlan(runId, region),
    usage,
  ].join('\n');
}

export interface RunIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly identity?: (region: string) => Promise<Identity | Error>;
  readonly vitest?: (env: NodeJS.ProcessEnv) => Promise<number>;
}

/** The conformance command: checks an AWS run can start (naming what it will create), then runs Vitest. */
export async function runConformance(options: RunOptions, io: RunIo, env = process.env): Promise<number> {
  const vitest = io.vitest ?? runVitest;
  if (!options.aws) return vitest({ ...env, TOWER_CONFORMANCE_TARGET: 'local' });
  const runId = randomBytes(4).toString('hex').slice(0, 6);
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) {
    io.err(refusal('no region: pass --region (or set AWS_REGION)', runId, '<region>'));
    return 2;
  }
  const sesFrom = options.sesFrom ?? env.TOWER_CONFORMANCE_SES_FROM;
  if (!sesFrom) {
    io.err(
      refusal(
        'no SES sender: pass --ses-from with an identity verified in SES (AWS sends only from verified identities)',
        runId,
        region,
      ),
    );
    return 2;
  }
  const identity = await (io.identity ?? callerIdentity)(region);
  if (identity instanceof Error) {
    io.err(
      refusal(
        `no usable AWS credentials (STS GetCallerIdentity: ${identity.name}: ${identity.message})`,
        runId,
        region,
      ),
    );
    return 1;
  }
  io.out(
    [
      `Conformance run ${runId} against account ${identity.accountId} (${identity.arn}) in ${region}; it creates, then deletes:`,
      ...describePlan(runId, region, identity.accountId),
    ].join('\n'),
  );
  return vitest({
    ...env,
    TOWER_CONFORMANCE_TARGET: 'aws',
    TOWER_CONFORMANCE_RUN: runId,
    TOWER_CONFORMANCE_SES_FROM: sesFrom,
    AWS_REGION: region,
  });
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `vitest run --project conformance` in a child process with `env`; its exit code. */
function runVitest(env: NodeJS.ProcessEnv): Promise<number> {
  const vitestBin = join(
    dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
    'vitest.mjs',
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitestBin, 'run', '--project', 'conformance'], {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
