#!/usr/bin/env python3
"""Oracles for resize and fit: Pillow 9.4's Image.resize(size, resample, box) and Image.thumbnail(size).

Run once with Pillow 9.4 (/usr/bin/python3 on Debian 12); seeded, so it always writes the same files, to
tests/fixtures/resize/:
  inputs.bin, outputs.bin  the input images and Pillow's outputs, raw pixels back to back (Pillow's tobytes(): L 1
                           byte a pixel, LA 2, RGB 3, RGBA 4, P 1 with the palette stored apart, 1 packed 8 a byte)
  manifest.json            resize cases: mode, input (offset, size, palette), filter, box, output size, sha256 of
                           Pillow's bytes, and their offset in outputs.bin when small (≤ 4096 bytes; larger outputs,
                           the ×100 enlargements, are checked by sha256 alone);
                           thumbnail cases: input, box, Pillow's thumbnail size and pixels (sha256 + bytes when small);
                           a JPEG thumbnail case (draft) on jpeg-thumb.jpg;
                           16-bit float references (the documented 16-bit rule computed in double precision by numpy,
                           no rounding between passes), within 1 of which pixtext's 16-bit results must be
  thumbnail-sizes.json     1,000 random (image size, box) pairs and the size Pillow's thumbnail() gives
Usage: /usr/bin/python3 scripts/gen-resize-fixtures.py
"""
import hashlib
import io
import json
import math
import os
import random

import numpy as np
import PIL
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'resize')
FILTERS = {
    'nearest': Image.Resampling.NEAREST,
    'box': Image.Resampling.BOX,
    'bilinear': Image.Resampling.BILINEAR,
    'hamming': Image.Resampling.HAMMING,
    'bicubic': Image.Resampling.BICUBIC,
    'lanczos': Image.Resampling.LANCZOS,
}
CHANNELS = {'L': 1, 'LA': 2, 'RGB': 3, 'RGBA': 4}
SMALL = 4096

# (name, source size, target size, box)
SCENARIOS = [
    ('downscale', (37, 23), (13, 9), None),
    ('upscale', (7, 5), (19, 13), None),
    ('odd', (16, 16), (15, 17), None),
    ('from-1x1', (1, 1), (5, 3), None),
    ('to-1x1', (9, 7), (1, 1), None),
    ('x100', (3, 2), (300, 200), None),
    ('box', (37, 23), (11, 7), (1.5, 2.25, 20.7, 15.1)),
    ('box-crop', (37, 23), (10, 7), (3, 4, 13, 11)),
    ('box-up', (12, 10), (31, 17), (0.3, 1.0, 9.9, 8.6)),
    ('same-size-box', (12, 10), (12, 10), (0.5, 0.5, 11.5, 9.5)),
    ('wide', (64, 3), (9, 5), None),
]


class Blob:
    def __init__(self):
        self.buf = bytearray()

    def add(self, data):
        offset = len(self.buf)
        self.buf += data
        return offset


def random_image(rng, mode, size):
    w, h = size
    arr = rng.integers(0, 256, size=(h, w, CHANNELS[mode]), dtype=np.uint8)
    if mode in ('LA', 'RGBA'):
        # Some fully transparent and opaque pixels, so premultiplication's special cases occur.
        alpha = arr[:, :, -1]
        alpha[rng.random((h, w)) < 0.15] = 0
        alpha[rng.random((h, w)) < 0.15] = 255
    if CHANNELS[mode] == 1:
        return Image.fromarray(arr[:, :, 0], 'L')
    return Image.fromarray(arr, mode)


def palette_image(rng, size):
    w, h = size
    im = Image.fromarray(rng.integers(0, 40, size=(h, w), dtype=np.uint8), 'L').convert('P')
    pal = rng.integers(0, 256, size=768, dtype=np.uint8)
    im.putpalette(bytes(pal))
    return im


