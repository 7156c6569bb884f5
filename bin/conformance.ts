import './common/require-node.ts';
import { runConformance, usage } from '../test/conformance/support/runner.ts';
import { parseArgsOrRefuse } from './common/cli-args.ts';

// npm run conformance [-- --aws --region R --ses-from verified@your.org]: one suite, local or AWS.
const { values } = parseArgsOrRefuse(
  {
    options: {
      aws: { type: 'boolean', default: false },
      region: { type: 'string' },
      'ses-from': { type: 'string' },
    },
  },
  usage,
);
process.exitCode = await runConformance(
  { aws: values.aws ?? false, region: values.region, sesFrom: values['ses-from'] },
  { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) },
);
