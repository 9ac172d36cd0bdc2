import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJsonObject, scanJson } from '../../src/text-forms/json-scan.js';
import { asciiJsonString } from '../../src/text-forms/json-ascii.js';
import { platform } from '../../src/platform-name.js';
import { failure } from '../support/errors.js';


describe(`envelope JSON helpers (${platform})`, () => {
  it('agrees with JSON.parse on complete JSON, and calls every proper prefix of an object truncated', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), fc.nat(), fc.boolean(), (value, cut, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : 0);
        expect(scanJson(text)).toEqual({ status: 'complete' });
        const at = 1 + (cut % (text.length - 1));
        expect(scanJson(text.slice(0, at))).toEqual({ status: 'truncated' });
        expect(failure(() => parseJsonObject(text.slice(0, at))).code).toBe('ERR_TRUNCATED');
      }),
      { numRuns: 500 },
    );
  });

  it('finds where invalid JSON goes wrong', () => {
    const cases: [string, number][] = [
      ['{a:1}', 1],
      ['{"a":1,}', 7],
      ['{"a" 1}', 5],
      ['{"a":tru}', 8],
      ['{"a":"\\x"}', 6],
      ['{"a":"\\u12G4"}', 10],
      ['{"a":01}', 6],
      ['{"a":-}', 6],
      ['{"a":1}}', 7],
      ['[1 2]', 3],
      ['hello', 0],
    ];
    for (const [text, offset] of cases) {
      const scan = scanJson(text);
      expect({ text, status: scan.status, offset: scan.status === 'invalid' ? scan.offset : -1 }).toEqual({
        text,
        status: 'invalid',
        offset,
      });
      expect(() => JSON.parse(text)).toThrow();
      expect(failure(() => parseJsonObject(text))).toEqual({ code: 'ERR_NOT_JSON', offset });
    }
    // A raw control character in a string passes the scanner; JSON.parse rejects it and its message is kept.
    expect(failure(() => parseJsonObject('{"a":"x\ny"}')).code).toBe('ERR_NOT_JSON');
  });

  it('survives hostile nesting without exhausting the stack', () => {
    expect(scanJson('['.repeat(200_000))).toEqual({ status: 'truncated' });
    expect(scanJson('{"a":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}')).toEqual({ status: 'complete' });
    expect(failure(() => parseJsonObject('{"a":' + '['.repeat(200_000))).code).toBe('ERR_TRUNCATED');
  });

  it('scans a long string in linear time', () => {
    const long = '{"data":"' + 'A'.repeat(20_000_000) + '\\n' + 'B'.repeat(1000);
    const start = performance.now();
    expect(scanJson(long)).toEqual({ status: 'truncated' });
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('escapes every non-ASCII code unit the way Python’s json.dumps does', () => {
    expect(asciiJsonString('caf\u00e9 \u2615 \u{1F600} "q" \n \u007f')).toBe('"caf\\u00e9 \\u2615 \\ud83d\\ude00 \\"q\\" \\n \u007f"');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const json = asciiJsonString(s);
        expect(/^[\x00-\x7f]*$/.test(json)).toBe(true);
        expect(JSON.parse(json)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});
