import { invalid } from './validate';

/**
 * The area under the ROC curve as the Mann–Whitney statistic: the chance that a random positive
 * scores above a random negative, ties counting one half. O(n log n).
 */
export function auc(scores: readonly number[], labels: readonly boolean[]): number {
  if (scores.length !== labels.length) {
    invalid(
      'labels',
      `must have one label per score (${scores.length} scores, ${labels.length} labels)`,
    );
  }
  let positives = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) invalid(`scores.${i}`, 'must be a finite number');
    if (typeof labels[i] !== 'boolean') invalid(`labels.${i}`, 'must be true or false');
    if (labels[i]) positives++;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) {
    invalid('labels', 'must include at least one true and one false');
  }

  const order = scores
    .map((_, i) => i)
    .sort((i, j) => (scores[i] as number) - (scores[j] as number));
  // Sum of the positives' ranks (1-based), a tied group sharing the mean of its ranks.
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    const score = scores[order[start] as number];
    let end = start;
    let groupPositives = 0;
    while (end < order.length && scores[order[end] as number] === score) {
      if (labels[order[end] as number]) groupPositives++;
      end++;
    }
    rankSum += groupPositives * ((start + 1 + end) / 2);
    start = end;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
