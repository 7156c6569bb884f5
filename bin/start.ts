import './common/require-node.ts';
import { capabilities } from '../lambdas/platform/capabilities.ts';
import { sha256Hex } from '../lambdas/platform/shared/hash.ts';
import { documentIdOf } from '../lambdas/platform/shared/workflow.ts';
import { processes } from '../lambdas/processes/index.ts';
import { javaProblem, readJavaVersion } from '../local/emulators/java-runtime.ts';
import type { Listening } from '../local/http/json-server.ts';
import { describeFailure, FunctionStartError } from '../local/lambda/start-check.ts';
import { DataDirInUseError } from '../local/runtime/data-dir-lock.ts';
import { DataLayoutError, DynaliteDataError } from '../local/runtime/data-layout.ts';
import { type LocalRuntime, startLocalRuntime } from '../local/runtime/runtime.ts';
import { absolutePath, parseArgsOrRefuse, refuseArgs } from './common/cli-args.ts';
import { inspect } from './common/inspect.ts';
import { removeRuntimeFile, writeRuntimeFile } from './common/runtime-file.ts';
import { terminalText } from './common/terminal-text.ts';
import { startConsole } from './console/server.ts';
import { runDemo } from './start/demo.ts';
import { type InboxWatcher, watchInbox } from './start/inbox.ts';
import { problemLine, submittedLine } from './start/inbox-lines.ts';
import { SignalStop } from './start/signal-stop.ts';

// npm start: every process on this machine, on loopback, with data kept in .tower/.
const usage =
  'usage: npm start -- [--demo [--exit]] [--data-dir DIR] [--inbox DIR] [--clock-scale S (0 < S <= 1: approval waits shortened)] [--no-iam (calls are not checked against the template IAM)]';
