/**
 * Logistic regression by full-batch gradient descent with L2, plus the holdout measures. Plain
 * loops in a fixed order, so the same data always yields the same bits.
 */
export interface Standardisation {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

export interface FitOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty on the weights (not the bias). */
  readonly l2: number;
}

export interface LogisticFit {
  readonly weights: readonly number[];
  readonly bias: number;
}

/** Column means and population standard deviations; a constant column gets std 1. */
export function standardisation(rows: readonly (readonly number[])[]): Standardisation {
  const width = rows[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  for (let j = 0; j < width; j++) {
    let sum = 0;
    for (const row of rows) sum += row[j] ?? 0;
    const m = sum / rows.length;
    let squares = 0;
    for (const row of rows) squares += ((row[j] ?? 0) - m) ** 2;
    const s = Math.sqrt(squares / rows.length);
    mean[j] = m;
    std[j] = s > 1e-9 ? s : 1;
  }
  return { mean, std };
}

export function standardise(row: readonly number[], s: Standardisation): number[] {
  return row.map((x, j) => (x - (s.mean[j] ?? 0)) / (s.std[j] ?? 1));
}

export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: FitOptions,
): LogisticFit {
  const n = rows.length;
  const width = rows[0]?.length ?? 0;
  // One flat typed array: the inner loop runs millions of times and stays allocation-free.
  const x = Float64Array.from(rows.flatMap((row) => Array.from({ length: width }, (_, j) => row[j] ?? 0)));
  const y = Float64Array.from(labels);
  const weights = new Float64Array(width);
  const gradient = new Float64Array(width);
  let bias = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let i = 0, offset = 0; i < n; i++, offset += width) {
      let logit = bias;
      for (let j = 0; j < width; j++) logit += (weights[j] ?? 0) * (x[offset + j] ?? 0);
      const error = 1 / (1 + Math.exp(-logit)) - (y[i] ?? 0);
      for (let j = 0; j < width; j++) gradient[j] = (gradient[j] ?? 0) + error * (x[offset + j] ?? 0);
      biasGradient += error;
    }
    for (let j = 0; j < width; j++) {
      const step = (gradient[j] ?? 0) / n + options.l2 * (weights[j] ?? 0);
      weights[j] = (weights[j] ?? 0) - options.learningRate * step;
    }
    bias -= (options.learningRate * biasGradient) / n;
  }
  return { weights: [...weights], bias };
}

/** Area under the ROC curve: the chance a random positive outscores a random negative (ties count half). */
export function auc(scores: readonly number[], labels: readonly boolean[]): number {
  const ranked = scores.map((score, i) => ({ score, positive: labels[i] === true }));
  ranked.sort((a, b) => a.score - b.score);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < ranked.length; ) {
    let j = i;
    while (j < ranked.length && ranked[j]?.score === ranked[i]?.score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (ranked[k]?.positive) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j;
  }
  const negatives = ranked.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function accuracy(scores: readonly number[], labels: readonly boolean[], threshold = 0.5): number {
  if (scores.length === 0) return 0;
  const correct = scores.filter((s, i) => s >= threshold === (labels[i] === true)).length;
  return correct / scores.length;
}
