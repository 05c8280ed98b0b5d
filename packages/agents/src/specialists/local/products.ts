/**
 * Products named in a text, from the tenant's own product dictionary: a model cannot know that
 * "Ledger" is this tenant's product and "ledger" in another sentence is not, but the dictionary does.
 * Matching ignores case, treats runs of spaces and hyphens alike, and respects word edges. When entries
 * nest ("Acme Ledger" and "Acme Ledger Pro") the longest match wins, so "Acme Ledger Pro" is one product.
 */
export function findProducts(text: string, dictionary: readonly string[]): string[] {
  return [...new Set(findProductSpans(text, dictionary).map((span) => span.name))];
}

export interface ProductSpan {
  name: string;
  /** Where this mention starts and ends in the text. */
  start: number;
  end: number;
}

/** Every mention's span, claimed longest entry first, in text order (a product named twice appears twice). */
export function findProductSpans(text: string, dictionary: readonly string[]): ProductSpan[] {
  const entries = [...new Set(dictionary.map((entry) => entry.trim()).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  const spans: ProductSpan[] = [];
  for (const name of entries) {
    for (const match of text.matchAll(entryPattern(name))) {
      const start = match.index;
      const end = start + match[0].length;
      if (!spans.some((span) => start < span.end && span.start < end)) spans.push({ name, start, end });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Maps a span a model labelled "product" onto the dictionary's spelling, if it names one of its entries. */
export function canonicalProduct(span: string, dictionary: readonly string[]): string | undefined {
  return findProducts(span, dictionary)[0];
}

function entryPattern(name: string): RegExp {
  const words = name.split(/[\s-]+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join("[\\s-]+")}(?![\\p{L}\\p{N}])`, "giu");
}
