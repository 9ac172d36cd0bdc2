// A plain-text table of fuzz counts, for the quick pass's log and the long runner's summary.
import type { TargetStats } from './engine.js';

const pad = (s: string | number, n: number) => String(s).padStart(n);

/**
 * One line per reader: inputs, accepted, rejected (top codes), escapes, timeouts, violations, differences, memory
 * (inputs measured, breaches of the ceiling, largest growth), time.
 */
export function formatStats(stats: readonly TargetStats[], title: string): string {
  const lines = [title, `${'reader'.padEnd(12)} ${pad('inputs', 9)} ${pad('accepted', 9)} ${pad('escapes', 8)} ${pad('timeouts', 9)} ${pad('violations', 11)} ${pad('known-good', 11)} ${pad('differ', 7)} ${pad('mem checks', 10)} ${pad('breaches', 8)} ${pad('max MiB', 8)} ${pad('max ms', 8)} ${pad('avg ms', 7)}  top rejections`];
  let total = 0;
  for (const s of stats) {
    total += s.inputs;
    const codes = Object.entries(s.rejected)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([code, n]) => `${code.replace('ERR_', '')} ${n}`)
      .join(', ');
    lines.push(
      `${s.name.padEnd(12)} ${pad(s.inputs, 9)} ${pad(s.accepted, 9)} ${pad(s.escapes, 8)} ${pad(s.timeouts, 9)} ${pad(s.violations, 11)} ${pad(`${s.knownGoodChecks - s.knownGoodFailures}/${s.knownGoodChecks}`, 11)} ${pad(s.differences, 7)} ${pad(s.memoryChecks, 10)} ${pad(s.memoryBreaches, 8)} ${pad((s.maxMemory / 2 ** 20).toFixed(1), 8)} ${pad(s.maxMs.toFixed(1), 8)} ${pad((s.totalMs / Math.max(1, s.inputs)).toFixed(3), 7)}  ${codes}`,
    );
  }
  lines.push(`total inputs: ${total}`);
  return lines.join('\n');
}
