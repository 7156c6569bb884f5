/** The EventBridge event Step Functions emits when an execution's status changes. */
export interface ExecutionStatusChange {
  readonly 'detail-type': 'Step Functions Execution Status Change';
  readonly source: 'aws.states';
  readonly time?: string;
  readonly detail: {
    readonly executionArn: string;
    readonly stateMachineArn: string;
    readonly name: string;
    readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
    readonly input?: string | null;
    readonly error?: string | null;
    readonly cause?: string | null;
  };
}

/** The document an execution ran on: from its input, else from its name (`<process>-<documentId>`). */
export function documentOf(
  detail: ExecutionStatusChange['detail'],
): { documentId: string; process?: string; workflowVersion?: string } | undefined {
  try {
    const input = JSON.parse(detail.input ?? '') as {
      document?: { documentId?: unknown; process?: unknown };
      workflowVersion?: unknown;
    };
    if (typeof input.document?.documentId === 'string') {
      return {
        documentId: input.document.documentId,
        ...(typeof input.document.process === 'string' ? { process: input.document.process } : {}),
        workflowVersion: typeof input.workflowVersion === 'string' ? input.workflowVersion : undefined,
      };
    }
  } catch {
    // fall through to the name
  }
  const match = /^([a-z][a-z0-9]{0,14})-([0-9a-f]{64})$/.exec(detail.name);
  return match?.[1] && match[2] ? { documentId: match[2], process: match[1] } : undefined;
}
