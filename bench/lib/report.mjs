// bench/RESULTS.md: the machine, the targets (the headline table), and every measurement with its peers.
import { fmtMiB, fmtMs, fmtRatio, throughput } from './stats.mjs';

const check = (met) => (met === null ? '–' : met ? '✅ met' : '❌ not met');

function machineSection(machine) {
  return [
    `- CPU: ${machine.cpu} × ${machine.cores} (${machine.arch}), ${machine.memoryGiB} GiB RAM, ${machine.os}`,
    `- Node ${machine.node}, V8 ${machine.v8}${machine.browser ? `; browser section: ${machine.browser}` : ''}`,
    `- Date: ${machine.date}; the whole run took ${machine.durationMin} minutes; load average ${machine.loadStart} at the start, ${machine.loadEnd} at the end`,
    `- ${machine.rounds} rounds: each round runs every workload × peer once, each in a fresh process (one warm-up, then timed runs); medians over all timed runs`,
  ];
}

function targetsTable(targets) {
  const lines = ['| target | measured | goal | |', '|---|---|---|---|'];
  for (const t of targets) lines.push(`| ${t.name} | ${t.measured} | ${t.goal} | ${check(t.met)} |`);
  return lines;
}

function measurementTable(m, peers) {
  const ours = peers.pixtext ?? peers['pixtext portable'];
  const hasMemory = m.sampleRss === true;
  const hasSize = Object.values(peers).some((p) => p.outputSize !== undefined) && m.group === 'codecs';
  const head = ['peer', 'CPU ms', 'wall ms', 'throughput (CPU)', 'peer time / pixtext'];
  if (hasSize) head.push('output');
  head.push(hasMemory ? 'peak RSS of the operation (− baseline)' : 'process peak RSS');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const [name, p] of Object.entries(peers)) {
    if (p.error) {
      lines.push(`| ${name} | failed: ${p.error.split('\n')[0].slice(0, 120)} |${' |'.repeat(head.length - 2)}`);
      continue;
    }
    const row = [
      name.startsWith('pixtext') ? `**${name}**` : name,
      fmtMs(p.cpuMs),
      fmtMs(p.wallMs),
      throughput(m.unit, p.cpuMs),
      ours && !ours.error && p !== ours ? fmtRatio(p.cpuMs / ours.cpuMs) : '',
    ];
    if (hasSize) row.push(p.outputSize === undefined ? '–' : `${(p.outputSize / 1e6).toFixed(2)} MB`);
    row.push(hasMemory ? fmtMiB(p.opPeakRss - p.baselineRss) : fmtMiB(p.maxRss));
    lines.push(`| ${row.join(' | ')} |`);
  }
  return lines;
}

const GROUPS = [
  ['envelope', 'Raw RGBA through the envelope'],
  ['base64', 'The portable base64 codec (the browser path, forced in Node)'],
  ['codecs', 'PNG, BMP and JPEG'],
  ['webp', 'WebP and GIF decode'],
  ['data-url', 'Pixels to a PNG data URL (Jimp getBase64)'],
  ['resize', 'Resize (Lanczos, 12 MP to 1568 px on the long side)'],
];

/** The whole RESULTS.md. */
/** The browser section: pixtext's browser build in Chromium (bench/browser.mjs), wall times from the page. */
function browserSection(browser) {
  if (browser === undefined) return ['Not run (`--skip-browser`).', ''];
  if (browser.error) return [`Not measured: ${browser.error}.`, ''];
  const out = [
    `${browser.browser}, headless, ${browser.rounds} rounds; every measurement in a fresh browser context, one warm-up, then`,
    'timed runs (median wall time measured in the page). "pixtext portable" and the fast-base64 peers run with the',
    "engine's `Uint8Array.prototype.toBase64` / `Uint8Array.fromBase64` removed. Peak memory: the renderer processes'",
    'peak resident memory during one run (reset through /proc/PID/clear_refs before it) minus their resident memory',
    'before it, median over the runs.',
    '',
  ];
  for (const m of browser.plan) {
    const peers = browser.results[m.id];
    const ours = peers.pixtext;
    out.push(`### ${m.title} (browser)`, '', '| peer | wall ms | throughput | peer time / pixtext | peak memory of the run |', '|---|---:|---:|---:|---:|');
    for (const [name, p] of Object.entries(peers)) {
      if (p.error) {
        out.push(`| ${name} | failed: ${p.error.slice(0, 120)} | | | |`);
        continue;
      }
      const unit = m.bytes !== undefined ? { bytes: m.bytes } : { pixels: m.pixels };
      const ratio = ours && !ours.error && p !== ours ? fmtRatio(p.wallMs / ours.wallMs) : '';
      out.push(`| ${name.startsWith('pixtext') ? `**${name}**` : name} | ${fmtMs(p.wallMs)} | ${throughput(unit, p.wallMs)} | ${ratio} | ${fmtMiB(p.peakGrowth)} |`);
    }
    out.push('');
  }
  return out;
}

