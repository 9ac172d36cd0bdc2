#!/usr/bin/env python3
"""Oracles for JPEG draft (DCT-scaled) decoding: Pillow's `im.draft('RGB', (w, h)); im.load()` pixels.

Needs Pillow 9.4 on libjpeg-turbo 2.1.5 (Debian 12's python3-pil, run with /usr/bin/python3), the corpus oracle.
For each file below and each scale 1/2, 1/4, 1/8 it asks for a size (seeded random, so the script always writes the
same files) that makes Pillow pick exactly that scale, and writes to tests/fixtures/jpeg/draft/:
  <stem>.1-<scale>.raw  Pillow's pixels after draft(), row-major, in Pillow's mode (L: 1 byte, RGB: 3; CMYK files
                        are converted to RGB as pixtext decodes them)
  manifest.json         for each: file, request [w, h], scale, width, height, mode, reference
Usage: /usr/bin/python3 scripts/gen-jpeg-draft-fixtures.py
"""
import json
import os
import random

import PIL
from PIL import Image, features

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'jpeg')
OUT = os.path.join(ROOT, 'draft')
FILES = [
    ('generated/pil_testorig_q95_444.jpg', '4:4:4'),
    ('generated/pil_testorig_q95_420.jpg', '4:2:0'),
    ('generated/pil_testorig_q95_422.jpg', '4:2:2'),
    ('generated/im_testorig_q90_411.jpg', '4:1:1'),
    ('generated/pil_testorig_q90_gray.jpg', 'grey'),
    ('generated/pil_testorig_q90_420_progressive.jpg', '4:2:0 progressive'),
    ('generated/im_testorig_q90_cmyk.jpg', 'YCCK (Adobe)'),
]
SCALES = [2, 4, 8]


def pillow_scale(size, request):
    """JpegImageFile.draft's choice (Pillow 9.4)."""
    ratio = min(size[0] // request[0], size[1] // request[1])
    for s in [8, 4, 2, 1]:
        if ratio >= s:
            return s
    return 1


def main():
    assert PIL.__version__ == '9.4.0', f'Pillow {PIL.__version__}: the oracle is Pillow 9.4.0'
    assert features.version('libjpeg_turbo') == '2.1.5', features.version('libjpeg_turbo')
    rng = random.Random(20240917)
    os.makedirs(OUT, exist_ok=True)
    entries = []
    for file, sampling in FILES:
        stem = os.path.splitext(os.path.basename(file))[0]
        for scale in SCALES:
            with Image.open(os.path.join(ROOT, file)) as im:
                width, height = im.size
                # A request between the scaled size and just over half of it: Pillow picks exactly `scale`.
                while True:
                    request = (rng.randint(max(1, width // (2 * scale) + 1), width // scale),
                               rng.randint(max(1, height // (2 * scale) + 1), height // scale))
                    if pillow_scale(im.size, request) == scale:
                        break
                im.draft('RGB', request)
                im.load()
                out = im if im.mode in ('L', 'RGB') else im.convert('RGB')
                name = f'{stem}.1-{scale}.raw'
                with open(os.path.join(OUT, name), 'wb') as fh:
                    fh.write(out.tobytes())
                entries.append({'file': file, 'sampling': sampling, 'request': list(request), 'scale': scale,
                                'width': out.size[0], 'height': out.size[1], 'mode': out.mode, 'reference': f'draft/{name}'})
    with open(os.path.join(OUT, 'manifest.json'), 'w') as fh:
        json.dump({'oracle': 'Pillow 9.4.0 on libjpeg-turbo 2.1.5: draft(\'RGB\', request); load()', 'files': entries}, fh, indent=1)
        fh.write('\n')


if __name__ == '__main__':
    main()
