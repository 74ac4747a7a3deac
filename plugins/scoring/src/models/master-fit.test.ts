import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, fitBgNbd } from './bgnbd';
import { CDNOW_CALIBRATION_END, readCdnowMaster } from './cdnow.test-support';
import { summarise } from './summary';

describe('BG/NBD on the whole CDNOW cohort', () => {
  it('summarises and fits 23,570 customers (timing printed, not asserted)', () => {
    const purchases = readCdnowMaster();
    const started = performance.now();
    const summaries = summarise(purchases, { until: CDNOW_CALIBRATION_END, unit: 'week' });
    const summarised = performance.now();
    const fit = fitBgNbd(summaries);
    const fitted = performance.now();
    console.log(
      `CDNOW master: ${purchases.length} purchases, ${summaries.length} customers; ` +
        `summarise ${(summarised - started).toFixed(0)} ms + fit ${(fitted - summarised).toFixed(0)} ms ` +
        `(${fit.iterations} iterations) = ${(fitted - started).toFixed(0)} ms; ` +
        `r ${fit.params.r.toFixed(4)}, α ${fit.params.alpha.toFixed(4)}, ` +
        `a ${fit.params.a.toFixed(4)}, b ${fit.params.b.toFixed(4)}, LL ${fit.logLikelihood.toFixed(2)}`,
    );

    expect(summaries).toHaveLength(23_570);
    expect(fit.converged).toBe(true);
    // The cohort is ten times the sample: its maximum beats the sample's published point on it.
    const sampleFit = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(fit.logLikelihood).toBeGreaterThan(bgNbdLogLikelihood(sampleFit, summaries));
    expect(fit.logLikelihood).toBeCloseTo(bgNbdLogLikelihood(fit.params, summaries), 6);
  });
});