export function renderResults({ machine, plan, results, targets, stream, cli, dataset, browser }) {
  const out = [
    '# pixtext benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs) against the built package. How it measures and what the numbers mean:',
    '[docs/benchmarks.md](../docs/benchmarks.md).',
    '',
    ...machineSection(machine),
    '',
    '## Targets',
    '',
    'Times are median CPU times of the measuring process (user + system); wall-time figures in brackets. Memory',
    "targets use the operation's peak resident memory (sampled every millisecond) minus the process's resident memory",
    'before its input existed; the streaming target uses the whole process peak.',
    '',
    ...targetsTable(targets),
    '',
  ];
  for (const [group, title] of GROUPS) {
    const ms = plan.filter((m) => m.group === group);
    if (ms.length === 0) continue;
    out.push(`## ${title}`, '');
    for (const m of ms) {
      if (!results[m.id]) continue;
      out.push(`### ${m.title}`, '', ...measurementTable(m, results[m.id]), '');
    }
  }
  out.push('## In the browser (bench/browser.mjs)', '', ...browserSection(browser));
  out.push('## Beyond the string limit: streaming', '');
  if (stream && !stream.error) {
    const p = stream.phases;
    out.push(
      `12,000 × 12,000 RGBA (576,000,000 bytes of pixels) → \`writeImageTextFile\` → ${p.textChars.toLocaleString('en-US')} characters`,
      `of envelope text on disk (V8's string limit is 536,870,888) → \`readImageTextFile\` → compared byte for byte: **${p.exact ? 'exact' : 'NOT exact'}**.`,
      '',
      '| write | read | total wall | total CPU | whole-process peak RSS | before the image existed |',
      '|---:|---:|---:|---:|---:|---:|',
      `| ${fmtMs(p.writeMs)} ms | ${fmtMs(p.readMs)} ms | ${fmtMs(stream.wallMs)} ms | ${fmtMs(stream.cpuMs)} ms | ${fmtMiB(stream.maxRss)} | ${fmtMiB(stream.baselineRss)} |`,
      '',
    );
  } else {
    out.push(stream?.error ? `Failed: ${stream.error}` : 'Not run (`--skip-stream`).', '');
  }
  out.push('## Command line: batch throughput (bench/cli-batch.mjs)', '');
  if (cli?.markdown) {
    out.push(
      `${cli.files} PNGs of ${cli.size}×${cli.size}, median of ${cli.reps} runs of \`node dist/cli.js\` each: batch time from the CLI's summary, whole-process wall time in brackets.` +
        (cli.loadBefore === undefined
          ? ''
          : ` Load average ${cli.loadBefore.toFixed(2)} before, ${cli.loadAfter.toFixed(2)} after; the machine's CPUs were ${((cli.idleShare ?? 0) * 100).toFixed(0)} % idle during the timed runs.`),
      '',
    );
    out.push('| workload | --jobs 1 | --jobs 2 | speed-up |', '|---|---:|---:|---:|', ...cli.markdown, '');
    if (cli.workerAlone) {
      out.push(
        'The last two rows bound what the CLI can reach here. "Ceiling" drives the batch worker file with nothing around it ' +
          '(worker start-up timed, as in the CLI\'s batch time); "machine" runs two separate processes of the same kind of ' +
          'work at once, sharing nothing but the hardware, with start-up not timed. The CLI adds its ordered output, file ' +
          'writes and progress to the first; the first adds worker start-up and per-thread compilation to the second.',
        '',
      );
    }
  } else {
    out.push(cli?.error ? `Failed: ${cli.error}` : 'Not run (`--skip-cli`).', '');
  }
  const lines = cli?.jpegLines;
  if (lines && !lines.error) {
    out.push(
      '### Dataset → folder by output format (bench/cli-jpeg-lines.mjs)',
      '',
      `${lines.files} JSONL lines of ${lines.size}×${lines.size} raw pixels decoded to files by \`pixtext decode\` with one worker, median of ${lines.reps} runs (whole process, wall time):`,
      '',
      '| paths ending in | time | per file |',
      '|---|---:|---:|',
      `| .jpg | ${fmtMs(lines.jpegMs)} ms | ${fmtMs(lines.jpegMs / lines.files)} ms |`,
      `| .png | ${fmtMs(lines.pngMs)} ms | ${fmtMs(lines.pngMs / lines.files)} ms |`,
      '',
    );
  }
  out.push('## Datasets: folder → JSONL and Parquet (bench/dataset.mjs)', '');
  out.push(...(dataset === undefined ? ['Not run (`--skip-cli`).', ''] : dataset.error ? [`Failed: ${dataset.error}`, ''] : datasetSection(dataset)));
  return `${out.join('\n')}\n`;
}

