import { existsSync, readFileSync } from 'node:fs';
import { readDecisions } from '../local/iam/decisions.ts';
import { iamFiles } from '../local/iam/parity.ts';
import type { LocalRole } from '../local/iam/policy-model.ts';
import { absolutePath, parseArgsOrRefuse, refuseArgs } from './common/cli-args.ts';
import { iamReport } from './iam-report/report.ts';

const usage =
  'usage: npm run iam-report -- [--data-dir DIR (default .tower)] | [--record FILE (a TOWER_IAM_RECORD file of a test run)]';
const { values } = parseArgsOrRefuse(
  {
    options: {
      'data-dir': { type: 'string', default: '.tower' },
      record: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  },
  usage,
);
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const files = values.record
  ? { decisions: absolutePath(values.record), policies: `${absolutePath(values.record)}.policies.json` }
  : iamFiles(absolutePath(values['data-dir']));
for (const file of [files.decisions, files.policies])
  if (!existsSync(file))
    refuseArgs(
      `no ${file}: run the local runtime (or a test run with TOWER_IAM_RECORD) with IAM evaluation on first`,
      usage,
    );
const { roles } = JSON.parse(readFileSync(files.policies, 'utf8')) as { roles: LocalRole[] };
process.stdout.write(iamReport(roles, readDecisions(files.decisions)));
