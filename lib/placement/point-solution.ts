/** What a solver returns about the points it was given (cells or distinct user locations). */
export interface PointSolution {
  /** Chosen candidate indices, ascending. */
  set: Int32Array;
  /** Latency objective + fixed cost on the points. */
  score: number;
  /** Proven lower bound on the best score on the points. */
  lowerBound: number;
  /** The search proved `set` optimal on the points. */
  optimal: boolean;
  method: string;
  /** Mean objective only: the Lagrange multipliers of the best bound, one per point. */
  lambda?: Float64Array;
  /**
   * Conference only: a bound that holds however participants are assigned to regions (the
   * nearest-region rule not assumed), which is what survives grouping users into cells.
   */
  assignmentFreeBound?: number;
}

/**
 * Values near a proven bound are compared with this relative slack, so rounding in long sums
 * neither hides an optimum nor claims one that is not there.
 */
export const REL_EPS = 1e-9;

/** A bound computed in floating point, lowered by a hair so rounding cannot lift it above the optimum. */
export function safeBound(bound: number): number {
  return bound - REL_EPS * Math.max(1, Math.abs(bound));
}

export function closes(lowerBound: number, score: number): boolean {
  return score - lowerBound <= REL_EPS * 10 * Math.max(1, Math.abs(score));
}

/** Ascending copy, the canonical form of a choice of regions. */
export function sortedSet(set: Iterable<number>): Int32Array {
  return Int32Array.from(set).sort();
}
