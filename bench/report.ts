export interface Row {
  measurement: string;
  baseline: string;
  /** The no-op pack's value and its ratio to the baseline, where it was measured. */
  floor?: string;
  pack: string;
  /** pack ÷ baseline for costs, pack ÷ baseline for rates too (higher is better there). */
  ratio: number;
  target?: { op: "<=" | ">="; value: number };
}

export const met = (row: Row) => !row.target || (row.target.op === "<=" ? row.ratio <= row.target.value : row.ratio >= row.target.value);

export function table(rows: Row[], baselineHeader: string, floorHeader: string, packHeader: string): string {
  const lines = [
    `| measurement | ${baselineHeader} | ${floorHeader} | ${packHeader} | ratio | target | met |`,
    "|---|---:|---:|---:|---:|---|---|",
    ...rows.map((row) => {
      const target = row.target ? `${row.target.op === "<=" ? "≤" : "≥"} ${row.target.value}×` : "";
      const verdict = row.target ? (met(row) ? "yes" : "**no**") : "";
      return `| ${row.measurement} | ${row.baseline} | ${row.floor ?? ""} | ${row.pack} | ${row.ratio.toFixed(2)}× | ${target} | ${verdict} |`;
    }),
  ];
  return lines.join("\n");
}

export const fmt = {
  seconds: (s: number) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`),
  rate: (perSecond: number) => `${Math.round(perSecond).toLocaleString("en-US")}/s`,
  micros: (s: number) => `${(s * 1e6).toFixed(0)} µs`,
  mib: (m: number) => `${m.toFixed(0)} MiB`,
};
