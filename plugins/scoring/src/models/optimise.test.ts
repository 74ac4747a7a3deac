import { describe, expect, it } from 'vitest';
import { minimise, withNumericalGradient } from './optimise';

/** Rosenbrock's banana: minimum 0 at (1, 1), reached along a narrow curved valley. */
function rosenbrock(x: Float64Array, gradient?: Float64Array): number {
  const [a, b] = x as unknown as [number, number];
  if (gradient !== undefined) {
    gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    gradient[1] = 200 * (b - a * a);
  }
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
}

describe('minimise', () => {
  it('finds the minimum of Rosenbrock’s function with an analytic gradient', () => {
    const result = minimise(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
  });

  it('finds it with central-difference gradients too', () => {
    const result = minimise(
      withNumericalGradient((x) => rosenbrock(x)),
      [-1.2, 1],
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('is deterministic', () => {
    expect(minimise(rosenbrock, [-1.2, 1])).toEqual(minimise(rosenbrock, [-1.2, 1]));
  });

  it('steps back from points where the objective is not finite', () => {
    // ln-barrier at x = 0 with the minimum of x − 2 ln x at x = 2; a full first step overshoots into x < 0.
    const barrier = (x: Float64Array, gradient?: Float64Array): number => {
      const v = x[0] as number;
      if (gradient !== undefined) gradient[0] = 1 - 2 / v;
      return v > 0 ? v - 2 * Math.log(v) : Number.NaN;
    };
    const result = minimise(barrier, [0.1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(2, 6);
  });

  it('reports when it runs out of iterations', () => {
    const result = minimise(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
  });

  it('refuses a start where the objective is not finite', () => {
    expect(() => minimise(() => Number.NaN, [0])).toThrow(/not finite at the start/);
  });
});
