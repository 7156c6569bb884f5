import { parseApprovalPolicies } from '../../human-step/policy.ts';
import type { SessionReader } from '../../identity/signed-in.ts';
import { envVars } from '../../registry/names.ts';
import { jsonEnv } from '../../shared/env.ts';
import { DynamoInboxStore } from '../dynamo-store.ts';
import type { InboxApiDeps } from './handler.ts';

/** What the inbox adds to the approval function's dependencies. */
export type InboxExtras = Pick<InboxApiDeps, 'inbox' | 'policies' | 'sessions'>;

/** The inbox's dependencies from the environment, built on its first request (a bad policy fails that request, not the cold start). */
export function inboxFromEnv(sessions: SessionReader): () => InboxExtras {
  let built: InboxExtras | undefined;
  return () => {
    built ??= {
      inbox: new DynamoInboxStore(),
      policies: parseApprovalPolicies(jsonEnv<unknown>(envVars.approvalPolicies)),
      sessions,
    };
    return built;
  };
}
