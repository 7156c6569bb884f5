import type { Capability } from './capability/manifest.ts';
import { data } from './data/manifest.ts';
import { failure } from './failure/manifest.ts';
import { finish } from './finish/manifest.ts';
import { humanStep } from './human-step/manifest.ts';
import { identity } from './identity/manifest.ts';
import { inbox } from './inbox/manifest.ts';
import { inspection } from './inspection/manifest.ts';
import { intake } from './intake/manifest.ts';
import { mail } from './mail/manifest.ts';
import { quarantine } from './quarantine/manifest.ts';
import { queues } from './queues/manifest.ts';
import { rules } from './rules/manifest.ts';
import { settlement } from './settlement/manifest.ts';
import { stores } from './stores/manifest.ts';
import { textract } from './textract/manifest.ts';
import { workflows } from './workflows/manifest.ts';

/**
 * Tower's capabilities, in the order they are built: queues before what feeds them, the workflows
 * before what watches them. Adding one: its folder under lambdas/platform/ with a manifest, and a line here.
 */
export const capabilities: readonly Capability[] = [
  stores,
  data,
  queues,
  textract,
  workflows,
  intake,
  inspection,
  mail,
  identity,
  humanStep,
  inbox,
  finish,
  quarantine,
  failure,
  settlement,
  rules,
];
