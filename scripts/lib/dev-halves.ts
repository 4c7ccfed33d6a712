// The one split of the development data into a tune half and a check half (issue 9, "Tune and
// check halves"). Rules are written and adjusted only from the tune half's misses and false
// positives; the check half measures how much of that was memorised. The split is fixed by a
// stable hash, so it never changes between runs or machines:
// - Fraud-R1 items by case number: the seed and generated forms of one case, in English and in
//   Chinese, always fall in the same half (they are one case told several ways);
// - pages by repository: pages of one scam kit or one news scraper's fixtures stay together;
// - every other corpus item by source and id.
import { createHash } from 'node:crypto';

export const HALVES = ['tune', 'check'] as const;
export type Half = (typeof HALVES)[number];

const FRAUDR1_CASE = /^fraudr1-[a-z]+-(\d+)-/;

/** What decides an item's half: the case, the repository or the item itself. */
export function splitKeyOfItem(item: { id: string; source: string }): string {
  const m = FRAUDR1_CASE.exec(item.id);
  if (item.source === 'fraudr1' && m) return `fraudr1:${m[1]}`;
  return `${item.source}:${item.id}`;
}

export function splitKeyOfPage(page: { repo: string }): string {
  return `repo:${page.repo}`;
}

/** The half of a split key: the low bit of the first byte of its SHA-256. */
export function halfOfKey(key: string): Half {
  const first = createHash('sha256').update(key, 'utf8').digest()[0]!;
  return (first & 1) === 0 ? 'tune' : 'check';
}

export function parseHalf(value: string | undefined): Half | null {
  if (value === undefined) return null;
  if ((HALVES as readonly string[]).includes(value)) return value as Half;
  throw new Error(`--half must be tune or check, not "${value}"`);
}
