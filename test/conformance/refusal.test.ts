import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { planned } from './support/plan.ts';
import { type RunIo, runConformance } from './support/runner.ts';

// `npm run conformance -- --aws` must refuse cleanly without credentials (STS GetCallerIdentity fails),
// create nothing, and name every resource it would create. These tests never reach AWS.

const run = promisify(execFile);

/** The environment of a machine with no AWS credentials anywhere (and no instance metadata to ask). */
function withoutCredentials(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('AWS_') && !k.startsWith('TOWER_')) env[k] = v;
  return {
    ...env,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

function recorder(): RunIo & { lines: string[]; vitestEnv?: NodeJS.ProcessEnv } {
  const lines: string[] = [];
  const io: RunIo & { lines: string[]; vitestEnv?: NodeJS.ProcessEnv } = {
    lines,
    out: (t) => lines.push(t),
    err: (t) => lines.push(t),
    vitest: async (env) => {
      io.vitestEnv = env;
      return 0;
    },
  };
  return io;
}

describe('npm run conformance -- --aws', () => {
  it('refuses without credentials, creating nothing and naming every resource it would create', async () => {
    // Act
    const result = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'bin/conformance.ts',
        '--aws',
        '--region',
        'eu-west-1',
        '--ses-from',
        'tower@example.com',
      ],
      { env: withoutCredentials(), timeout: 60_000 },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? '' }),
    );

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Refusing to run the conformance suite against AWS: no usable AWS credentials/,
    );
    expect(result.stderr).toContain('Nothing was created');
    for (const [purpose, p] of Object.entries(planned)) {
      if (p.kind === 'message' || p.kind === 'event source mapping')
        expect(result.stderr).toContain(p.purpose);
      else expect(result.stderr).toMatch(new RegExp(`tower-conf-[a-z0-9]+-${purpose}\\b`));
    }
    expect(result.stderr).toContain('region eu-west-1');
  });

  it.each([
    [{ aws: true, sesFrom: 'tower@example.com' }, /no region/],
    [{ aws: true, region: 'eu-west-1' }, /no SES sender: pass --ses-from/],
  ])('refuses %o before asking AWS anything', async (options, reason) => {
    const io = recorder();
    let asked = false;
    const identity = async () => {
      asked = true;
      return new Error('unused');
    };
    const code = await runConformance(options, { ...io, identity }, {});
    expect(code).toBe(2);
    expect(asked).toBe(false);
    expect(io.vitestEnv).toBeUndefined();
    expect(io.lines.join('\n')).toMatch(reason);
  });

  it('with credentials, announces the account and the resources, then runs the suite against AWS', async () => {
    const io = recorder();
    const code = await runConformance(
      { aws: true, region: 'eu-west-1', sesFrom: 'tower@example.com' },
      {
        ...io,
        identity: async () => ({ accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/ops' }),
      },
      {},
    );
    expect(code).toBe(0);
    expect(io.lines.join('\n')).toMatch(/against account 123456789012 .* in eu-west-1/);
    expect(io.lines.join('\n')).toMatch(/tower-conf-[a-z0-9]+-keys-123456789012/);
    expect(io.vitestEnv).toMatchObject({
      TOWER_CONFORMANCE_TARGET: 'aws',
      AWS_REGION: 'eu-west-1',
      TOWER_CONFORMANCE_SES_FROM: 'tower@example.com',
    });
    expect(io.vitestEnv?.TOWER_CONFORMANCE_RUN).toMatch(/^[a-z0-9]{6}$/);
  });
});
