import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { executionArnOf } from '../../lambdas/platform/shared/execution-arn.ts';
import { belowThreshold, readFieldsOf } from '../../lambdas/platform/shared/read-fields.ts';
import { executionName } from '../../lambdas/platform/shared/workflow.ts';
import { describeVerdict, headOnRecord, verifyChain } from '../../lambdas/platform/stores/audit-chain.ts';
import { type Listening, listenLoopback } from '../../local/http/json-server.ts';
import type { LocalRuntime } from '../../local/runtime/runtime.ts';
import { inspect } from '../common/inspect.ts';
import { graphOf, latency, stepTimings } from './data.ts';
import { nextStepOf } from './next-step.ts';
import { fragmentsOf, pathOf } from './path.ts';

const staticFiles: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/path.js': { file: 'path.js', type: 'text/javascript; charset=utf-8' },
  '/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};

// The one visibleText the pages, emails and terminal use, served to the browser as a module.
const visibleTextSource = fileURLToPath(
  new URL('../../lambdas/platform/shared/visible-text.ts', import.meta.url),
);
const visibleTextModule = () =>
  transformSync(readFileSync(visibleTextSource, 'utf8'), { loader: 'ts', format: 'esm' }).code;

const headers = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The local console: documents, one document's timeline and path, the mailbox, step latency. */
export function startConsole(runtime: LocalRuntime, port = 0): Promise<Listening> {
  const tools = inspect(runtime);
  const sfn = runtime.stepFunctions;
  const fragments = new Map(runtime.catalog.processes.map((p) => [p.id, fragmentsOf(p)]));
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const api: Record<string, (params: string[]) => Promise<unknown> | unknown> = {
    documents: async () =>
      (await tools.documents())
        .map(({ documentId, process, status, key, receivedAt, updatedAt, statusReason }) => ({
          documentId,
          process,
          status,
          key,
          receivedAt,
          updatedAt,
          statusReason,
        }))
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1)),
    document: async ([id = '']) => {
      const document = await tools.document(id);
      if (!document) return undefined;
      const machineArn = runtime.names.stateMachineArn(document.process);
      const execution = sfn.store.get(executionArnOf(machineArn, executionName(document.process, id)));
      const audit = await tools.audit(id);
      const steps = execution ? stepTimings(execution) : [];
      const graph = graphOf(sfn, machineArn);
      const read = [...audit]
        .reverse()
        .map((e) => readFieldsOf(e.details))
        .find((r) => r !== undefined);
      const chain = verifyChain(audit, headOnRecord(document));
      return {
        document,
        audit,
        // The trail's hash chain, verified against the head on the record (one line, and whether broken).
        chain: { summary: describeVerdict(chain), broken: chain.broken !== undefined },
        // What was read (the latest reading), each field marked when below its threshold.
        read: read && {
          fields: read.fields.map((f) => ({ ...f, below: belowThreshold(f) })),
          warnings: read.warnings,
        },
        next: nextStepOf(document, audit, await tools.approvalLinks(), runtime.dataDir),
        execution: execution && {
          executionArn: execution.executionArn,
          status: execution.status,
          startDate: execution.startDate,
          stopDate: execution.stopDate,
          error: execution.error,
          redriveCount: execution.redriveCount,
          steps,
          waitingOn: sfn.broker.waitingFor(execution.executionArn),
        },
        path: graph && pathOf(graph, steps, fragments.get(document.process) ?? {}),
      };
    },
    mail: async () => {
      const links = await tools.approvalLinks();
      return (await runtime.mailbox())
        .map((m) => ({
          to: m.to,
          subject: m.subject,
          at: m.at,
          links: links.filter((l) => l.subject === m.subject && m.to.join(',') === l.to).map((l) => l.link),
        }))
        .sort((a, b) => b.at - a.at);
    },
    latency: () => latency(sfn.store.list(), runtime.lambda.invocations),
    health: () => runtime.health(),
  };
  const dir = fileURLToPath(new URL('./static/', import.meta.url));
  const visibleText = visibleTextModule();
  // Its mailbox holds approval links: listenLoopback refuses a page elsewhere (DNS rebinding).
  return listenLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/visible-text.js' && req.method === 'GET') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
      res.end(visibleText);
      return;
    }
    const asset = staticFiles[path];
    if (asset && req.method === 'GET') {
      res.writeHead(200, { ...headers, 'content-type': asset.type });
      res.end(readFileSync(`${dir}${asset.file}`));
      return;
    }
    const [, prefix, name, ...params] = path.split('/');
    const handler = prefix === 'api' && name ? api[name] : undefined;
    if (!handler || req.method !== 'GET') return json(res, 404, { message: 'not found' });
    const body = await handler(params.map(decodeURIComponent));
    return body === undefined ? json(res, 404, { message: 'not found' }) : json(res, 200, body);
  }, port);
}