def bilevel_image(rng, size):
    w, h = size
    return Image.fromarray(rng.integers(0, 2, size=(h, w), dtype=np.uint8) * 255, 'L').convert('1', dither=Image.Dither.NONE)


def output_entry(outputs, data):
    entry = {'sha256': hashlib.sha256(data).hexdigest(), 'length': len(data)}
    if len(data) <= SMALL:
        entry['offset'] = outputs.add(data)
    return entry


def input_entry(inputs, im):
    entry = {'mode': im.mode, 'width': im.size[0], 'height': im.size[1], 'offset': inputs.add(im.tobytes()),
             'length': len(im.tobytes())}
    if im.mode == 'P':
        # As RGBA entries, as pixtext's RawImage palette holds them.
        pal = im.getpalette()
        entry['palette'] = [v for i in range(0, len(pal), 3) for v in (pal[i], pal[i + 1], pal[i + 2], 255)]
    return entry


def resize_cases(rng, inputs, outputs):
    cases = []
    for name, src, dst, box in SCENARIOS:
        for mode in ['L', 'LA', 'RGB', 'RGBA', 'P', '1']:
            if mode == 'P':
                im = palette_image(rng, src)
            elif mode == '1':
                im = bilevel_image(rng, src)
            else:
                im = random_image(rng, mode, src)
            source = input_entry(inputs, im)
            filters = ['nearest'] if mode in ('P', '1') else list(FILTERS)
            for f in filters:
                out = im.resize(dst, FILTERS[f], box)
                assert out.mode == im.mode and out.size == dst
                cases.append({'name': f'{name} {mode} {f}', 'input': source, 'filter': f, 'box': box,
                              'width': dst[0], 'height': dst[1], 'output': output_entry(outputs, out.tobytes())})
    return cases


def thumbnail_cases(rng, inputs, outputs):
    cases = []
    # Reduce factors 2x2, 3x3, 4x4, 5x5, NxM, 1xN and Nx1 before the bicubic step, and no reduce at all.
    shapes = [((97, 61), (20, 20)), ((200, 40), (30, 30)), ((101, 17), (25, 25)), ((64, 64), (9, 13)),
              ((90, 54), (42, 42)), ((33, 120), (16, 16)), ((40, 30), (50, 50)), ((60, 60), (10, 10)),
              ((80, 80), (10, 10)), ((110, 100), (10, 10)), ((121, 11), (7, 90)), ((70, 9), (20, 20)),
              ((9, 70), (20, 20))]
    for src, box in shapes:
        for mode in ['L', 'LA', 'RGB', 'RGBA', 'P']:
            im = palette_image(rng, src) if mode == 'P' else random_image(rng, mode, src)
            source = input_entry(inputs, im)
            thumb = im.copy()
            thumb.thumbnail(box)
            cases.append({'name': f'thumbnail {src[0]}x{src[1]} in {box[0]}x{box[1]} {mode}', 'input': source,
                          'box': list(box), 'width': thumb.size[0], 'height': thumb.size[1],
                          'output': output_entry(outputs, thumb.tobytes())})
    return cases


def jpeg_thumbnail_cases(rng):
    arr = rng.integers(0, 256, size=(12, 16, 3), dtype=np.uint8)
    base = Image.fromarray(arr, 'RGB').resize((320, 200), Image.Resampling.BICUBIC)
    buf = io.BytesIO()
    base.save(buf, 'JPEG', quality=90)
    data = buf.getvalue()
    with open(os.path.join(OUT, 'jpeg-thumb.jpg'), 'wb') as f:
        f.write(data)
    cases = []
    for box in [(40, 40), (100, 100), (70, 30), (319, 500)]:
        im = Image.open(io.BytesIO(data))
        im.thumbnail(box)
        out = im.tobytes()
        cases.append({'file': 'jpeg-thumb.jpg', 'box': list(box), 'width': im.size[0], 'height': im.size[1],
                      'mode': im.mode, 'sha256': hashlib.sha256(out).hexdigest()})
    return cases


