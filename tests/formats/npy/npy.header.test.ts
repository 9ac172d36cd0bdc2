// The .npy header read strictly: hand-made headers for what np.save never writes but a file may hold, each with
// the error code (and the byte offset) pixtext must give. Spec: numpy/lib/format.py.
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../../../src/formats/npy/decode.js';
import { npyCodec } from '../../../src/formats/npy/index.js';
import { expectPixtextError } from '../../support/errors.js';
import { npyBytes } from './npy-helpers.js';

const options = { maxPixels: 1_000_000 };
const dict = (descr: string, shape: string, fortran = 'False') => `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }\n`;
const decode = (bytes: Uint8Array, maxPixels = options.maxPixels) => decodeNpy(bytes, { maxPixels });

describe('npy header: what is read', () => {
  it('any key order, double quotes, no trailing comma, no padding, spaces and newlines inside the dict', () => {
    const texts = [
      `{'shape': (1, 2), 'descr': '|u1', 'fortran_order': False}`,
      `{"descr":"|u1","fortran_order":False,"shape":(1,2,)}`,
      `  {\n 'descr' : '|u1' ,\n\t'fortran_order' : False ,\n 'shape' : ( 1 , 2 ) ,\n}   \n`,
    ];
    for (const text of texts) {
      expect(decode(npyBytes(text, [7, 9]))).toEqual({ width: 2, height: 1, mode: 'L', data: new Uint8Array([7, 9]) });
    }
  });

  it('uint8 spelled <u1 or >u1 (byte order means nothing for one byte)', () => {
    for (const descr of ['<u1', '>u1']) expect(decode(npyBytes(dict(descr, '(1, 1)'), [5])).data).toEqual(new Uint8Array([5]));
  });

  it('big-endian uint16 becomes little-endian samples', () => {
    const image = decode(npyBytes(dict('>u2', '(1, 1, 2)'), [0x12, 0x34, 0xab, 0xcd]));
    expect(image).toEqual({ width: 1, height: 1, mode: 'LA16', data: new Uint8Array([0x34, 0x12, 0xcd, 0xab]) });
  });

  it('a version 3.0 header in UTF-8, and 2.0 with its 4-byte length', () => {
    expect(decode(npyBytes(dict('|u1', '(1, 1)'), [1], [3, 0])).data).toEqual(new Uint8Array([1]));
    expect(decode(npyBytes(dict('<u2', '(1, 1)'), [1, 2], [2, 0])).data).toEqual(new Uint8Array([1, 2]));
  });

  it('an empty image, and a header-only call that ignores the data', () => {
    expect(decode(npyBytes(dict('|u1', '(0, 4, 3)')))).toEqual({ width: 4, height: 0, mode: 'RGB', data: new Uint8Array(0) });
    expect(npyCodec.header(npyBytes(dict('<u2', '(3, 2, 4)')))).toEqual({ width: 2, height: 3, mode: 'RGBA16' });
  });

  it('decoding copies: the RawImage does not share the file buffer', () => {
    const bytes = npyBytes(dict('|u1', '(1, 1)'), [5]);
    const image = decode(bytes);
    bytes[bytes.length - 1] = 6;
    expect(image.data[0]).toBe(5);
  });
});

