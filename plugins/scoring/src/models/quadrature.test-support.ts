/**
 * Adaptive Simpson quadrature for positive integrands, for checking closed forms by an independent
 * route in tests. A rough pass finds the size of the integral; the fine pass then refines each
 * panel until its error is within `relativeTolerance` of the panel or of its share of the whole,
 * so that regions where the integrand is negligible are not refined for ever. Throws rather than
 * refine without end when the integrand is too noisy for the tolerance.
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  relativeTolerance = 1e-11,
): number {
  let calls = 0;
  const counted = (x: number) => {
    if (++calls > 2_000_000) throw new Error(`integrate: no convergence on [${a}, ${b}]`);
    return f(x);
  };
  const fa = f(a);
  const fm = f((a + b) / 2);
  const fb = f(b);
  const first = ((b - a) / 6) * (fa + 4 * fm + fb);
  const density = (whole: number) => Math.max(Math.abs(whole) / (b - a), 1e-300);
  const rough = refine(counted, a, b, fa, fm, fb, first, 1e-4, density(first) * 1e-6, 50);
  return refine(counted, a, b, fa, fm, fb, first, relativeTolerance, density(rough), 50);
}

function refine(
  f: (x: number) => number,
  a: number,
  b: number,
  fa: number,
  fm: number,
  fb: number,
  whole: number,
  tolerance: number,
  floor: number,
  depth: number,
): number {
  const m = (a + b) / 2;
  const flm = f((a + m) / 2);
  const frm = f((m + b) / 2);
  const left = ((m - a) / 6) * (fa + 4 * flm + fm);
  const right = ((b - m) / 6) * (fm + 4 * frm + fb);
  const delta = left + right - whole;
  const scale = Math.max(Math.abs(left + right), floor * (b - a));
  if (depth === 0 || Math.abs(delta) <= 15 * tolerance * scale) return left + right + delta / 15;
  return (
    refine(f, a, m, fa, flm, fm, left, tolerance, floor, depth - 1) +
    refine(f, m, b, fm, frm, fb, right, tolerance, floor, depth - 1)
  );
}
