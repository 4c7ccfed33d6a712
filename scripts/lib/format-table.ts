// Plain-text tables for the CLI reports, aligned by display width (a CJK character takes two
// terminal columns).

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Columns whose header is listed in `rightAligned` are right-aligned (numbers). */
export function formatTable(headers: string[], rows: string[][], rightAligned: ReadonlySet<string> = new Set()): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const cell = (s: string, i: number): string => {
    const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(s)));
    return rightAligned.has(headers[i] ?? '') ? pad + s : s + pad;
  };
  const line = (r: string[]): string => headers.map((_, i) => cell(r[i] ?? '', i)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function percent(k: number, n: number, digits = 1): string {
  return n === 0 ? '-' : `${((100 * k) / n).toFixed(digits)}%`;
}