describe('npy header: what is refused', () => {
  it('not npy, or cut inside the preamble or header: ERR_CORRUPT / ERR_TRUNCATED', () => {
    expectPixtextError(() => decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47])), 'ERR_CORRUPT');
    const whole = npyBytes(dict('|u1', '(1, 1)'), [5]);
    for (const cut of [6, 7, 8, 9, 10, 30, whole.length - 2]) {
      expectPixtextError(() => decode(whole.subarray(0, cut)), 'ERR_TRUNCATED');
    }
  });

  it('less data than the shape needs: ERR_TRUNCATED; more: ERR_CORRUPT at the first extra byte', () => {
    expectPixtextError(() => decode(npyBytes(dict('|u1', '(2, 2)'), [1, 2, 3])), 'ERR_TRUNCATED');
    const bytes = npyBytes(dict('|u1', '(2, 2)'), [1, 2, 3, 4, 5]);
    expect(expectPixtextError(() => decode(bytes), 'ERR_CORRUPT').offset).toBe(bytes.length - 1);
  });

  it('other versions: ERR_UNSUPPORTED naming them', () => {
    for (const version of [[0, 1], [1, 1], [4, 0]] as [number, number][]) {
      const error = expectPixtextError(() => decode(npyBytes(dict('|u1', '(1, 1)'), [5], version)), 'ERR_UNSUPPORTED');
      expect(error.message).toContain(`${version[0]}.${version[1]}`);
    }
  });

  it('syntax errors: ERR_CORRUPT with the byte offset', () => {
    const cases: [string, number][] = [
      [`['descr', '|u1']`, 10],
      [`{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1), } x`, 10 + 60],
      [`{'descr': '|u1' 'fortran_order': False, 'shape': (1, 1)}`, 10 + 16],
      [`{'descr': '|u1', 'fortran_order': false, 'shape': (1, 1)}`, 10 + 34],
      [`{'descr': '|u1', 'fortran_order': Falsey, 'shape': (1, 1)}`, 10 + 34],
      [`{'descr': '|u1', 'fortran_order': False, 'shape': (1 1)}`, 10 + 53],
      [`{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1)`, 10 + 56],
      [`{'descr': '|u1, 'fortran_order': False}`, 10 + 17],
      [`{descr: '|u1'}`, 10 + 1],
      [`{'descr': '|u1', 'fortran_order': False, 'shape': (1, 0x1)}`, 10 + 55],
    ];
    for (const [text, offset] of cases) {
      expect(expectPixtextError(() => decode(npyBytes(text)), 'ERR_CORRUPT').offset, text).toBe(offset);
    }
  });

  it('(5) is not a tuple, a key given twice, missing or extra keys, ill-typed values: ERR_CORRUPT', () => {
    const texts = [
      `{'descr': '|u1', 'fortran_order': False, 'shape': (5)}`,
      `{'descr': '|u1', 'descr': '|u1', 'fortran_order': False, 'shape': (1, 1)}`,
      `{'descr': '|u1', 'shape': (1, 1)}`,
      `{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1), 'extra': True}`,
      `{'descr': True, 'fortran_order': False, 'shape': (1, 1)}`,
      `{'descr': '|u1', 'fortran_order': 'no', 'shape': (1, 1)}`,
      `{'descr': '|u1', 'fortran_order': False, 'shape': '(1, 1)'}`,
      `{'descr': '|u1', 'fortran_order': False, 'shape': (-1, 2)}`,
      `{}`,
    ];
    for (const text of texts) expectPixtextError(() => decode(npyBytes(text, [0])), 'ERR_CORRUPT');
  });

  it('invalid UTF-8 in a 3.0 header: ERR_CORRUPT; an escape in a string: ERR_UNSUPPORTED', () => {
    const bad = new Uint8Array([...new TextEncoder().encode(`{'descr': '|u1`), 0xff, ...new TextEncoder().encode(`', 'fortran_order': False, 'shape': (1, 1)}`)]);
    expectPixtextError(() => decode(npyBytes(bad, [0], [3, 0])), 'ERR_CORRUPT');
    // The same byte is latin1 "ÿ" in a 1.0 header: a dtype that is named and refused.
    expect(expectPixtextError(() => decode(npyBytes(bad, [0])), 'ERR_UNSUPPORTED').message).toContain('|u1\u00ff');
    expectPixtextError(() => decode(npyBytes(dict('|u\\x31', '(1, 1)'), [0])), 'ERR_UNSUPPORTED');
  });

  it('dtypes, shapes and Fortran order pixtext does not read: ERR_UNSUPPORTED naming them', () => {
    const cases: [string, string][] = [
      [dict('<i4', '(1, 1)'), "'<i4'"],
      [dict('|u2', '(1, 1)'), "'|u2'"],
      [dict('uint8', '(1, 1)'), "'uint8'"],
      [dict('|u1', '(2, 2, 1)'), '(2, 2, 1)'],
      [dict('|u1', '(4,)'), '(4,)'],
      [dict('|u1', '()'), '()'],
      [dict('|u1', '(2, 2)', 'True'), 'Fortran'],
      [`{'descr': [('r', '|u1')], 'fortran_order': False, 'shape': (1, 1)}`, 'structured'],
    ];
    for (const [text, named] of cases) {
      expect(expectPixtextError(() => decode(npyBytes(text, [0, 0, 0, 0])), 'ERR_UNSUPPORTED').message, text).toContain(named);
    }
  });

  it('sizes over maxPixels or beyond any engine: ERR_TOO_LARGE before allocating', () => {
    expectPixtextError(() => decode(npyBytes(dict('|u1', '(1001, 1000)')), 1_000_000), 'ERR_TOO_LARGE');
    expectPixtextError(() => decode(npyBytes(dict('|u1', '(100000, 100000, 4)')), Infinity), 'ERR_TOO_LARGE');
    expectPixtextError(() => decode(npyBytes(dict('|u1', '(99999999999999999999, 1)')), Infinity), 'ERR_TOO_LARGE');
  });
});

describe('npy header: hostile sizes inside the header', () => {
  it('a megabyte-long string, key or number is refused with a short message, never an engine error', () => {
    const long = 'x'.repeat(1 << 20);
    const digits = '9'.repeat(1 << 20);
    const cases: [string, string][] = [
      [dict(long, '(1, 1)'), 'ERR_UNSUPPORTED'],
      [`{'${long}': 1}`, 'ERR_CORRUPT'],
      [`{'${long}': True, 'descr': '|u1', 'fortran_order': False, 'shape': (1, 1)}`, 'ERR_CORRUPT'],
      [dict('|u1', `(${digits}, 1)`), 'ERR_TOO_LARGE'],
    ];
    for (const [text, code] of cases) {
      // Headers this long need the 4-byte length of versions 2.0 and 3.0.
      expect(expectPixtextError(() => decode(npyBytes(text, [0], [2, 0]), Infinity), code).message.length).toBeLessThan(300);
      expectPixtextError(() => decode(npyBytes(text, [0], [3, 0]), Infinity), code);
    }
  });
});
