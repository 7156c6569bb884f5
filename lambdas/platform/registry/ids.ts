/**
 * The registry's ids, plain strings: the platform's functions, queues and tables, and each process's
 * own in its package. In a module of their own so that specs naming each other (a queue's consumer is
 * a function, a function starts jobs on a queue) import no other spec.
 */

/** A Lambda function's id, unique across the platform and every process. */
export type FunctionId = string;

/** An SQS queue's id, unique across the platform and every process. */
export type QueueId = string;

/** A DynamoDB table's id, unique across the platform and every process. */
export type TableId = string;
