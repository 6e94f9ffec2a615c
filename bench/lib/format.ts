// Plain-text tables and number formats for the benchmark summary printed to stdout.

export function table(title: string, headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [`\n${title}`, line(headers), rule, ...rows.map(line)].join('\n');
}

export const ms = (v: number, digits = 2): string => (Number.isFinite(v) ? `${v.toFixed(digits)} ms` : 'n/a');
export const us = (v: number): string => (Number.isFinite(v) ? `${Math.round(v)} µs` : 'n/a');
export const x = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a');
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** "1.23× (p25–p75 1.10–1.40)" */
export function ratioText(r: { median: number; p25: number; p75: number }): string {
  return `${x(r.median)} (p25–p75 ${r.p25.toFixed(2)}–${r.p75.toFixed(2)})`;
}
