/** The operator CLI's commands, as data: their arguments, options and help. */
import type { OperatorCommand } from '../../lambdas/platform/registry/operator-calls.ts';

/** One list of names with the AWS calls each makes (the stack's operator policy is built from it). */
export type CommandName = OperatorCommand;

export interface CommandSpec {
  readonly name: CommandName;
  readonly usage: string;
  readonly summary: string;
  /** Required positional arguments, by name. */
  readonly positionals: readonly string[];
  /** Options of this command besides the common ones (all take a value). */
  readonly options: readonly string[];
  /** Changes something: needs `--reason`, and is audited under the operator's name. */
  readonly action: boolean;
}

export const commands: Readonly<Record<CommandName, CommandSpec>> = {
  documents: {
    name: 'documents',
    usage: 'documents [--status S] [--older-than 10m] [--limit N]',
    summary: 'documents by status and age, stuck ones (not yet ended) first, oldest first',
    positionals: [],
    options: ['status', 'older-than', 'limit'],
    action: false,
  },
  timeline: {
    name: 'timeline',
    usage: 'timeline <documentId>',
    summary: "a document's record, its audit trail and its executions' states with durations",
    positionals: ['documentId'],
    options: [],
    action: false,
  },
  verify: {
    name: 'verify',
    usage: 'verify <documentId>',
    summary: "checks a document's audit hash chain and names its first broken link (exit 1 when broken)",
    positionals: ['documentId'],
    options: [],
    action: false,
  },
  dlq: {
    name: 'dlq',
    usage: 'dlq [--queue intake|extraction|extraction-completions] [--max N]',
    summary: 'what waits in the dead-letter queues, without consuming it',
    positionals: [],
    options: ['queue', 'max'],
    action: false,
  },
  'redrive-dlq': {
    name: 'redrive-dlq',
    usage: 'redrive-dlq --queue Q --reason R [--max N]',
    summary: "moves messages from a queue's dead-letter queue back to the queue",
    positionals: [],
    options: ['queue', 'max'],
    action: true,
  },
  redrive: {
    name: 'redrive',
    usage: 'redrive <documentId> --reason R',
    summary: 'runs a FAILED document again (redrives its execution, or starts a new one)',
    positionals: ['documentId'],
    options: [],
    action: true,
  },
  cancel: {
    name: 'cancel',
    usage: 'cancel <documentId> --reason R [--wait SECONDS]',
    summary: "stops a document's execution, or settles a stalled document, as COMPENSATED",
    positionals: ['documentId'],
    options: ['wait'],
    action: true,
  },
};

export const helpText = `Usage: npm run tower -- <command> [options]

Commands:
${Object.values(commands)
  .map((c) => `  ${c.usage}\n      ${c.summary}`)
  .join('\n')}

Human tasks (a local runtime; the same list as the inbox's JSON API):
  tasks [--assignee A] [--group G] [--process P] [--overdue] [--sort due|priority|process] [--local dir]
      pending tasks: a person's inbox (--assignee), a group's, or every group's and named approver's

Before a deploy (reads the AWS account, no target; see preflight --help):
  preflight --region R [--stack S] [-c key=value ...] [--recorded FILE]
      what the account would refuse (Lambda concurrency, SES, Textract, bootstrap...), each with its fix

Target (one of):
  --local [dataDir]         a running npm start (reads <dataDir>/runtime.json). Without dataDir,
                            and by default: ./.tower's, else the only one this user runs (each
                            npm start lists itself under $XDG_RUNTIME_DIR or the temporary
                            directory, or $TOWER_RUNTIMES); several running: name one
  --stack <name> [--region r]
                            a deployed stack, named by its CloudFormation outputs

Common options:
  --json                    machine-readable output
  --reason <text>           why (required for redrive-dlq, redrive and cancel; recorded in the audit trail)
  --operator <id>           who is acting (default: $USER)

Exit codes: 0 ok, 1 refused or failed, 2 usage.`;