# ---- the 16-bit float reference (an independent double-precision computation of the documented rule) ----
SUPPORT = {'box': 0.5, 'bilinear': 1.0, 'hamming': 1.0, 'bicubic': 2.0, 'lanczos': 3.0}


def kernel(name, x):
    if name == 'box':
        return 1.0 if -0.5 < x <= 0.5 else 0.0
    x = abs(x)
    if name == 'bilinear':
        return 1.0 - x if x < 1.0 else 0.0
    if name == 'hamming':
        if x == 0.0:
            return 1.0
        if x >= 1.0:
            return 0.0
        x *= math.pi
        return math.sin(x) / x * (float(np.float32(0.54)) + float(np.float32(0.46)) * math.cos(x))
    if name == 'bicubic':
        a = -0.5
        if x < 1.0:
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1
        if x < 2.0:
            return (((x - 5) * x + 8) * x - 4) * a
        return 0.0
    if name == 'lanczos':
        def sinc(v):
            return 1.0 if v == 0.0 else math.sin(v * math.pi) / (v * math.pi)
        return sinc(x) * sinc(x / 3) if x < 3.0 else 0.0
    raise ValueError(name)


def weight_matrix(in_size, out_size, f):
    """Pillow's precompute_coeffs as a dense out × in matrix (whole image box)."""
    scale = in_size / out_size
    fs = max(scale, 1.0)
    support = SUPPORT[f] * fs
    m = np.zeros((out_size, in_size))
    for xx in range(out_size):
        center = (xx + 0.5) * scale
        xmin = max(int(center - support + 0.5), 0)
        xmax = min(int(center + support + 0.5), in_size)
        ws = [kernel(f, (x - center + 0.5) / fs) for x in range(xmin, xmax)]
        total = sum(ws)
        for i, w in enumerate(ws):
            m[xx, xmin + i] = w / total if total != 0 else w
    return m


def reference16(arr, alpha, dst, f):
    h, w, c = arr.shape
    a = arr.astype(np.float64)
    if alpha:
        a[:, :, :-1] *= a[:, :, -1:] / 65535
    mh = weight_matrix(w, dst[0], f)
    mv = weight_matrix(h, dst[1], f)
    r = np.einsum('yx,hxc->hyc', mh, a) if dst[0] != w else a
    r = np.einsum('yh,hxc->yxc', mv, r) if dst[1] != h else r
    out = np.clip(np.floor(r + 0.5), 0, 65535)
    if alpha:
        al = out[:, :, -1:]
        div = np.where((al == 0) | (al == 65535), 65535, al)
        out[:, :, :-1] = np.clip(np.floor(r[:, :, :-1] * 65535 / div + 0.5), 0, 65535)
    return out


def cases16(rng, inputs):
    cases = []
    for mode, c, alpha in [('L16', 1, False), ('LA16', 2, True), ('RGB16', 3, False), ('RGBA16', 4, True)]:
        for src, dst in [((23, 17), (9, 7)), ((5, 4), (13, 11)), ((16, 9), (16, 20))]:
            arr = rng.integers(0, 65536, size=(src[1], src[0], c), dtype=np.uint16)
            if alpha:
                arr[:, :, -1][rng.random(src[::-1]) < 0.2] = 0
                arr[:, :, -1][rng.random(src[::-1]) < 0.2] = 65535
            data = arr.astype('<u2').tobytes()
            source = {'mode': mode, 'width': src[0], 'height': src[1], 'offset': inputs.add(data), 'length': len(data)}
            for f in SUPPORT:
                ref = reference16(arr, alpha, dst, f)
                cases.append({'name': f'{mode} {src[0]}x{src[1]}→{dst[0]}x{dst[1]} {f}', 'input': source, 'filter': f,
                              'width': dst[0], 'height': dst[1], 'reference': [int(v) for v in ref.reshape(-1)]})
    # Pillow's own I;16 NEAREST, for L16.
    arr = rng.integers(0, 65536, size=(9, 14), dtype=np.uint16)
    data = arr.astype('<u2').tobytes()
    im = Image.frombytes('I;16', (14, 9), data)
    source = {'mode': 'L16', 'width': 14, 'height': 9, 'offset': inputs.add(data), 'length': len(data)}
    nearest = []
    for dst, box in [((5, 4), None), ((31, 20), None), ((6, 5), (1.25, 0.5, 13.0, 8.75))]:
        out = im.resize(dst, Image.Resampling.NEAREST, box)
        nearest.append({'input': source, 'width': dst[0], 'height': dst[1], 'box': box,
                        'pillow': [int(v) for v in np.frombuffer(out.tobytes(), dtype='<u2')]})
    return cases, nearest


