import { nodeRuntimeProblem } from '../../local/lambda/node-runtime.ts';

// Imported first by every script, before anything that needs a newer Node can fail less clearly.
const problem = nodeRuntimeProblem();
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
