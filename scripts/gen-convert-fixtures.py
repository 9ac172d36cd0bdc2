#!/usr/bin/env python3
"""Generates tests/fixtures/pillow-convert/: small deterministic images and what Pillow makes of them.

Run with a Python that has Pillow and numpy (on Debian: apt-get install python3-pil python3-numpy):

    python3 scripts/gen-convert-fixtures.py

Every file is raw bytes in pixtext's RawImage layout (which is Pillow's tobytes() layout for these modes):
rows top to bottom, mode 1 packed 8 pixels a byte, most significant bit first, each row padded to a byte.
index.json lists the source images and the conversions, with the Pillow version that produced them.
The tests compare pixtext's convert() with these bytes exactly; they never run Python.
"""
import json
import os

import numpy as np
import PIL
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'pillow-convert')
W, H = 37, 23  # odd width: mode 1 rows end mid-byte


def make_sources():
    rng = np.random.default_rng(20240611)
    y, x = np.mgrid[0:H, 0:W]
    # Grey: a diagonal gradient over the whole range, a noisy band, and flat rows at the thresholds 127/128/129,
    # 0 and 255, where rounding and dithering decisions are most fragile.
    grey = ((x * 255) // (W - 1) * 0.6 + (y * 255) // (H - 1) * 0.4).astype(np.uint8)
    grey[8:12] = rng.integers(0, 256, (4, W), dtype=np.uint8)
    grey[13] = 127
    grey[14] = 128
    grey[15] = 129
    grey[16] = 0
    grey[17] = 255
    # Colour: independent gradients per channel plus noise, with pure primaries and greys in one row.
    rgb = np.stack(
        [(x * 7 + y * 3) % 256, (x * 3 + y * 11) % 256, (255 - x * 5 - y * 2) % 256], axis=-1
    ).astype(np.uint8)
    rgb[5:10] = rng.integers(0, 256, (5, W, 3), dtype=np.uint8)
    rgb[12, :8] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [0, 0, 0], [255, 255, 255], [128, 128, 128], [127, 127, 127], [1, 2, 3]]
    # Alpha: 0 and 255 columns, a ramp, and noise, so compositing meets every edge case.
    alpha = np.tile(((np.arange(W) * 255) // (W - 1)).astype(np.uint8), (H, 1))
    alpha[:, 0] = 0
    alpha[:, 1] = 255
    alpha[:, 2] = 1
    alpha[:, 3] = 254
    alpha[15:20] = rng.integers(0, 256, (5, W), dtype=np.uint8)
    rgba = np.dstack([rgb, alpha])
    la = np.dstack([grey, alpha])
    # Palette image: 40 RGBA entries set (some translucent, one fully transparent) and indices both inside and beyond
    # them, which Pillow's palette holds as the grey ramp i, i, i, 255 (written out in full: see main).
    palette = rng.integers(0, 256, (40, 4), dtype=np.uint8)
    palette[0, 3] = 0
    palette[1, 3] = 255
    palette[2, 3] = 128
    indices = rng.integers(0, 40, (H, W), dtype=np.uint8)
    indices[20:] = rng.integers(0, 256, (3, W), dtype=np.uint8)
    p = Image.fromarray(indices, 'P')
    p.putpalette(palette.tobytes(), 'RGBA')
    return {
        'l': Image.fromarray(grey, 'L'),
        'la': Image.fromarray(la, 'LA'),
        'rgb': Image.fromarray(rgb, 'RGB'),
        'rgba': Image.fromarray(rgba, 'RGBA'),
        'p': (p, palette),
    }


def composite(image, background):
    under = Image.new('RGBA', image.size, tuple(background) + (255,))
    return Image.alpha_composite(under, image.convert('RGBA'))


def main():
    os.makedirs(OUT, exist_ok=True)
    src = make_sources()
    p_image, p_palette = src['p']
    index = {
        'generator': 'scripts/gen-convert-fixtures.py',
        'pillow': PIL.__version__,
        'width': W,
        'height': H,
        'sources': {},
        'cases': [],
    }

    def write(name, data):
        with open(os.path.join(OUT, name), 'wb') as f:
            f.write(data)
        return name

    for name in ('l', 'la', 'rgb', 'rgba'):
        im = src[name]
        index['sources'][name] = {'mode': im.mode, 'file': write(f'{name}.bin', im.tobytes())}
    # The palette Pillow holds: its 256 entries, not the 40 putpalette() set (getpalette() gives those 40). Entries past
    # them are what Pillow's palette starts as (ImagingPaletteNew: the grey ramp i, i, i, 255), read back from Pillow by
    # converting the indices 0..255 through this image's palette. A RawImage's indices must all be in its palette.
    ramp = Image.fromarray(np.arange(256, dtype=np.uint8).reshape(1, 256), 'P')
    ramp.putpalette(p_palette.tobytes(), 'RGBA')
    held = ramp.convert('RGBA').tobytes()
    assert held[: len(p_palette.tobytes())] == p_palette.tobytes()
    index['sources']['p'] = {
        'mode': 'P',
        'file': write('p.bin', p_image.tobytes()),
        'palette': write('p.palette.bin', held),
    }
    bgr = np.asarray(src['rgb'])[..., ::-1].copy()
    index['sources']['bgr'] = {'mode': 'BGR', 'file': write('bgr.bin', bgr.tobytes())}

    def case(name, source, to, result, options=None, how=None):
        # A result identical to a source file points at that file instead of repeating its bytes.
        same = next((v['file'] for v in index['sources'].values() if v['mode'] == to and
                     open(os.path.join(OUT, v['file']), 'rb').read() == result), None)
        entry = {'name': name, 'source': source, 'to': to, 'expected': same or write(f'{name}.bin', result)}
        if options:
            entry['options'] = options
        entry['pillow'] = how
        index['cases'].append(entry)

    none = Image.Dither.NONE
    case('rgb-to-l', 'rgb', 'L', src['rgb'].convert('L').tobytes(), how="convert('L')")
    case('rgba-to-la', 'rgba', 'LA', src['rgba'].convert('LA').tobytes(), how="convert('LA')")
    case('rgba-to-l', 'rgba', 'L', src['rgba'].convert('L').tobytes(), how="convert('L')")
    case('l-to-rgb', 'l', 'RGB', src['l'].convert('RGB').tobytes(), how="convert('RGB')")
    case('la-to-rgba', 'la', 'RGBA', src['la'].convert('RGBA').tobytes(), how="convert('RGBA')")
    case('l-to-1-fs', 'l', '1', src['l'].convert('1').tobytes(), {'dither': 'floyd-steinberg'}, "convert('1')")
    case('l-to-1-none', 'l', '1', src['l'].convert('1', dither=none).tobytes(), {'dither': 'none'},
         "convert('1', dither=Image.Dither.NONE)")
    case('rgb-to-1-fs', 'rgb', '1', src['rgb'].convert('1').tobytes(), {'dither': 'floyd-steinberg'}, "convert('1')")
    case('rgb-to-1-none', 'rgb', '1', src['rgb'].convert('1', dither=none).tobytes(), {'dither': 'none'},
         "convert('1', dither=Image.Dither.NONE)")
    case('rgba-to-1-fs', 'rgba', '1', src['rgba'].convert('1').tobytes(), {'dither': 'floyd-steinberg'},
         "convert('1') (alpha ignored)")
    case('la-to-1-fs', 'la', '1', src['la'].convert('1').tobytes(), {'dither': 'floyd-steinberg'},
         "convert('1') (alpha ignored)")
    case('p-to-rgba', 'p', 'RGBA', p_image.convert('RGBA').tobytes(), how="convert('RGBA')")
    case('p-to-rgb', 'p', 'RGB', p_image.convert('RGB').tobytes(), how="convert('RGB')")
    case('p-to-l', 'p', 'L', p_image.convert('L').tobytes(), how="convert('L')")
    case('p-to-1-none', 'p', '1', p_image.convert('1').tobytes(), {'dither': 'none'},
         "convert('1') (Pillow never dithers P)")
    case('rgb-to-bgr', 'rgb', 'BGR', bgr.tobytes(), how='numpy [..., ::-1]')
    case('bgr-to-rgb', 'bgr', 'RGB', src['rgb'].tobytes(), how='numpy [..., ::-1]')
    case('rgba-to-rgb', 'rgba', 'RGB', src['rgba'].convert('RGB').tobytes(), how="convert('RGB')")
    for bg in ([255, 255, 255], [0, 0, 0], [30, 144, 255]):
        tag = '-'.join(str(v) for v in bg)
        flat = composite(src['rgba'], bg)
        how = f"alpha_composite(new('RGBA', size, {tuple(bg + [255])}), image)"
        case(f'rgba-to-rgb-bg-{tag}', 'rgba', 'RGB', flat.convert('RGB').tobytes(), {'background': bg},
             how + ".convert('RGB')")
    flat = composite(src['rgba'], [30, 144, 255])
    case('rgba-to-l-bg-30-144-255', 'rgba', 'L', flat.convert('L').tobytes(), {'background': [30, 144, 255]},
         "alpha_composite(...).convert('L')")
    case('rgba-to-1-fs-bg-30-144-255', 'rgba', '1', flat.convert('1').tobytes(),
         {'background': [30, 144, 255], 'dither': 'floyd-steinberg'}, "alpha_composite(...).convert('1')")
    flat = composite(src['la'], [200, 100, 50])
    case('la-to-l-bg-200-100-50', 'la', 'L', flat.convert('L').tobytes(), {'background': [200, 100, 50]},
         "alpha_composite(new('RGBA', size, (200, 100, 50, 255)), la.convert('RGBA')).convert('L')")
    flat = composite(p_image, [255, 255, 255])
    case('p-to-rgb-bg-255-255-255', 'p', 'RGB', flat.convert('RGB').tobytes(), {'background': [255, 255, 255]},
         "alpha_composite(new('RGBA', size, (255, 255, 255, 255)), p.convert('RGBA')).convert('RGB')")

    with open(os.path.join(OUT, 'index.json'), 'w') as f:
        json.dump(index, f, indent=2)
        f.write('\n')
    print(f"wrote {len(index['cases'])} cases and {len(index['sources'])} sources with Pillow {PIL.__version__}")


if __name__ == '__main__':
    main()