const refuse = (message: string) => refuseArgs(message, usage);
const { values } = parseArgsOrRefuse(
  {
    options: {
      demo: { type: 'boolean', default: false },
      exit: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.tower' },
      inbox: { type: 'string', default: 'inbox' },
      'clock-scale': { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
      'no-iam': { type: 'boolean', default: false },
    },
  },
  usage,
);
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const clockScale = Number(values['clock-scale']);
if (!(clockScale > 0 && clockScale <= 1))
  refuse(`--clock-scale must be a number above 0 and at most 1, got ${values['clock-scale']}`);
if (values.exit && !values.demo) refuse('--exit only applies with --demo');

const dataDir = absolutePath(values['data-dir']);
const inboxDir = absolutePath(values.inbox);
// Names and reasons come from files: nothing they hold may steer the terminal.
const say = (line = '') => process.stdout.write(`${terminalText(line)}\n`);
const complain = (line: string) => process.stderr.write(`${terminalText(line)}\n`);
// Before anything starts: without Java, DynamoDB Local cannot run, and nothing else is worth starting.
const noJava = javaProblem(readJavaVersion());
if (noJava) {
  complain(`npm start: ${noJava}`);
  process.exit(1);
}
let runtime: LocalRuntime;
try {
  runtime = await startLocalRuntime({
    capabilities,
    processes,
    dataDir,
    clockScale,
    ...(values['no-iam'] ? { iam: false } : {}),
  });
} catch (error) {
  if (
    error instanceof DataLayoutError ||
    error instanceof DynaliteDataError ||
    error instanceof DataDirInUseError
  ) {
    complain(`npm start: ${error.message}`);
    process.exit(1);
  }
  if (!(error instanceof FunctionStartError)) throw error;
  complain(`npm start: ${error.message}\nFunction logs are in ${dataDir}/logs.`);
  process.exit(1);
}
runtime.onEnvironmentFailure((failure) => {
  say(`ERROR ${describeFailure(failure)}`);
  say(
    'ERROR intake is paused: new files wait in the intake queue until npm start runs again with the function fixed.',
  );
});
// Handled from here on: a Ctrl-C as soon as the banner shows must reach the stop, not kill the process.
let consoleServer: Listening | undefined;
let inbox: InboxWatcher | undefined;
const stopper = new SignalStop({
  say,
  stop: async (report) => {
    report('stopping the inbox watcher');
    inbox?.stop();
    removeRuntimeFile(runtime.dataDir);
    report('stopping the console');
    await consoleServer?.close();
    await runtime.stop(report);
  },
  forced: (cutShort) =>
    `Forced exit while stopping ${cutShort}. The next start on ${runtime.dataDir} takes over its lock (this process is gone) and resumes cut-off work.`,
});
stopper.listen();
const tools = inspect(runtime);
consoleServer = await startConsole(runtime);
writeRuntimeFile(runtime);
const pad = (s: string) => s.padEnd(16);
say('Tower local runtime');
say(`${pad('DynamoDB')}${runtime.endpoints.dynamodb}`);
say(`${pad('S3')}${runtime.endpoints.s3}  bucket ${runtime.names.bucket}`);
say(`${pad('SQS / SNS')}${runtime.endpoints.sqs}`);
say(`${pad('SES')}${runtime.endpoints.ses}  (sent mail at /store)`);
say(`${pad('Step Functions')}${runtime.endpoints.sfn}`);
say(`${pad('Textract')}${runtime.endpoints.textract}`);
say(
  `${pad('Lambda')}${runtime.lambda.functions.length} functions in worker threads (logs in ${runtime.dataDir}/logs)`,
);
say(`${pad('Approval API')}${runtime.endpoints.approvals}`);
say(`${pad('Console')}${consoleServer.url}`);
for (const p of runtime.catalog.processes)
  say(`${pad('Inbox')}${inboxDir}/${p.id}/ → s3://${runtime.names.bucket}/${p.intakePrefix}`);
say(`${pad('Data')}${runtime.dataDir}/ (documents, statuses and audit survive restarts)`);
if (runtime.incompleteUploadsRemoved > 0) {
  say(
    `Note: ${runtime.incompleteUploadsRemoved} upload(s) the last stop cut off half-written were removed (S3 never had them); upload them again.`,
  );
}
if (runtime.reannounced > 0) {
  say(`Note: ${runtime.reannounced} intake file(s) whose events the last stop lost were announced again.`);
}
if (runtime.interrupted.length > 0) {
  say(
    `Note: ${runtime.interrupted.length} execution(s) were cut off by the last stop; they are marked and were restarted.`,
  );
}

inbox = watchInbox(inboxDir, runtime.catalog.processes, {
  submit: async (file) => {
    // A document with this content before the drop makes the file a duplicate: say so, and of what.
    const first = await tools.document(documentIdOf(file.processId, sha256Hex(file.body)));
    const id = await tools.drop(file.processId, file.name.name, file.body, file.metadata);
    say(submittedLine(file, id, first));
  },
  problem: (file, message) => say(problemLine(file, message)),
});

if (values.demo) {
  say('');
  say('Demo: dropping a clean invoice, one that needs approval, and a malformed file…');
  const { documents, links } = await runDemo(runtime);
  for (const doc of documents) {
    const ok =
      doc.status === doc.expected
        ? `as expected${doc.note ? ` (${doc.note})` : ''}`
        : `EXPECTED ${doc.expected}`;
    say(
      `  ${doc.label.padEnd(16)} ${doc.file.padEnd(28)} ${String(doc.status).padEnd(18)} ${ok}${doc.reason ? ` — ${doc.reason}` : ''}`,
    );
  }
  for (const link of links) say(`  approval link for ${link.to}: ${link.link}`);
  const failed = documents.some((d) => d.status !== d.expected) || links.length === 0;
  if (values.exit) await stopper.stop(failed ? 1 : 0);
  say(`Open the link to approve; the console shows every step: ${consoleServer.url}`);
}
