/**
 * "Did you mean …?" for unknown setting names: the closest of a list of valid names by
 * edit distance, ignoring case.
 *
 * @module
 */

// Levenshtein distance with one row of memory; names are short (under 64 characters).
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The name of `valid` closest to `name` (ignoring case) when it is close enough to be a
 * likely typo — at most a third of the name's length away, and at most 3 edits — else
 * `undefined`. Names longer than 64 characters get no suggestion.
 */
export function nearestName(name: string, valid: readonly string[]): string | undefined {
  if (name.length > 64) return undefined;
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  for (const candidate of valid) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
