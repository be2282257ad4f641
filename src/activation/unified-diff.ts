/**
 * A unified diff of two texts (3 lines of context), for showing how a copy-mode file changes
 * in a plan. Longest-common-subsequence by dynamic programming: fine for the small settings
 * files it is used on; above `MAX_CELLS` it gives up and says so in one line.
 */
const MAX_CELLS = 4_000_000;
const CONTEXT = 3;

/**
 * @example
 * unifiedDiff("a\nb\n", "a\nc\n", "a/x", "b/x")
 * // "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
 */
export function unifiedDiff(a: string, b: string, nameA: string, nameB: string): string {
  const x = lines(a);
  const y = lines(b);
  const head = `--- ${nameA}\n+++ ${nameB}\n`;
  if ((x.length + 1) * (y.length + 1) > MAX_CELLS) return `${head}(too large to diff)\n`;
  // lcs[i][j]: length of the LCS of x[i..] and y[j..].
  const w = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * w);
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      lcs[i * w + j] =
        x[i] === y[j]
          ? lcs[(i + 1) * w + j + 1] + 1
          : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
  // The edit script: [" " | "-" | "+", line, position in x, position in y] (before the line).
  const script: [string, string, number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      script.push([" ", x[i], i, j]);
      i++;
      j++;
    } else if (i < x.length && (j === y.length || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
      script.push(["-", x[i], i, j]);
      i++;
    } else {
      script.push(["+", y[j], i, j]);
      j++;
    }
  }
  let out = head;
  let k = 0;
  while (k < script.length) {
    if (script[k][0] === " ") {
      k++;
      continue;
    }
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    // Extend the hunk while the next change is within 2*CONTEXT unchanged lines.
    for (let m = k; m < script.length; m++) {
      if (script[m][0] !== " ") end = m;
      else if (m - end > 2 * CONTEXT) break;
    }
    end = Math.min(script.length - 1, end + CONTEXT);
    const hunk = script.slice(start, end + 1);
    const aStart = script[start][2];
    const bStart = script[start][3];
    const aLen = hunk.filter((s) => s[0] !== "+").length;
    const bLen = hunk.filter((s) => s[0] !== "-").length;
    out += `@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@\n`;
    for (const [op, line] of hunk) out += `${op}${line}\n`;
    k = end + 1;
  }
  const noEol = (t: string) => t !== "" && !t.endsWith("\n");
  if (noEol(a) || noEol(b)) out += "\\ (a file does not end with a newline)\n";
  return out;
}

function lines(s: string): string[] {
  if (s === "") return [];
  const l = s.split("\n");
  if (l[l.length - 1] === "") l.pop();
  return l;
}

function range(start0: number, len: number): string {
  const start = len === 0 ? start0 : start0 + 1;
  return len === 1 ? `${start}` : `${start},${len}`;
}
