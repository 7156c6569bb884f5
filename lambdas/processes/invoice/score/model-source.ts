import artifact from './model/vendor-risk.model.json' with { type: 'json' };
import { type ModelValidation, validateModel } from './model.ts';

/** Where the scorer gets its model from: bundled today, an S3 object or a registry tomorrow. */
export interface ModelSource {
  /** Resolves to the validated model, or to why it cannot be loaded; never rejects for a bad artifact. */
  load(): Promise<ModelValidation>;
}

/** A source over an artifact already in memory, validated once (schema, features, checksum). */
export function staticModelSource(raw: unknown): ModelSource {
  let validated: ModelValidation | undefined;
  return {
    load: async () => {
      validated ??= validateModel(raw);
      return validated;
    },
  };
}

/** The artifact bundled with the function, as committed by `npm run train-model`. */
export const bundledModelSource: ModelSource = staticModelSource(artifact);
