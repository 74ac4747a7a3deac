/** Returns f(x) and, when `gradient` is given, writes ∇f(x) into it. */
export type Objective = (x: Float64Array, gradient?: Float64Array) => number;

/** A maximum-likelihood fit of a model's parameters. */
export interface FitResult<P> {
  params: P;
  /** The maximised log-likelihood, summed over customers. */
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

export interface MinimiseOptions {
  /** Iterations before giving up; 500 by default. */
  maxIterations?: number;
  /** Converged when no gradient component exceeds this; 1e-8 by default. */
  gradientTolerance?: number;
  /** Largest change of any coordinate in one step; 2 by default (a factor e² in log space). */
  maxStep?: number;
}

export interface MinimiseResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

/** Adds central-difference gradients to an objective that only computes values. */
export function withNumericalGradient(f: (x: Float64Array) => number, step = 1e-5): Objective {
  return (x, gradient) => {
    const value = f(x);
    if (gradient !== undefined && Number.isFinite(value)) {
      const probe = Float64Array.from(x);
      for (let i = 0; i < x.length; i++) {
        const xi = x[i] as number;
        probe[i] = xi + step;
        const up = f(probe);
        probe[i] = xi - step;
        const down = f(probe);
        probe[i] = xi;
        gradient[i] = (up - down) / (2 * step);
      }
    }
    return value;
  };
}

/**
 * Minimises `objective` from `start` by BFGS with a backtracking (Armijo) line search. Points where
 * the objective is not finite are treated as too far and the step is shortened; the inverse-Hessian
 * update is skipped when a step shows no positive curvature, and reset when it stops pointing down.
 * Converged when the gradient is within tolerance or the predicted decrease is below the rounding
 * noise of the objective. When no step lowers the objective any more (on a ridge that runs off to
 * infinity, say), the search stops there, converged if the gradient is within its square root.
 */
export function minimise(
  objective: Objective,
  start: readonly number[],
  options: MinimiseOptions = {},
): MinimiseResult {
  const { maxIterations = 500, gradientTolerance = 1e-8, maxStep = 2 } = options;
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f) || !g.every(Number.isFinite)) {
    throw new RangeError(`minimise: the objective is not finite at the start ${start.join(', ')}`);
  }
  const h = identity(n);
  const p = new Float64Array(n);
  let nextX = new Float64Array(n);
  let nextG = new Float64Array(n);
  let iterations = 0;
  let converged = maxAbs(g) <= gradientTolerance;

  while (!converged && iterations < maxIterations) {
    iterations++;
    multiply(h, g, p, -1);
    let slope = dot(g, p);
    if (!(slope < 0)) {
      setIdentity(h);
      for (let i = 0; i < n; i++) p[i] = -(g[i] as number);
      slope = -dot(g, g);
    }
    // The step's predicted decrease is below the rounding noise of f: nothing more can be measured.
    if (-slope <= 1e-14 * (1 + Math.abs(f))) {
      converged = true;
      break;
    }
    let step = Math.min(1, maxStep / maxAbs(p));
    let nextF = Number.NaN;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) nextX[i] = (x[i] as number) + step * (p[i] as number);
      nextF = objective(nextX, nextG);
      evaluations++;
      if (Number.isFinite(nextF) && nextG.every(Number.isFinite)) {
        if (nextF <= f + 1e-4 * step * slope) break;
        // The minimum of the quadratic through f, the slope and nextF, kept within [0.1, 0.5].
        const shrink = -slope / (2 * ((nextF - f) / step - slope));
        step *= Math.min(0.5, Math.max(0.1, shrink));
      } else {
        step *= 0.1;
      }
      nextF = Number.NaN;
    }
    // No decrease along a descent direction (none found, or one too small to change f): we are
    // at the limit of the arithmetic.
    if (Number.isNaN(nextF) || !(nextF < f)) {
      converged = maxAbs(g) <= Math.sqrt(gradientTolerance);
      break;
    }
    updateInverseHessian(h, x, nextX, g, nextG, iterations === 1);
    [x, nextX] = [nextX, x];
    [g, nextG] = [nextG, g];
    f = nextF;
    converged = maxAbs(g) <= gradientTolerance;
  }
  return { x: Array.from(x), value: f, iterations, evaluations, converged };
}

/** The BFGS update of the inverse Hessian `h` with s = x₁ − x₀ and y = g₁ − g₀. */
function updateInverseHessian(
  h: Float64Array[],
  x0: Float64Array,
  x1: Float64Array,
  g0: Float64Array,
  g1: Float64Array,
  first: boolean,
): void {
  const n = x0.length;
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = (x1[i] as number) - (x0[i] as number);
    y[i] = (g1[i] as number) - (g0[i] as number);
  }
  const sy = dot(s, y);
  if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return;
  if (first) {
    // Scale the initial identity to the curvature just seen, so the second step has a sensible length.
    const scale = sy / dot(y, y);
    for (let i = 0; i < n; i++) (h[i] as Float64Array)[i] = scale;
  }
  const hy = new Float64Array(n);
  multiply(h, y, hy, 1);
  const yhy = dot(y, hy);
  const a = (sy + yhy) / (sy * sy);
  for (let i = 0; i < n; i++) {
    const row = h[i] as Float64Array;
    const si = s[i] as number;
    const hyi = hy[i] as number;
    for (let j = 0; j < n; j++) {
      row[j] =
        (row[j] as number) +
        a * si * (s[j] as number) -
        (hyi * (s[j] as number) + si * (hy[j] as number)) / sy;
    }
  }
}

function identity(n: number): Float64Array[] {
  const rows = Array.from({ length: n }, () => new Float64Array(n));
  setIdentity(rows);
  return rows;
}

function setIdentity(rows: Float64Array[]): void {
  rows.forEach((row, i) => {
    row.fill(0);
    row[i] = 1;
  });
}

function multiply(m: Float64Array[], v: Float64Array, out: Float64Array, sign: number): void {
  for (let i = 0; i < m.length; i++) out[i] = sign * dot(m[i] as Float64Array, v);
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function maxAbs(v: Float64Array): number {
  let max = 0;
  for (const value of v) max = Math.max(max, Math.abs(value));
  return max;
}
