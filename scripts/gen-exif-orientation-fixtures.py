#!/usr/bin/python3
"""Builds the orientation fixtures for `orientation: 'apply'` and their Pillow 9.4 oracle.

    /usr/bin/python3 scripts/gen-exif-orientation-fixtures.py

Run once; the outputs are committed (npm test never runs Python). Seeded: a rerun writes the same bytes.
- tests/fixtures/exif/orientation/: a 5x3 RGB photo-like noise image and a 3x2 L image saved by Pillow as JPEG
  (quality 95, APP1 Exif), PNG (eXIf chunk) and lossless WebP (EXIF chunk, RGB only: WebP has no grey) with
  Orientation 1-8: rgb_o{N}.jpg, rgb_o{N}.png, rgb_o{N}.webp, l_o{N}.png.
- tests/fixtures/exif/orientation/oracle.json: for each file, what Pillow 9.4 gives for
  ImageOps.exif_transpose(Image.open(f)): size, mode, tobytes() as hex, and the Orientation left in its getexif()
  (null when none is left), plus Image.open(f).getexif().get(0x0112) of the file itself.
"""
import io
import json
import os

import numpy as np
import PIL
from PIL import Image, ImageOps

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "exif", "orientation")
rng = np.random.default_rng(20261206)


def exif_bytes(orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif.tobytes()


def main():
    os.makedirs(OUT, exist_ok=True)
    rgb = Image.fromarray(rng.integers(0, 256, (3, 5, 3), dtype=np.uint8), "RGB")
    grey = Image.fromarray(rng.integers(0, 256, (2, 3), dtype=np.uint8), "L")
    files = {}
    for o in range(1, 9):
        for name, im, fmt, kw in (
            ("rgb_o%d.jpg" % o, rgb, "JPEG", {"quality": 95}),
            ("rgb_o%d.png" % o, rgb, "PNG", {}),
            ("l_o%d.png" % o, grey, "PNG", {}),
            ("rgb_o%d.webp" % o, rgb, "WEBP", {"lossless": True}),
        ):
            buf = io.BytesIO()
            im.save(buf, fmt, exif=exif_bytes(o), **kw)
            data = buf.getvalue()
            with open(os.path.join(OUT, name), "wb") as f:
                f.write(data)
            opened = Image.open(io.BytesIO(data))
            tag = opened.getexif().get(0x0112)
            out = ImageOps.exif_transpose(opened)
            files[name] = {
                "orientation": tag,
                "width": out.width,
                "height": out.height,
                "mode": out.mode,
                "hex": out.tobytes().hex(),
                "orientationAfter": out.getexif().get(0x0112),
            }
    oracle = {"generator": "scripts/gen-exif-orientation-fixtures.py", "pillow": PIL.__version__, "files": files}
    with open(os.path.join(OUT, "oracle.json"), "w") as f:
        json.dump(oracle, f, indent=1, sort_keys=True)
        f.write("\n")


main()
