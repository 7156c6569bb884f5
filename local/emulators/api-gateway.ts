import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { type Listening, listenLoopback, readBody } from '../http/json-server.ts';
import type { InvokeResult } from '../lambda/invocation.ts';

export interface ProxyRoute {
  /** API Gateway resource path, e.g. `/a/{approvalId}/{secret}`. */
  readonly resource: string;
  readonly methods: readonly string[];
  readonly functionName: string;
}

function matcher(resource: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${resource.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  return (path) => {
    const match = pattern.exec(path);
    if (!match) return undefined;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')]));
  };
}

/** The REST API's Lambda proxy integration on loopback: requests become API Gateway proxy events. */
export function startApiGateway(
  routes: readonly ProxyRoute[],
  invoke: (functionName: string, event: APIGatewayProxyEvent) => Promise<InvokeResult>,
  stage = 'local',
  port = 0,
): Promise<Listening> {
  const compiled = routes.map((r) => ({ ...r, match: matcher(r.resource) }));
  return listenLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const route = compiled.find((r) => r.match(url.pathname) && r.methods.includes(method));
    const pathParameters = route?.match(url.pathname);
    if (!route || !pathParameters) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Missing Authentication Token' }));
      return;
    }
    const body = method === 'POST' ? (await readBody(req, 10 * 1024 * 1024)).toString('utf8') : null;
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    const event = {
      resource: route.resource,
      path: url.pathname,
      httpMethod: method,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: url.searchParams.size > 0 ? Object.fromEntries(url.searchParams) : null,
      multiValueQueryStringParameters: null,
      pathParameters,
      stageVariables: null,
      body,
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        stage,
        httpMethod: method,
        path: `/${stage}${url.pathname}`,
        resourcePath: route.resource,
        // As on AWS: the domain the API was called on (the passkeys' relying party).
        domainName: headers.host ?? '127.0.0.1',
        requestId: randomUUID(),
        requestTimeEpoch: Date.now(),
        identity: {
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
      },
    } as unknown as APIGatewayProxyEvent;
    const result = await invoke(route.functionName, event);
    if (!result.ok) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal server error' }));
      return;
    }
    const response = result.payload as APIGatewayProxyResult;
    res.writeHead(response.statusCode, response.headers as Record<string, string>);
    res.end(
      method === 'HEAD'
        ? undefined
        : response.isBase64Encoded
          ? Buffer.from(response.body, 'base64')
          : response.body,
    );
  }, port);
}
