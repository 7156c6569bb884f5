import { resolve } from 'node:path';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import { terminalJson, terminalText } from '../common/terminal-text.ts';
import {
  type CommandLine,
  knownQueues,
  parseCommandLine,
  parseDuration,
  positiveInteger,
  queueOption,
  statusOption,
} from './args.ts';
import { cancelDocument } from './cancel.ts';
import { helpText } from './commands.ts';
import { type Operator, operatorOn } from './context.ts';
import { peekDlq, redriveDlq } from './dlq.ts';
import { resolveDocumentId } from './document-ids.ts';
import { listDocuments, renderDocuments } from './documents.ts';
import { RefusedError, UsageError } from './errors.ts';
import { findLocalRuntime } from './find-runtime.ts';
import { redriveDocument } from './redrive.ts';
import { renderCancel, renderDlqRedrive, renderDlqReports, renderRedrive } from './render.ts';
import { openStackTarget } from './stack-target.ts';
import { openLocalTarget, type Target } from './target.ts';
import { renderTimeline, timeline } from './timeline.ts';
import { verifyDocument } from './verify.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Acts on this target whatever the command line names (tests, tools in the runtime's process). */
  readonly target?: Target;
  readonly now?: () => Date;
}

/** What a command produced: the result for `--json`, the text for people, and the exit code. */
interface Outcome {
  readonly result: unknown;
  readonly text: string;
  readonly exitCode: 0 | 1;
}

/**
 * `tower <command> …`: runs one operator command and returns its exit code (0 ok, 1 refused or
 * failed, 2 usage). Output goes through `io`, so tests run it in-process.
 */
export async function runTower(argv: readonly string[], io: CliIo): Promise<number> {
  // Before a deploy there is no stack or runtime to target: the preflight reads the account itself.
  if (argv[0] === 'preflight') {
    const { runPreflight } = await import('../preflight/cli.ts');
    return runPreflight(argv.slice(1), io);
  }
  // The human tasks of a local runtime, as the inbox lists them (bin/operator/tasks.ts).
  if (argv[0] === 'tasks') {
    const { runTasks } = await import('./tasks.ts');
    return runTasks(argv.slice(1), io);
  }
  let line: CommandLine;
  try {
    line = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\nUsage: npm run tower -- <command> [options] (see --help)\n`);
    return error.exitCode;
  }
  if (line.help) {
    io.stdout(`${helpText}\n`);
    return 0;
  }
  let target: Target | undefined;
  try {
    const operatorId = line.options.operator ?? io.env.USER ?? io.env.USERNAME;
    if (!operatorId && line.command.action)
      throw new UsageError('who is acting? pass --operator <id> (or set USER)');
    target = io.target ?? (await openTarget(line, io));
    // Reading commands write nothing, so they need no name.
    const operator = operatorOn(target, operatorId ?? 'unknown', io.now);
    const outcome = await run(operator, line);
    io.stdout(`${line.json ? terminalJson(outcome.result) : terminalText(outcome.text)}\n`);
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RefusedError) {
      io.stderr(`${line.command.name}: ${terminalText(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr(`${line.command.name} failed: ${terminalText(message)}\n`);
    return 1;
  } finally {
    if (target && target !== io.target) target.close();
  }
}

async function openTarget(line: CommandLine, io: CliIo): Promise<Target> {
  const choice = line.target;
  if (choice?.kind === 'stack') return openStackTarget(choice.stackName, choice.region);
  if (choice?.kind === 'local' && choice.explicit) return openLocalTarget(resolve(io.cwd, choice.dataDir));
  return openLocalTarget(findLocalRuntime(io.cwd, io.env));
}

async function run(operator: Operator, line: CommandLine): Promise<Outcome> {
  const { options, positionals } = line;
  const now = operator.now();
  const reason = options.reason?.trim() ?? '';
  // Any unique prefix of 8 or more characters names a document, as the 12 shown everywhere do.
  const documentId = () => resolveDocumentId(operator, positionals.documentId ?? '');
  switch (line.command.name) {
    case 'documents': {
      const documents = await listDocuments(operator, {
        ...(options.status ? { status: statusOption(options.status) } : {}),
        ...(options['older-than'] ? { olderThanMs: parseDuration(options['older-than']) } : {}),
        limit: options.limit ? positiveInteger('limit', options.limit) : 50,
      });
      return { result: { documents }, text: renderDocuments(documents, now), exitCode: 0 };
    }
    case 'timeline': {
      const result = await timeline(operator, await documentId());
      return { result, text: renderTimeline(result, now), exitCode: 0 };
    }
    case 'verify': {
      const result = await verifyDocument(operator, await documentId());
      return {
        result,
        text: `${result.documentId}: ${result.summary}`,
        exitCode: result.verdict.broken ? 1 : 0,
      };
    }
    case 'dlq': {
      const ids: QueueId[] = options.queue ? [queueOption(options.queue)] : knownQueues();
      const max = options.max ? positiveInteger('max', options.max) : 100;
      const queues = [];
      for (const id of ids) queues.push(await peekDlq(operator.target, id, max));
      return { result: { queues }, text: renderDlqReports(queues, now), exitCode: 0 };
    }
    case 'redrive-dlq': {
      const max = options.max ? positiveInteger('max', options.max) : Number.MAX_SAFE_INTEGER;
      const result = await redriveDlq(operator, queueOption(options.queue ?? ''), reason, max);
      return { result, text: renderDlqRedrive(result), exitCode: result.failure ? 1 : 0 };
    }
    case 'redrive': {
      const result = await redriveDocument(operator, await documentId(), reason);
      return { result, text: renderRedrive(result), exitCode: 0 };
    }
    case 'cancel': {
      const waitMs = (options.wait ? positiveInteger('wait', options.wait) : 30) * 1000;
      const result = await cancelDocument(operator, await documentId(), reason, waitMs);
      return { result, text: renderCancel(result), exitCode: result.settled ? 0 : 1 };
    }
  }
}
