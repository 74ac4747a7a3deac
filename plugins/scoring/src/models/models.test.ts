import { describe, expect, it } from 'vitest';
import {
  type BgNbdParams,
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  fitBgNbd,
} from './bgnbd';
import { CDNOW_CALIBRATION_END, readCdnowSample } from './cdnow.test-support';
import { fitMbgNbd, mbgNbdExpectedPurchases, mbgNbdPAlive } from './mbgnbd';
import {
  expectedPurchases,
  expectedPurchasesNew,
  fitModel,
  isModelName,
  logLikelihood,
  MODEL_NAMES,
  type ModelName,
  type ModelParams,
  pAlive,
  pAliveDefined,
} from './models';
import {
  fitParetoNbd,
  type ParetoNbdParams,
  paretoNbdExpectedPurchases,
  paretoNbdPAlive,
} from './pnbd';
import { type RFT, summarise } from './summary';
import { fieldOf } from './validation.test-support';

// A 200-customer slice of CDNOW: small, but with an interior maximum for both models.
const rows: RFT[] = summarise(readCdnowSample(), {
  until: CDNOW_CALIBRATION_END,
  unit: 'week',
}).slice(0, 200);
const c = { frequency: 2, recency: 20, T: 25 };
const bg: BgNbdParams = { r: 0.3, alpha: 4, a: 0.8, b: 2.5 };
const pareto: ParetoNbdParams = { r: 0.5, alpha: 10, s: 0.6, beta: 12 };

describe('model facade', () => {
  it('dispatches to the model it names', () => {
    expect(fitModel('bgnbd', rows)).toEqual(fitBgNbd(rows));
    expect(fitModel('mbgnbd', rows)).toEqual(fitMbgNbd(rows));
    expect(fitModel('pnbd', rows)).toEqual(fitParetoNbd(rows));
    expect(logLikelihood('bgnbd', bg, rows)).toBe(bgNbdLogLikelihood(bg, rows));
    expect(pAlive('bgnbd', bg, c)).toBe(bgNbdPAlive(bg, c));
    expect(pAlive('mbgnbd', bg, c)).toBe(mbgNbdPAlive(bg, c));
    expect(pAlive('pnbd', pareto, c)).toBe(paretoNbdPAlive(pareto, c));
    expect(expectedPurchases('bgnbd', bg, c, 10)).toBe(bgNbdExpectedPurchases(bg, c, 10));
    expect(expectedPurchases('mbgnbd', bg, c, 10)).toBe(mbgNbdExpectedPurchases(bg, c, 10));
    expect(expectedPurchases('pnbd', pareto, c, 10)).toBe(
      paretoNbdExpectedPurchases(pareto, c, 10),
    );
    expect(expectedPurchasesNew('bgnbd', bg, 10)).toBe(bgNbdExpectedPurchasesNew(bg, 10));
  });

  it('lets callers switch model by name', () => {
    const forecasts = MODEL_NAMES.map((name: ModelName) => {
      const fit = fitModel(name, rows);
      expect(fit.converged).toBe(true);
      const params: ModelParams = fit.params;
      return expectedPurchases(name, params, c, 10);
    });
    expect(MODEL_NAMES).toEqual(['bgnbd', 'mbgnbd', 'pnbd']);
    expect(forecasts.every((f) => f > 0 && f < 10)).toBe(true);
  });

  it('refuses unknown names and the parameters of another model', () => {
    expect(isModelName('pnbd')).toBe(true);
    expect(isModelName('toString')).toBe(false);
    expect(fieldOf(() => fitModel('auto' as ModelName, rows))).toBe('model');
    const wrong: ModelParams = bg;
    expect(fieldOf(() => pAlive('pnbd' as ModelName, wrong, c))).toBe('params.s');
  });

  it('says where P(alive) means nothing: BG/NBD before a repeat purchase', () => {
    const once = { frequency: 0, recency: 0, T: 400 };
    expect(pAlive('bgnbd', bg, once)).toBe(1);
    expect(pAliveDefined('bgnbd', once)).toBe(false);
    expect(pAliveDefined('bgnbd', c)).toBe(true);
    for (const name of ['mbgnbd', 'pnbd'] as const) {
      expect(pAliveDefined(name, once)).toBe(true);
    }
    expect(pAlive('mbgnbd', bg, once)).toBeLessThan(1);
    expect(pAlive('pnbd', pareto, once)).toBeLessThan(1);
  });

  it('expect more purchases over a longer horizon under every model, none over none', () => {
    for (const name of MODEL_NAMES) {
      const params: ModelParams = name === 'pnbd' ? pareto : bg;
      expect(expectedPurchases(name, params, c, 0)).toBe(0);
      let previous = 0;
      for (const t of [1, 13, 39, 52, 104, 520]) {
        const e = expectedPurchases(name, params, c, t);
        expect(e, `${name} at ${t}`).toBeGreaterThan(previous);
        previous = e;
      }
    }
  });
});
