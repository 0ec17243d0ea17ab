/**
 * Timing the way the README's ratios are measured: every candidate of a comparison runs in
 * the same process, interleaved round by round (so a busy moment of the machine slows all
 * of them alike), and each keeps the fastest of its rounds.
 *
 * @module
 */

/** One contender: a name and one unit of work (awaited). */
export interface Candidate {
  name: string;
  run: () => unknown;
}

/** The fastest time per call of each candidate, in microseconds, by name. */
export type Timings = Map<string, number>;

/** Options of {@linkcode measureInterleaved}. */
export interface InterleavedOptions {
  /** Rounds; each candidate keeps its fastest. Default 9. */
  rounds?: number;
  /** Roughly how long one candidate's batch should take, in ms. Default 50. */
  batchMs?: number;
}

async function batch(candidate: Candidate, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await candidate.run();
  return performance.now() - started;
}

/** Runs `candidates` interleaved and returns the fastest µs per call of each. */
export async function measureInterleaved(
  candidates: readonly Candidate[],
  options: InterleavedOptions = {},
): Promise<Timings> {
  const rounds = options.rounds ?? 9;
  const batchMs = options.batchMs ?? 50;
  // Warm up, and size each batch to take about batchMs.
  const calls = new Map<string, number>();
  for (const candidate of candidates) {
    await batch(candidate, 3);
    let n = 1;
    while (n < 1_000_000) {
      const ms = await batch(candidate, n);
      if (ms >= batchMs / 4) {
        n = Math.max(1, Math.round((n * batchMs) / ms));
        break;
      }
      n *= 4;
    }
    calls.set(candidate.name, n);
  }
  const best = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so that no candidate always runs first (or last) in a round.
    const order = round % 2 === 0 ? candidates : [...candidates].reverse();
    for (const candidate of order) {
      const n = calls.get(candidate.name) as number;
      const perCall = (await batch(candidate, n)) * 1000 / n;
      best.set(candidate.name, Math.min(best.get(candidate.name) ?? Infinity, perCall));
    }
  }
  return best;
}

/** `a / b` with two decimals, as the README's tables show ratios. */
export function ratio(a: number, b: number): string {
  return (a / b).toFixed(2);
}
