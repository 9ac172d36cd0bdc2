#!/usr/bin/env python3
"""Generates tests/fixtures/jpeg-encode/: small seeded images and the JPEG files Pillow writes for them.

Run with the Python that has Pillow 9.4 (libjpeg-turbo 2.1.5) and numpy (Debian 12: python3-pil python3-numpy):

    /usr/bin/python3 scripts/gen-jpeg-encode-fixtures.py [corpus-dir]

corpus-dir is the shared conformance corpus (default: ../shared/corpus beside the repository); only its
jpeg/libjpeg-turbo/testorig.ppm is read, for the photo-like source.

For every source image (raw pixels in inputs/, RawImage layout: rows top to bottom, RGB interleaved or one grey byte
a pixel), every quality in QUALITIES and every subsampling, out/ holds what

    Image.frombytes(mode, size, pixels).save(buf, 'JPEG', quality=q, subsampling=s)

writes (`subsampling` null in index.json: the argument left out), and for subsets the same with optimize=True or
progressive=True.
index.json lists them.
The tests assert pixtext's JPEG encoder writes the identical bytes; they never run Python.
"""
import io
import json
import os
import sys

import numpy as np
import PIL
from PIL import Image, features

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'tests', 'fixtures', 'jpeg-encode')
QUALITIES = [10, 50, 75, 90, 95, 100]
# None: the argument left out, so libjpeg's default applies (4:2:0 for colour, 1x1 for grey).
SUBSAMPLINGS = ['4:4:4', '4:2:2', '4:2:0', None]
# 1x1, a block, two blocks, sizes that end mid-block and mid-MCU (odd and even remainders, which pick different
# chroma edge rows under 4:2:0), and wider than one MCU row of interleaved blocks.
# optimize=True (optimal Huffman tables, jchuff.c jpeg_gen_optimal_table): a subset, every source and subsampling.
OPTIMIZE_QUALITIES = [50, 90, 100]
# progressive=True (jcparam.c jpeg_simple_progression, always with optimal tables): a subset as well.
PROGRESSIVE_QUALITIES = [75, 95]
SIZES = [(1, 1), (17, 9), (8, 8), (16, 16), (33, 17), (64, 48), (30, 10), (70, 3), (3, 70)]


def synthetic(rng, width, height, channels):
    """Smooth gradients (long zero runs, ZRL codes), flat patches, hard-edged rectangles and a band of noise (large
    coefficients, long codes), so every Huffman path and the clamped extremes 0/255 are exercised."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    planes = []
    for _ in range(channels):
        a, b, c = rng.uniform(-6, 6), rng.uniform(-6, 6), rng.uniform(0, 255)
        planes.append(c + a * x + b * y + 20 * np.sin((x + 2 * y) / rng.uniform(3, 12)))
    img = np.stack(planes, axis=-1)
    for _ in range(max(1, width * height // 300)):
        x0, y0 = rng.integers(0, width), rng.integers(0, height)
        x1, y1 = x0 + rng.integers(1, 12), y0 + rng.integers(1, 12)
        img[y0:y1, x0:x1] = rng.choice([0, 255, rng.uniform(0, 255)], size=channels)
    band = slice(height // 3, height // 3 + max(1, height // 4))
    img[band] = rng.integers(0, 256, img[band].shape)
    img = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    return img if channels == 3 else img[:, :, 0]


def refinement_heavy(rng):
    """64x64 grey whose blocks have every AC coefficient at least 3 in magnitude at quality 100 (built by an
    orthonormal inverse DCT of random +-4..6 coefficients): the last AC refinement scan then has only correction
    bits, 63 a block, so jcphuff.c's MAX_CORR_BITS limit forces EOB runs out."""
    n = np.arange(8)
    basis = np.sqrt(2 / 8) * np.cos((2 * n[None, :] + 1) * n[:, None] * np.pi / 16)
    basis[0] /= np.sqrt(2)
    img = np.zeros((64, 64))
    for by in range(8):
        for bx in range(8):
            coef = rng.integers(4, 7, (8, 8)) * rng.choice([-1, 1], (8, 8))
            coef[0, 0] = 0
            img[by * 8:by * 8 + 8, bx * 8:bx * 8 + 8] = basis.T @ coef @ basis + 128
    return Image.fromarray(np.clip(np.rint(img), 0, 255).astype(np.uint8), 'L')


def photo_crop(corpus):
    """libjpeg-turbo's testorig.ppm cut to 128x96 (IJG/BSD licence, see README.md)."""
    with Image.open(os.path.join(corpus, 'jpeg', 'libjpeg-turbo', 'testorig.ppm')) as im:
        return im.convert('RGB').crop((60, 30, 188, 126))


