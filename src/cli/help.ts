// Help text for `pixtext --help` and `pixtext <command> --help`, rendered from the commands' own option specs so
// help and parsing can never disagree.
import type { OptionSpec } from './args.js';
import type { Command } from './command.js';

const WIDTH = 100;

/**
 * The help of one command.
 *
 * @example
 * ```ts
 * process.stdout.write(commandHelp(encodeCommand));
 * ```
 */
export function commandHelp(command: Command): string {
  const lines: string[] = [];
  lines.push(`${command.summary}.`, '', 'Usage:');
  for (const usage of command.usage) lines.push(`  pixtext ${usage}`);
  for (const paragraph of command.description) lines.push('', ...wrap(paragraph, WIDTH));
  lines.push('', 'Options:');
  const entries: [string, string][] = Object.entries(command.options).map(([name, spec]) => [optionLabel(name, spec), spec.description]);
  entries.push(['-h, --help', 'Show this help.']);
  const labelWidth = Math.max(...entries.map(([label]) => label.length)) + 2;
  for (const [label, description] of entries) {
    const [first = '', ...rest] = wrap(description, WIDTH - labelWidth - 2);
    lines.push(`  ${label.padEnd(labelWidth)}${first}`);
    for (const more of rest) lines.push(`  ${' '.repeat(labelWidth)}${more}`);
  }
  lines.push('', 'Examples:');
  for (const example of command.examples) lines.push(`  ${example}`);
  lines.push(
    '',
    'Exit codes: 0 ok, 1 bad input (reported with its error code), 2 usage, 130 interrupted (143 SIGTERM, 129 SIGHUP).',
    ...wrap('Files are written through temporaries named .pixtext-<pid>-<n>.tmp; ones left by a killed run are removed by the next run writing there.', WIDTH),
    '',
  );
  return lines.join('\n');
}

/**
 * The help of `pixtext` itself: the commands and global options.
 *
 * @example
 * ```ts
 * process.stdout.write(mainHelp(commands, '0.1.0'));
 * ```
 */
export function mainHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `pixtext ${version}: images to text and back, exactly (PNG, JPEG, BMP, GIF, WebP, npy ↔ JSON envelope, data URL, base64, Pillow JSON).`,
    '',
    'Usage:',
    '  pixtext <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  -h, --help     Show this help (or a command\'s help: pixtext <command> --help).',
    '  -v, --version  Print the version.',
    '',
    'Examples:',
    '  pixtext encode photo.png -o photo.json',
    '  pixtext decode photo.json -o copy.png',
    '  pixtext encode photos/ --jsonl > dataset.jsonl',
    '  pixtext decode dataset.jsonl -o restored/',
    '',
  ].join('\n');
}

function optionLabel(name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
  return spec.short === undefined ? `    ${long}` : `-${spec.short}, ${long}`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length === 0 ? word : `${line} ${word}`;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
