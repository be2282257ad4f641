/**
 * Edit distance between two strings (insertions, deletions, substitutions and adjacent
 * transpositions each cost 1), used for "did you mean" suggestions.
 *
 * @example
 * levenshtein("hostNmae", "hostName") // 1
 */
export function levenshtein(a: string, b: string, transpositions = true): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prevPrev[j - 2] + 1);
      }
      cur.push(d);
    }
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidates closest to `name`, best first: those within a distance of a third of the
 * name's length (at least 1, at most 3), plus case-insensitive matches.
 *
 * @example
 * suggest("hostNmae", ["hostName", "domain"]) // ["hostName"]
 */
export function suggest(name: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  const lower = name.toLowerCase();
  const scored: [number, string][] = [];
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === lower ? 0 : levenshtein(name, c);
    if (d <= limit) scored.push([d, c]);
  }
  scored.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1));
  return scored.slice(0, max).map((s) => s[1]);
}

/**
 * The `n` candidates nearest to `name` by plain edit distance, nearest first (ties keep the
 * candidates' order); with 100 or more candidates only those within distance 2. This is how
 * nixpkgs suggests option names for an undeclared definition.
 *
 * @example
 * closest("hostNmae", ["domain", "hostName", "hosts"]) // ["hostName", "hosts", "domain"]
 */
export function closest(name: string, candidates: readonly string[], n = 3): string[] {
  const scored = candidates.map((c, i) => ({ c, i, d: levenshtein(name, c, false) }));
  const pool = candidates.length < 100 ? scored : scored.filter((x) => x.d <= 2);
  pool.sort((x, y) => x.d - y.d || x.i - y.i);
  return pool.slice(0, n).map((x) => x.c);
}
