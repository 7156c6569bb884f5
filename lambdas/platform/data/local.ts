import { join } from 'node:path';
import { startS3 } from '../../../local/emulators/s3.ts';
import type { CapabilityLocal } from '../../../local/runtime/capability-local.ts';
import { createBucket } from '../../../local/runtime/resources.ts';

/** The data bucket locally: S3 on loopback, objects under the data directory, its object-created events. */
export const dataLocal: CapabilityLocal = {
  emulate: async (p) => {
    const s3 = await startS3(join(p.dataDir, 's3'));
    p.shutdown.add('S3', s3.close);
    p.endpoints.s3 = s3.url;
    p.startup.incompleteUploadsRemoved = s3.incompleteRemoved.length;
    p.onS3Event = (listener) => s3.onEvent(listener);
  },
  create: (p) => createBucket(p.clients.s3, p.names.bucket),
};
