import { capability } from '../capability/manifest.ts';
import { data as uses } from './uses.ts';

/** The data bucket: intake prefixes, extraction artifacts, results, quarantine (KMS, versioned, TLS only). */
export const data = capability({
  name: 'data',
  summary: 'The versioned, KMS-encrypted data bucket and the areas functions reach in it',
  uses,
  local: () => import('./local.ts').then((m) => m.dataLocal),
});
