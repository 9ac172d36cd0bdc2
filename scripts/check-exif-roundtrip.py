#!/usr/bin/python3
"""Reads the PNG, JPEG and WebP files pixtext wrote with an EXIF orientation (scripts/write-exif-roundtrip.mjs) with
Pillow 9.4 and records what it finds, once; the result is committed as DIR/pillow.json.

    node scripts/write-exif-roundtrip.mjs tests/fixtures/exif/written
    /usr/bin/python3 scripts/check-exif-roundtrip.py tests/fixtures/exif/written

For each file: Pillow's format, size and mode, Image.open(f).getexif().get(0x0112) (the tag Pillow reads), and
the size ImageOps.exif_transpose gives. Exit status 1 when a file's tag is not the N of its name written_oN.
"""
import json
import os
import re
import sys

import PIL
from PIL import Image, ImageOps

folder = sys.argv[1]
results = {}
failed = 0
for name in sorted(os.listdir(folder)):
    m = re.match(r"written_o(\d)\.(png|jpg|webp)$", name)
    if not m:
        continue
    im = Image.open(os.path.join(folder, name))
    im.load()
    tag = im.getexif().get(0x0112)
    turned = ImageOps.exif_transpose(im)
    results[name] = {"format": im.format, "size": list(im.size), "mode": im.mode, "orientation": tag, "transposedSize": list(turned.size)}
    if tag != int(m.group(1)):
        failed += 1
        print("FAIL %s: Pillow reads orientation %r" % (name, tag))
with open(os.path.join(folder, "pillow.json"), "w") as f:
    json.dump({"checker": "scripts/check-exif-roundtrip.py", "pillow": PIL.__version__, "files": results}, f, indent=1, sort_keys=True)
    f.write("\n")
print("%d files, %d failed" % (len(results), failed))
sys.exit(1 if failed else 0)