def thumbnail_sizes(rng):
    """Pillow's thumbnail() size for random sizes, run on a 1×1 image whose size is set, resize recorded."""
    pairs = []
    prng = random.Random(20261206)
    while len(pairs) < 1000:
        kind = prng.random()
        if kind < 0.5:
            size = (prng.randint(1, 6000), prng.randint(1, 6000))
        elif kind < 0.8:
            size = (prng.randint(1, 300), prng.randint(1, 300))
        else:
            size = (prng.randint(1, 20000), prng.randint(1, 40))[:: prng.choice([1, -1])]
        box = (prng.randint(1, 2000), prng.randint(1, 2000)) if prng.random() < 0.7 else (
            prng.randint(1, 60), prng.randint(1, 60))
        im = Image.new('L', (1, 1))
        im._size = size
        got = {}

        def fake_resize(s, resample=None, box=None, reducing_gap=None):
            got['size'] = s
            return Image.new('L', (1, 1))

        im.resize = fake_resize
        im.thumbnail(box)
        result = got.get('size', size)
        pairs.append([size[0], size[1], box[0], box[1], result[0], result[1]])
    return pairs


def main():
    assert PIL.__version__ == '9.4.0', f'Pillow {PIL.__version__}: the oracle is Pillow 9.4.0'
    rng = np.random.default_rng(20261206)
    os.makedirs(OUT, exist_ok=True)
    inputs, outputs = Blob(), Blob()
    resize = resize_cases(rng, inputs, outputs)
    thumbnails = thumbnail_cases(rng, inputs, outputs)
    jpeg = jpeg_thumbnail_cases(rng)
    float16, nearest16 = cases16(rng, inputs)
    manifest = {
        'generator': 'scripts/gen-resize-fixtures.py',
        'pillow': PIL.__version__,
        'resize': resize,
        'thumbnail': thumbnails,
        'jpegThumbnail': jpeg,
        'float16': float16,
        'nearest16': nearest16,
        'inputsSha256': hashlib.sha256(inputs.buf).hexdigest(),
        'outputsSha256': hashlib.sha256(outputs.buf).hexdigest(),
    }
    with open(os.path.join(OUT, 'inputs.bin'), 'wb') as f:
        f.write(inputs.buf)
    with open(os.path.join(OUT, 'outputs.bin'), 'wb') as f:
        f.write(outputs.buf)
    with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, separators=(',', ':'))
    with open(os.path.join(OUT, 'thumbnail-sizes.json'), 'w') as f:
        json.dump({'generator': 'scripts/gen-resize-fixtures.py', 'pillow': PIL.__version__,
                   'columns': ['width', 'height', 'boxWidth', 'boxHeight', 'thumbWidth', 'thumbHeight'],
                   'pairs': thumbnail_sizes(rng)}, f, separators=(',', ':'))
    print(len(resize), 'resize cases,', len(thumbnails), 'thumbnails,', len(float16), '16-bit references;',
          len(inputs.buf), 'input bytes,', len(outputs.buf), 'output bytes')


if __name__ == '__main__':
    main()
