// Small statistics and formatting helpers for the benchmark report.

export const MiB = 1024 * 1024;

export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians of one peer's samples gathered over all its child processes. */
export function summarize(samples) {
  const pick = (key) => samples.flatMap((s) => (Array.isArray(s[key]) ? s[key] : [s[key]]));
  return {
    cpuMs: median(pick('cpu')),
    wallMs: median(pick('wall')),
    runs: pick('cpu').length,
    processes: samples.length,
    outputSize: samples.find((s) => s.outputSize !== undefined)?.outputSize,
    phases: samples.find((s) => s.phases !== undefined)?.phases,
    maxRss: median(pick('maxRss')),
    baselineRss: median(pick('baselineRss')),
    inputRss: median(pick('inputRss')),
    opPeakRss: median(pick('opPeakRss')),
  };
}

export const fmtMs = (ms) => (ms === undefined ? '–' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const fmtMiB = (bytes) => (bytes === undefined ? '–' : `${(bytes / MiB).toFixed(0)} MiB`);
export const fmtRatio = (r) => (r === undefined || !Number.isFinite(r) ? '–' : `${r.toFixed(2)}×`);

/** Throughput of `unit` ({ bytes } or { pixels }) done in `ms`. */
export function throughput(unit, ms) {
  if (ms === undefined) return '–';
  if (unit.pixels !== undefined) return `${(unit.pixels / 1e6 / (ms / 1000)).toFixed(1)} MP/s`;
  const perSecond = unit.bytes / (ms / 1000);
  return perSecond >= 1024 * MiB ? `${(perSecond / (1024 * MiB)).toFixed(2)} GiB/s` : `${(perSecond / MiB).toFixed(0)} MiB/s`;
}
