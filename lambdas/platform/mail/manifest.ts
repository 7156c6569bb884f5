import { capability } from '../capability/manifest.ts';
import { mail as uses } from './uses.ts';

/** Email through Amazon SES, from one verified sender. */
export const mail = capability({
  name: 'mail',
  summary: 'Amazon SES email from the verified sender; in the sandbox only to verified recipients',
  uses,
  settings: ['senderAddress', 'sesSandbox', 'sesRecipientIdentities'],
  local: () => import('./local.ts').then((m) => m.mailLocal),
});
