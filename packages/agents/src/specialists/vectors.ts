/** Cosine similarity; 0 when either vector is all zeros, so a degenerate embedding never looks like a match. */
export function cosine(left: readonly number[], right: readonly number[]): number {
  if (left.length !== right.length) throw new RangeError(`vectors of ${left.length} and ${right.length} dimensions`);
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let i = 0; i < left.length; i++) {
    const l = left[i];
    const r = right[i];
    if (l === undefined || r === undefined) throw new RangeError(`vectors with no value in dimension ${i}`);
    dot += l * r;
    leftNorm += l * l;
    rightNorm += r * r;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}
