import { createFinalizeHandler, finalizeDeps } from './finish-handler.ts';

/** The platform's finalize: writes the result the process handed it (`result`), the status and the audit. */
export const handler = createFinalizeHandler(finalizeDeps());
