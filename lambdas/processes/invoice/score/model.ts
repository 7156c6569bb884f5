import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { hashJson } from '../../../platform/shared/hash.ts';
import type { ScoreResult } from '../domain/workflow.ts';
import { type FeatureSet, type FeatureValues, featureNames, round4 } from './features.ts';
import { bandOf, topContributions } from './rationale.ts';

// Zod 4 numbers reject NaN and ±Infinity already.
const finite = z.number();
const positiveInt = () => z.number().check(z.int(), z.positive());
const fraction = () => z.number().check(z.minimum(0), z.maximum(1));

const featureSchema = z.strictObject({
  name: z.enum(featureNames),
  mean: finite,
  std: z.number().check(z.positive()),
  weight: finite,
});

const trainingSchema = z.strictObject({
  generator: z.string().check(z.minLength(1)),
  seed: z.number().check(z.int()),
  samples: z.strictObject({
    train: positiveInt(),
    holdout: positiveInt(),
    positiveRate: fraction(),
  }),
  hyperparameters: z.strictObject({
    epochs: positiveInt(),
    learningRate: z.number().check(z.positive()),
    l2: z.number().check(z.minimum(0)),
  }),
  holdout: z.strictObject({ auc: fraction(), accuracy: fraction() }),
});

/**
 * The vendor-risk model artifact: a logistic regression over standardised features, versioned and
 * checksummed so an audit event names exactly the parameters that scored a document.
 */
export const modelSchema = z.strictObject({
  version: z.string().check(z.regex(/^vendor-risk@\d+\.\d+\.\d+$/)),
  kind: z.literal('logistic-regression'),
  features: z.array(featureSchema),
  bias: finite,
  bands: z
    .strictObject({ medium: finite, high: finite })
    .check(
      z.refine(
        (b) => b.medium > 0 && b.medium < b.high && b.high < 1,
        'bands must satisfy 0 < medium < high < 1',
      ),
    ),
  training: trainingSchema,
  checksum: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)),
});

// zod/mini registers no locale, so the default message in a refusal is asked for in English per parse.
const english = { error: en().localeError };

export type VendorRiskModel = z.infer<typeof modelSchema>;

/** The parameters scoring depends on, which the checksum covers (training metadata is descriptive). */
type ModelParameters = Pick<VendorRiskModel, 'version' | 'kind' | 'features' | 'bias' | 'bands'>;

export function modelChecksum(model: ModelParameters): string {
  const { version, kind, features, bias, bands } = model;
  return `sha256:${hashJson({ version, kind, features, bias, bands })}`;
}

export type ModelValidation =
  | { readonly ok: true; readonly model: VendorRiskModel }
  | { readonly ok: false; readonly reason: string };

/** Validates an artifact: its schema, its features against the ones computed here, and its checksum. */
export function validateModel(raw: unknown): ModelValidation {
  if (raw === undefined || raw === null) return { ok: false, reason: 'model artifact is missing' };
  const parsed = modelSchema.safeParse(raw, english);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'artifact';
    return { ok: false, reason: `model artifact is invalid at ${where}: ${issue?.message ?? 'unknown'}` };
  }
  const model = parsed.data;
  const names = model.features.map((f) => f.name).join(',');
  if (names !== featureNames.join(','))
    return { ok: false, reason: `model features [${names}] do not match [${featureNames.join(',')}]` };
  if (modelChecksum(model) !== model.checksum)
    return { ok: false, reason: `model ${model.version} checksum mismatch` };
  return { ok: true, model };
}

export function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit));
}

/** The model's probability of risk: sigmoid(bias + Σ weight × (value − mean) / std). */
export function modelProbability(
  model: Pick<VendorRiskModel, 'features' | 'bias'>,
  values: FeatureValues,
): number {
  const logit = model.features.reduce(
    (sum, f) => sum + f.weight * ((values[f.name] - f.mean) / f.std),
    model.bias,
  );
  return sigmoid(logit);
}

/** The input hash of a score: the features and the version that scored them. */
export function scoreInputHash(features: FeatureSet, version: string): string {
  return hashJson({ features: features.values, modelVersion: version });
}

/** Scores features with the model; each contribution is weight × standardised value, in log-odds. */
export function scoreWithModel(model: VendorRiskModel, features: FeatureSet): ScoreResult {
  const contributions = model.features.map((f) => {
    const value = features.values[f.name];
    return {
      feature: f.name,
      value,
      contribution: round4(f.weight * ((value - f.mean) / f.std)),
      explanation: features.explanations[f.name],
    };
  });
  const score = round4(modelProbability(model, features.values));
  return {
    score,
    band: bandOf(score, model.bands),
    rationale: topContributions(contributions),
    features: features.values,
    modelVersion: model.version,
    method: 'model',
    degraded: false,
    inputHash: scoreInputHash(features, model.version),
  };
}

/** The artifact as committed: fixed key order, two-space indent, trailing newline. */
export function serializeModel(model: VendorRiskModel): string {
  const t = model.training;
  const ordered = {
    version: model.version,
    kind: model.kind,
    features: model.features.map((f) => ({ name: f.name, mean: f.mean, std: f.std, weight: f.weight })),
    bias: model.bias,
    bands: { medium: model.bands.medium, high: model.bands.high },
    training: {
      generator: t.generator,
      seed: t.seed,
      samples: {
        train: t.samples.train,
        holdout: t.samples.holdout,
        positiveRate: t.samples.positiveRate,
      },
      hyperparameters: {
        epochs: t.hyperparameters.epochs,
        learningRate: t.hyperparameters.learningRate,
        l2: t.hyperparameters.l2,
      },
      holdout: { auc: t.holdout.auc, accuracy: t.holdout.accuracy },
    },
    checksum: model.checksum,
  } satisfies VendorRiskModel;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
