"""Reads a JSONL dataset written by `pixtext encode <folder> --jsonl --encoding original` with the Python companion
(python/pixtext.py) and checks it against the folder it was made from: every line names a source file
(metadata.path) exactly once, carries that file's bytes unchanged (SHA-256), and decodes with the companion to an
array of the declared size and mode; 16-bit colour PNG files, which Pillow reads as 8 bits, must be refused with
ERR_UNSUPPORTED instead. The pixels themselves are checked against oracles in python/test_pixtext.py.

Usage: /usr/bin/python3 python/check_jsonl.py <dataset.jsonl> <source-folder> [--formats png,jpeg,...]
Prints one line per check and ends with "N passed, N failed"; exits 1 when any check failed.
"""

import argparse
import base64
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_report import check, check_rows, results, source_digests  # noqa: E402
from pixtext import MODES, PixtextError, decode_envelope  # noqa: E402  the companion under check

PILLOW_8_BIT_ONLY = ("LA16", "RGB16", "RGBA16")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("jsonl")
    parser.add_argument("folder")
    parser.add_argument("--formats", default="", help="comma-separated envelope encodings the lines must include")
    args = parser.parse_args()
    expected = source_digests(args.folder)

    rows, failed, wrong_shape, refused, encodings = [], [], [], [], set()
    with open(args.jsonl) as f:
        for number, line in enumerate(f, 1):
            fields = json.loads(line)
            path = (fields.get("metadata") or {}).get("path")
            rows.append((path, base64.b64decode(fields["data"])))
            encodings.add(fields["encoding"])
            try:
                array, mode = decode_envelope(line)
            except PixtextError as error:
                if error.code == "ERR_UNSUPPORTED" and fields["encoding"] == "png" and fields["mode"] in PILLOW_8_BIT_ONLY:
                    refused.append(path)
                else:
                    failed.append("line %d (%s): %s %s" % (number, path, error.code, error))
                continue
            channels = MODES[mode][0]
            shape = (fields["height"], fields["width"]) + (() if channels == 1 else (channels,))
            if mode != fields["mode"] or array.shape != shape or array.dtype != MODES[mode][1]:
                wrong_shape.append(path)
    check_rows("JSONL lines", rows, expected)
    check("every line decodes with python/pixtext.py (16-bit colour PNG: ERR_UNSUPPORTED)", not failed, "; ".join(failed[:3]))
    check("every decoded array has the declared size, mode and dtype", not wrong_shape, f"different: {wrong_shape[:5]}")
    if refused:
        print(f"note: {len(refused)} 16-bit colour PNG lines refused as documented (Pillow reads them as 8 bits)")
    if args.formats:
        wanted = set(args.formats.split(","))
        check(f"lines cover the encodings {','.join(sorted(wanted))}", wanted <= encodings, f"found only {sorted(encodings)}")
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