const LABELS = { 'jsonl-original': 'JSONL, files unchanged (`--encoding original`)', 'jsonl-raw': 'JSONL, raw pixels (`--encoding raw`)', parquet: 'Parquet (no `--jobs`: one thread)' };

/** The dataset section of RESULTS.md (also printed by `node bench/dataset.mjs`): throughput, then Parquet memory. */
export function datasetSection({ folder, load, runs, identical, memory }) {
  const rate = (ms) => `${((folder.files / ms) * 1000).toFixed(0)} files/s`;
  const cell = (r, op) => (r?.[`${op}Ms`] === undefined ? '–' : `${fmtMs(r[`${op}Ms`])} ms, ${rate(r[`${op}Ms`])} (batch ${fmtMs(r[`${op}BatchMs`])} ms)`);
  const mix = Object.entries(folder.counts).map(([k, n]) => `${n} ${k}`).join(', ');
  const out = [
    `${folder.files.toLocaleString('en-US')} photo-like images made from seed ${folder.seed} by pixtext's encoders (${mix}; ${folder.mix.longSide.join('–')} px on the long side,`,
    `${(folder.pixels / 1e6).toFixed(0)} MP in all) in ${folder.mix.classes} sub-folders: ${fmtMiB(folder.bytes)} (${folder.bytes.toLocaleString('en-US')} bytes) of files.`,
    `Whole-process wall time of \`node dist/cli.js\`, median of ${runs[0].reps} runs (the batch time from the CLI's summary in brackets).`,
    `Load average ${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after, on ${load.cpus} CPUs` +
      (Math.max(load.before, load.after) > load.cpus / 2 ? ': other processes took CPU time, so the --jobs 2 column shows contention more than scaling.' : '.'),
    `Decoded back to a folder, every file is byte-identical to its source: JSONL ${identical.jsonl ? 'yes' : '**NO**'}, Parquet ${identical.parquet ? 'yes' : '**NO**'}.`,
    '',
    '| encode to | --jobs 1 | --jobs 2 | speed-up | output |',
    '|---|---:|---:|---:|---:|',
  ];
  const decodes = ['', '| decode back to a folder | --jobs 1 | --jobs 2 | speed-up | |', '|---|---:|---:|---:|---:|'];
  for (const key of Object.keys(LABELS)) {
    const one = runs.find((r) => r.key === key && r.jobs === 1);
    const two = runs.find((r) => r.key === key && r.jobs === 2);
    const size = `${fmtMiB(one.outputBytes)} (${(one.outputBytes / folder.bytes).toFixed(2)}× the files)`;
    out.push(`| ${LABELS[key]} | ${cell(one, 'encode')} | ${cell(two, 'encode')} | ${fmtRatio(two && one.encodeMs / two.encodeMs)} | ${size} |`);
    if (one.decodeMs !== undefined) decodes.push(`| ${LABELS[key]} | ${cell(one, 'decode')} | ${cell(two, 'decode')} | ${fmtRatio(two && one.decodeMs / two.decodeMs)} | |`);
  }
  const row = (label, m) => `| ${label} | ${m.files} (${fmtMiB(m.bytes)}) | ${m.groups} × ${m.groupRows} rows | ${fmtMs(m.encodeMs)} ms | **${fmtMiB(m.maxRss)}** |`;
  out.push(
    ...decodes,
    '',
    `Parquet writing memory: noise BMPs of ${(memory.fileBytes / 1024).toFixed(0)} KiB (nothing compresses away), peak resident memory of the CLI process`,
    `(VmHWM from /proc at exit; \`pixtext --version\` peaks at ${fmtMiB(memory.idleMaxRss)}). Bounded by the row group: past a few row groups the peak stops growing with the data (what is left is garbage not yet collected); one row group holding everything grows with it.`,
    '',
    '| dataset | files | row groups | encode | peak RSS |',
    '|---|---:|---:|---:|---:|',
    row('1× the row group (defaults)', memory.one),
    row('10× the row group (defaults)', memory.ten),
    row('20× the row group (defaults)', memory.twenty),
    row('10×, all in one row group (contrast)', memory.tenOneGroup),
    '',
  );
  return out;
}
