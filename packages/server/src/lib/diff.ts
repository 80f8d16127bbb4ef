/**
 * Line diff by longest common subsequence, for readable revision comparisons. Pages can be long:
 * the common prefix and suffix are skipped first, and the quadratic middle is capped.
 */
export interface DiffLine {
  op: 'same' | 'add' | 'del';
  text: string;
}

const MAX_CELLS = 4_000_000;

export function diffLines(before: string, after: string): { lines: DiffLine[]; truncated: boolean } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((text) => ({ op: 'same' as const, text }));
  const tail = a.slice(endA).map((text) => ({ op: 'same' as const, text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    // Too large to align line by line: show the middle as removed, then added.
    const lines = [...head, ...midA.map((text) => ({ op: 'del' as const, text })), ...midB.map((text) => ({ op: 'add' as const, text })), ...tail];
    return { lines, truncated: true };
  }
  const n = midA.length;
  const m = midB.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const mid: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      mid.push({ op: 'same', text: midA[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) mid.push({ op: 'del', text: midA[i++] });
    else mid.push({ op: 'add', text: midB[j++] });
  }
  while (i < n) mid.push({ op: 'del', text: midA[i++] });
  while (j < m) mid.push({ op: 'add', text: midB[j++] });
  return { lines: [...head, ...mid, ...tail], truncated: false };
}
