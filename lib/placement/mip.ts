import highsLoader, { type Highs } from "highs";
import type { Deadline } from "./deadline";

/**
 * Mixed-integer programs through HiGHS compiled to WebAssembly. The runtime is loaded once per
 * process (~100 ms) and reused; models are passed as sparse arrays rather than LP text, which
 * saves parsing tens of thousands of variable names.
 */
let runtime: Promise<Highs> | null = null;

export function loadMipSolver(): Promise<Highs> {
  runtime ??= highsLoader().catch((error: unknown) => {
    runtime = null;
    throw error;
  });
  return runtime;
}

/** Loads HiGHS ahead of the first request, so that request's budget is not spent on it. */
export async function preloadPlacementSolver(): Promise<void> {
  await loadMipSolver();
}

/** Rows are built one at a time, then packed into CSR for HiGHS. */
export class MipBuilder {
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly integer: number[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly starts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];

  get numCols(): number {
    return this.cost.length;
  }

  get numRows(): number {
    return this.rowLower.length;
  }

  get numNonzeros(): number {
    return this.indices.length;
  }

  /** Adds a column and returns its index. */
  addCol(cost: number, lower: number, upper: number, integer: boolean): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  /** lower ≤ Σ values·x[indices] ≤ upper; ±Infinity for a missing side. Indices must be distinct. */
  addRow(lower: number, upper: number, indices: readonly number[], values: readonly number[]): void {
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    for (let t = 0; t < indices.length; t++) {
      this.indices.push(indices[t]);
      this.values.push(values[t]);
    }
    this.starts.push(this.indices.length);
  }

  toModel(infinity: number) {
    const bound = (v: number) => (v === Infinity ? infinity : v === -Infinity ? -infinity : v);
    return {
      numCols: this.cost.length,
      numRows: this.rowLower.length,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower, bound),
      colUpper: Float64Array.from(this.upper, bound),
      rowLower: Float64Array.from(this.rowLower, bound),
      rowUpper: Float64Array.from(this.rowUpper, bound),
      matrix: {
        format: "csr" as const,
        numRows: this.rowLower.length,
        numCols: this.cost.length,
        starts: Int32Array.from(this.starts),
        indices: Int32Array.from(this.indices),
        values: Float64Array.from(this.values),
      },
      integrality: Int32Array.from(this.integer),
    };
  }
}

export type MipStatus = "optimal" | "feasible" | "infeasible" | "unknown";

export interface MipResult {
  status: MipStatus;
  /** Column values when a feasible solution exists. */
  x: Float64Array | null;
  objective: number;
  /** Proven lower bound on the optimum (minimisation); -Infinity when nothing was proven. */
  bound: number;
}

/**
 * Minimises the model within `timeLimitMs`. A start solution (a heuristic's answer) gives the
 * search an incumbent from the first node, so a run cut short by the time limit still returns
 * something at least as good. The gap tolerances are set near zero because the callers compare
 * answers with brute force and report their own gap.
 */
/** Least time limit worth starting HiGHS with. */
const MIN_RUN_MS = 30;

export interface MipOptions {
  /** Column values of a known solution (a heuristic's answer). */
  start?: Float64Array;
  /** Share of the remaining budget HiGHS may use; default 0.7. */
  share?: number;
  /**
   * Run HiGHS's presolve and symmetry detection; default off. They cannot be interrupted, and
   * on these programs they cost more than they save: 1.4 s against 0.1 s to refute one
   * threshold of the max search, 2.9 s against 1.3 s for a 60-point p-median.
   */
  presolve?: boolean;
}

export async function solveMip(builder: MipBuilder, deadline: Deadline, { start, share = 0.7, presolve = false }: MipOptions = {}): Promise<MipResult> {
  const highs = await loadMipSolver();
  // HiGHS checks its clock (and calls its progress callbacks) only a few times per solve, and
  // copying the model in is not timed: a 50 ms limit was seen to take 650 ms on a busy machine.
  // So it gets a share of what is left, not all of it.
  const timeLimitMs = deadline.remainingMs() * share - 5;
  // HiGHS's setup alone can take tens of milliseconds and it cannot be interrupted then: with
  // less than this left, starting it would only overrun the budget.
  if (timeLimitMs < MIN_RUN_MS) {
    deadline.hit();
    return { status: "unknown", x: null, objective: Infinity, bound: -Infinity };
  }
  // HiGHS's own time limit is checked too rarely on a busy machine, so its progress callbacks
  // stop it at our clock as well.
  const stopAt = deadline.child(timeLimitMs);
  const stop = (event: { interrupt(): void }): undefined => {
    if (stopAt.expired()) event.interrupt();
    return undefined;
  };
  const model = highs.createModel();
  try {
    model.options.set({
      output_flag: false,
      time_limit: timeLimitMs / 1000,
      mip_rel_gap: 1e-9,
      mip_abs_gap: 1e-9,
      ...(presolve ? {} : { presolve: "off", mip_detect_symmetry: false }),
    });
    model.passModel(builder.toModel(highs.infinity));
    if (start) {
      try {
        model.setSolution({ colValue: start });
      } catch {
        // A rejected start only costs the head start; the solve is still correct without it.
      }
    }
    const types = highs.constants.callbackType;
    const { modelStatus } = model.run({ [types.simplexInterrupt]: stop, [types.ipmInterrupt]: stop, [types.mipInterrupt]: stop });
    const codes = highs.constants.modelStatus;
    if (modelStatus === codes.infeasible) return { status: "infeasible", x: null, objective: Infinity, bound: Infinity };
    const hasSolution = Number(model.info.get("primal_solution_status")) === 2;
    const x = hasSolution ? Float64Array.from(model.getSolution().colValue) : null;
    const objective = hasSolution ? model.getObjectiveValue() : Infinity;
    if (modelStatus === codes.optimal && x) return { status: "optimal", x, objective, bound: objective };
    let bound = -Infinity;
    try {
      const b = Number(model.info.get("mip_dual_bound"));
      if (Number.isFinite(b)) bound = b;
    } catch {
      // No bound available (the solve stopped before the root LP finished).
    }
    deadline.hit();
    return { status: x ? "feasible" : "unknown", x, objective, bound };
  } finally {
    model.dispose();
  }
}
