/** An error as the Step Functions API returns it: `__type` is what SDK clients turn into the exception name. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** An error a Task state fails with; `name` is what Retry and Catch match. */
export class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

/** The error name the engine's Catch and Retry match for timeouts. */
export const statesTimeout = 'States.Timeout';
