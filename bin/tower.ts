import './common/require-node.ts';

// npm run tower -- <command>: the operator CLI, against a local runtime (--local) or a stack (--stack).
// Set before the CLI loads: the shared stores log through Powertools, which would mix JSON into --json.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

const { runTower } = await import('./operator/cli.ts');

process.exitCode = await runTower(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});
