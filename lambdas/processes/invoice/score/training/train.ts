import { fileURLToPath } from 'node:url';
import { computeFeatures, featureNames, round4 } from '../features.ts';
import { modelChecksum, modelProbability, type VendorRiskModel } from '../model.ts';
import { defaultBands } from '../rationale.ts';
import { accuracy, auc, fitLogistic, standardisation, standardise } from './logistic.ts';
import { Random } from './prng.ts';
import { generateInvoices, generatorVersion } from './synthetic.ts';

export interface TrainingOptions {
  readonly version: string;
  readonly seed: number;
  readonly samples: number;
  /** The last share of the samples, held out for evaluation. */
  readonly holdoutFraction: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
}

export const defaultTrainingOptions: TrainingOptions = {
  version: 'vendor-risk@1.0.0',
  seed: 20_240_601,
  samples: 4000,
  holdoutFraction: 0.25,
  epochs: 1000,
  learningRate: 0.5,
  l2: 0.001,
};

/** Where the committed artifact lives, resolved from this module rather than the working directory. */
export const modelArtifactPath = fileURLToPath(new URL('../model/vendor-risk.model.json', import.meta.url));

/**
 * Trains the vendor-risk model on synthetic invoices, deterministically: the same options always
 * give the same artifact, byte for byte (see `serializeModel`).
 *
 * @example
 * writeFileSync(modelArtifactPath, serializeModel(trainVendorRiskModel()));
 */
export function trainVendorRiskModel(options: TrainingOptions = defaultTrainingOptions): VendorRiskModel {
  const random = new Random(options.seed);
  const data = generateInvoices(options.samples, random);
  const rows = data.map((d) => {
    const { values } = computeFeatures(d.input);
    return featureNames.map((name) => values[name]);
  });
  const labels = data.map((d) => d.risky);
  const trainCount = options.samples - Math.round(options.samples * options.holdoutFraction);

  const trainRows = rows.slice(0, trainCount);
  const scaling = standardisation(trainRows);
  const fit = fitLogistic(
    trainRows.map((row) => standardise(row, scaling)),
    labels.slice(0, trainCount).map((risky) => (risky ? 1 : 0)),
    options,
  );

  // Parameters are rounded before evaluation, so the reported metrics describe the artifact as written.
  const parameters = {
    version: options.version,
    kind: 'logistic-regression' as const,
    features: featureNames.map((name, j) => ({
      name,
      mean: round6(scaling.mean[j] ?? 0),
      std: round6(scaling.std[j] ?? 1),
      weight: round6(fit.weights[j] ?? 0),
    })),
    bias: round6(fit.bias),
    bands: { ...defaultBands },
  };
  const holdoutData = data.slice(trainCount);
  const scores = holdoutData.map((d) => modelProbability(parameters, computeFeatures(d.input).values));
  const holdoutLabels = labels.slice(trainCount);

  return {
    ...parameters,
    training: {
      generator: generatorVersion,
      seed: options.seed,
      samples: {
        train: trainCount,
        holdout: holdoutData.length,
        positiveRate: round4(labels.filter(Boolean).length / labels.length),
      },
      hyperparameters: { epochs: options.epochs, learningRate: options.learningRate, l2: options.l2 },
      holdout: { auc: round4(auc(scores, holdoutLabels)), accuracy: round4(accuracy(scores, holdoutLabels)) },
    },
    checksum: modelChecksum(parameters),
  };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
