import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import { nl } from './nl.ts';
import { pl } from './pl.ts';
import { pt } from './pt.ts';
import type { Lexicon, LexiconLanguage } from './types.ts';

/** Every language's lexicon, in the order ties between languages are settled. */
export const lexicons: Readonly<Record<LexiconLanguage, Lexicon>> = { en, nl, fr, de, es, it, pt, pl };

export * from './types.ts';
