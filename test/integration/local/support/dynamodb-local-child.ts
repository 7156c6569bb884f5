import { startDynamoDbLocal } from '../../../../local/emulators/dynamodb-local.ts';

// A process that starts DynamoDB Local on the directory it is given, says where, and waits to be killed.
const directory = process.argv[2];
const local = await startDynamoDbLocal(directory ? { directory } : {});
process.stdout.write(`${JSON.stringify({ url: local.url, pid: local.pid })}\n`);
setInterval(() => undefined, 60_000);
