#!/usr/bin/python3
"""Checks GIFs written by pixtext against Pillow 9.4, the way the shared corpus's roundtrip_check.py checks
PNG/BMP/JPEG (that script knows no GIF: it reports "unknown format 'gif'"). Same list format.

    node scripts/write-gif-roundtrip.mjs tests/fixtures/gif/ours
    /usr/bin/python3 scripts/check-gif-roundtrip.py tests/fixtures/gif/ours tests/fixtures/gif/ours/list.json

PASS: Pillow identifies the file as GIF, opens and loads it with no warning, the size matches, and
sha256(im.convert('RGBA').tobytes()) == sha256_of_raw_rgba; also the file is one GIF89a image with a trailer and
nothing after it. Exit status 0 when nothing failed. The verdict per file (PASS or the problems, and the mode Pillow
reads) is written to FOLDER/pillow.json, which is committed with the files.
"""
import hashlib
import io
import json
import os
import sys
import warnings

import PIL
from PIL import Image, ImageFile


def check(folder, entry):
    problems = []
    data = open(os.path.join(folder, entry["file"]), "rb").read()
    if data[:6] != b"GIF89a":
        problems.append("does not start with GIF89a")
    if data[-1:] != b";":
        problems.append("does not end with the trailer")
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with Image.open(io.BytesIO(data)) as im:
                im.load()
                fmt, mode, size, frames = im.format, im.mode, im.size, im.n_frames
                rgba = im.convert("RGBA").tobytes()
        except Exception as e:  # noqa: BLE001
            return ["Pillow cannot read it: %s: %s" % (type(e).__name__, e)], None
    problems += ["Pillow warning: %s" % w.message for w in caught]
    if fmt != "GIF":
        problems.append("Pillow identifies it as %s" % fmt)
    if list(size) != [entry["width"], entry["height"]]:
        problems.append("size %s, expected %sx%s" % (size, entry["width"], entry["height"]))
    if frames != 1:
        problems.append("%d frames" % frames)
    if hashlib.sha256(rgba).hexdigest() != entry["sha256_of_raw_rgba"]:
        problems.append("Pillow's RGBA differs from the source pixels")
    return problems, mode


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    folder, list_path = sys.argv[1], sys.argv[2]
    entries = json.load(open(list_path))
    failed = 0
    verdicts = {}
    for entry in entries:
        problems, mode = check(folder, entry)
        failed += bool(problems)
        verdicts[entry["file"]] = {"pass": not problems, "problems": problems, "pillowMode": mode}
        print("%-5s %-36s written %-2s Pillow reads %s" % ("FAIL" if problems else "PASS", entry["file"], entry["mode"], mode))
        for p in problems:
            print("      - " + p)
    print("summary: PASS=%d FAIL=%d (of %d)" % (len(entries) - failed, failed, len(entries)))
    with open(os.path.join(folder, "pillow.json"), "w") as f:
        json.dump({"checker": "scripts/check-gif-roundtrip.py", "pillow": PIL.__version__, "files": verdicts}, f, indent=1, sort_keys=True)
        f.write("\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
