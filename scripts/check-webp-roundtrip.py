#!/usr/bin/python3
"""Checks the WebP files pixtext's encoder wrote (tests/fixtures/webp/ours, by scripts/write-webp-roundtrip.mjs)
against Pillow 9.4 (libwebp 1.2.4). Run once; the result is recorded in tests/fixtures/webp/README.md.

    /usr/bin/python3 scripts/check-webp-roundtrip.py

PASS: Pillow opens and loads the file with no warning, as format WEBP, the size matches, the mode is RGB for L and
RGB sources and RGBA for LA and RGBA sources, and the pixels equal the source's (grey as R = G = B). Exit status 0
when nothing failed.
"""
import base64
import io
import json
import os
import sys
import warnings

from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "webp", "ours")


def main():
    sources = json.load(open(os.path.join(ROOT, "sources.json")))
    failed = 0
    for s in sources:
        src = Image.frombytes(s["mode"], (s["width"], s["height"]), base64.b64decode(s["data"]))
        want = src.convert("RGBA" if "A" in s["mode"] else "RGB")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with Image.open(os.path.join(ROOT, s["file"])) as im:
                im.load()
                ok = (
                    im.format == "WEBP"
                    and im.size == (s["width"], s["height"])
                    and im.mode == want.mode
                    and im.tobytes() == want.tobytes()
                    and not caught
                )
        if not ok:
            failed += 1
            print("FAIL", s["file"])
    print(f"{len(sources) - failed} of {len(sources)} pass (Pillow {Image.__version__ if hasattr(Image, '__version__') else ''})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