def main():
    rng = np.random.default_rng(20261206)
    os.makedirs(os.path.join(OUT, 'inputs'), exist_ok=True)
    os.makedirs(os.path.join(OUT, 'out'), exist_ok=True)
    sources = []
    for width, height in SIZES:
        for mode, channels in (('RGB', 3), ('L', 1)):
            pixels = synthetic(rng, width, height, channels)
            sources.append((f'noise-{width}x{height}-{mode}', Image.fromarray(pixels, mode)))
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'corpus')
    rgb = photo_crop(corpus)
    sources.append(('testorig-128x96-RGB', rgb))
    sources.append(('testorig-128x96-L', rgb.convert('L')))

    cases = []
    for name, im in sources:
        ext = 'rgb' if im.mode == 'RGB' else 'gray'
        input_file = f'inputs/{name}.{ext}'
        with open(os.path.join(OUT, input_file), 'wb') as f:
            f.write(im.tobytes())
        for quality in QUALITIES:
            for subsampling in SUBSAMPLINGS:
                buf = io.BytesIO()
                if subsampling is None:
                    im.save(buf, 'JPEG', quality=quality)
                else:
                    im.save(buf, 'JPEG', quality=quality, subsampling=subsampling)
                tag = 'default' if subsampling is None else subsampling.replace(':', '')
                file = f'out/{name}-q{quality}-{tag}.jpg'
                with open(os.path.join(OUT, file), 'wb') as f:
                    f.write(buf.getvalue())
                cases.append({
                    'input': input_file, 'width': im.width, 'height': im.height, 'mode': im.mode,
                    'quality': quality, 'subsampling': subsampling, 'optimize': False, 'file': file,
                })
        for quality in OPTIMIZE_QUALITIES:
            for subsampling in SUBSAMPLINGS[:3]:
                buf = io.BytesIO()
                im.save(buf, 'JPEG', quality=quality, subsampling=subsampling, optimize=True)
                file = f'out/{name}-q{quality}-{subsampling.replace(":", "")}-optimize.jpg'
                with open(os.path.join(OUT, file), 'wb') as f:
                    f.write(buf.getvalue())
                cases.append({
                    'input': input_file, 'width': im.width, 'height': im.height, 'mode': im.mode,
                    'quality': quality, 'subsampling': subsampling, 'optimize': True, 'file': file,
                })
        for quality in PROGRESSIVE_QUALITIES:
            for subsampling in SUBSAMPLINGS[:3]:
                buf = io.BytesIO()
                im.save(buf, 'JPEG', quality=quality, subsampling=subsampling, progressive=True)
                file = f'out/{name}-q{quality}-{subsampling.replace(":", "")}-progressive.jpg'
                with open(os.path.join(OUT, file), 'wb') as f:
                    f.write(buf.getvalue())
                cases.append({
                    'input': input_file, 'width': im.width, 'height': im.height, 'mode': im.mode,
                    'quality': quality, 'subsampling': subsampling, 'progressive': True, 'file': file,
                })
    # Paths of jcphuff.c no ordinary source reaches, progressive only: the correction-bit limit, and an EOB run of
    # 0x7FFF blocks (a flat 1456x1456 grey image: 33124 blocks with no AC at all; its pixels are a constant, given
    # as `fill` instead of an input file).
    special = [('refine-64x64-L', refinement_heavy(rng), 100), ('flat-1456x1456-L', Image.new('L', (1456, 1456), 77), 75)]
    for name, im, quality in special:
        input_file = None
        if im.getextrema()[0] != im.getextrema()[1]:
            input_file = f'inputs/{name}.gray'
            with open(os.path.join(OUT, input_file), 'wb') as f:
                f.write(im.tobytes())
        buf = io.BytesIO()
        im.save(buf, 'JPEG', quality=quality, subsampling='4:4:4', progressive=True)
        file = f'out/{name}-q{quality}-444-progressive.jpg'
        with open(os.path.join(OUT, file), 'wb') as f:
            f.write(buf.getvalue())
        case = {'input': input_file, 'width': im.width, 'height': im.height, 'mode': im.mode, 'quality': quality,
                'subsampling': '4:4:4', 'progressive': True, 'file': file}
        if input_file is None:
            case['fill'] = im.getextrema()[0]
        cases.append(case)

    index = {
        'generator': 'scripts/gen-jpeg-encode-fixtures.py',
        'pillow': PIL.__version__,
        'libjpeg': features.version('jpg'),
        'libjpeg_turbo': features.version_feature('libjpeg_turbo'),
        'cases': cases,
    }
    with open(os.path.join(OUT, 'index.json'), 'w') as f:
        json.dump(index, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
