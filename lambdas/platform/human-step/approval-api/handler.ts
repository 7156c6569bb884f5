import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createSessions } from '../../identity/sessions.ts';
import { DynamoIdentityStore } from '../../identity/store.ts';
import { type InboxExtras, inboxFromEnv } from '../../inbox/api/deps.ts';
import { isInboxEvent, serveInbox } from '../../inbox/api/handler.ts';
import { sesMailer } from '../../mail/mailer.ts';
import { classify } from '../../shared/errors.ts';
import { logger, MetricUnit, metrics } from '../../shared/observability.ts';
import { DynamoAuditTrail } from '../../stores/audit.ts';
import { sfn } from '../../workflows/client.ts';
import { DynamoApprovalStore } from '../store.ts';
import type { DecideDeps } from './caller.ts';
import { servePage } from './decide.ts';
import { presignedDocumentLinks } from './document-link.ts';
import type { PageResponse } from './layout.ts';
import { pages } from './pages.ts';
import { parsePageRequest } from './request.ts';

/** The approval page endpoint. Logs carry the approval id and outcome only: never the path, secret or form. */
export function createApprovalApiHandler(deps: DecideDeps, inbox?: () => InboxExtras) {
  return async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    logger.addContext(context);
    const started = performance.now();
    const forInbox = inbox !== undefined && isInboxEvent(event);
    const request = forInbox ? undefined : parsePageRequest(event);
    let response: PageResponse;
    try {
      if (forInbox) response = await serveInbox({ ...deps, ...inbox() }, event);
      else response = request ? await servePage(deps, request) : pages.invalidLink();
    } catch (error) {
      // Never a stack trace, never a false "approved": the person is told to try again.
      const classified = classify(error);
      logger.error('Approval page failed', { errorName: classified.name, errorClass: classified.errorClass });
      response = pages.unavailable();
    }
    logger.info('Approval page served', {
      approvalId: request?.approvalId,
      resource: event.resource,
      method: event.httpMethod,
      status: response.statusCode,
    });
    metrics.addDimension('Step', 'approval-page');
    metrics.addMetric('StepLatency', MetricUnit.Milliseconds, performance.now() - started);
    metrics.publishStoredMetrics();
    const body = event.httpMethod.toUpperCase() === 'HEAD' ? '' : response.body;
    return { statusCode: response.statusCode, headers: { ...response.headers }, body };
  };
}

const identityStore = new DynamoIdentityStore();
const now = () => new Date();
const sessions = createSessions(identityStore, now);

export const handler = createApprovalApiHandler(
  {
    approvals: new DynamoApprovalStore(),
    audit: new DynamoAuditTrail(),
    sendEmail: sesMailer(),
    sfn,
    now,
    linkDocument: presignedDocumentLinks(),
    identity: { sessions, store: identityStore },
  },
  // The inbox reads people through the same sessions as the task pages.
  inboxFromEnv(sessions.reader),
);
