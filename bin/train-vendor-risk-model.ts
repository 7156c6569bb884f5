import { readFileSync, writeFileSync } from 'node:fs';
import { serializeModel } from '../lambdas/processes/invoice/score/model.ts';
import {
  modelArtifactPath,
  trainVendorRiskModel,
} from '../lambdas/processes/invoice/score/training/train.ts';

// `npm run train-model` rewrites the committed artifact; `-- --check` only verifies it is up to date.
const check = process.argv.includes('--check');
const started = performance.now();
const model = trainVendorRiskModel();
const text = serializeModel(model);
const seconds = ((performance.now() - started) / 1000).toFixed(2);
const summary = `${model.version} holdout AUC ${model.training.holdout.auc}, accuracy ${model.training.holdout.accuracy} (${seconds} s)`;

if (check) {
  let current = '';
  try {
    current = readFileSync(modelArtifactPath, 'utf8');
  } catch {
    // A missing artifact is simply out of date.
  }
  if (current !== text) {
    console.error(`${modelArtifactPath} is out of date: run npm run train-model`);
    process.exit(1);
  }
  console.log(`Artifact up to date: ${summary}`);
} else {
  writeFileSync(modelArtifactPath, text);
  console.log(`Wrote ${modelArtifactPath}: ${summary}`);
}
