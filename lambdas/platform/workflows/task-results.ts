import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';

/**
 * The part of Step Functions a task's worker needs: sending the waiting task its result. The SDK's
 * client is one; a test's fake is another.
 */
export interface TaskResultSender {
  send(command: SendTaskSuccessCommand | SendTaskFailureCommand): Promise<unknown>;
}

export type TaskDelivery = 'delivered' | 'timed-out' | 'task-gone';

function settled(error: unknown): TaskDelivery | undefined {
  const name = (error as { name?: string }).name;
  if (name === 'TaskTimedOut') return 'timed-out';
  if (name === 'TaskDoesNotExist' || name === 'InvalidToken') return 'task-gone';
  return undefined;
}

/** Resumes a waiting task with its output; a wait that already ended is reported, not thrown. */
export async function succeedTask(
  sfn: TaskResultSender,
  taskToken: string,
  output: unknown,
): Promise<TaskDelivery> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return 'delivered';
  } catch (error) {
    const outcome = settled(error);
    if (outcome) return outcome;
    throw error;
  }
}

/**
 * Fails a waiting task with a stable error name; the cause is Lambda's error JSON shape, so the
 * workflow reads it the same way as an error thrown by a Lambda task.
 */
export async function failTask(
  sfn: TaskResultSender,
  taskToken: string,
  error: { name: string; message: string },
): Promise<TaskDelivery> {
  try {
    await sfn.send(
      new SendTaskFailureCommand({
        taskToken,
        error: error.name,
        cause: JSON.stringify({ errorType: error.name, errorMessage: error.message }),
      }),
    );
    return 'delivered';
  } catch (failure) {
    const outcome = settled(failure);
    if (outcome) return outcome;
    throw failure;
  }
}
