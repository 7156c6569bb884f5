import { capability } from '../capability/manifest.ts';
import { inspection as uses } from './uses.ts';

/** Document inspection at admission: type, size, a password needed to open it, pages, active content. */
export const inspection = capability({
  name: 'inspection',
  summary:
    'What a document is before it is read: type, size, whether it needs a password, pages, active content (review or reject)',
  uses,
  settings: ['processes.<id>.activeContent'],
});
