import { join } from 'node:path';
import { startSes } from '../../../local/emulators/ses.ts';
import { startFaultProxy } from '../../../local/http/fault-proxy.ts';
import type { CapabilityLocal } from '../../../local/runtime/capability-local.ts';
import { sesCalls } from './local-requests.ts';

/** Email locally: SES on loopback, every sent message kept under the data directory (the mailbox). */
export const mailLocal: CapabilityLocal = {
  emulate: async (p) => {
    const ses = await startSes(join(p.dataDir, 'ses'));
    p.shutdown.add('SES', ses.close);
    // Functions reach SES through a proxy that can fail requests on demand (fault injection).
    const proxy = await startFaultProxy(ses.url, () => p.faults.services.ses?.failureRate ?? 0);
    p.shutdown.add('the SES fault proxy', proxy.close);
    p.endpoints.ses = proxy.url;
    p.handles.set('mail', () => ses.sent());
  },
  requests: { service: 'ses', map: sesCalls },
};
