#!/usr/bin/python3
"""Builds the synthetic GIF fixtures and the Pillow 9.4 oracle for tests/formats/gif.

    /usr/bin/python3 scripts/gen-gif-fixtures.py

Run once; its outputs are committed (npm test never runs Python). Seeded, so a rerun writes the same bytes.
- tests/fixtures/gif/synthetic/*.gif: hand-built files for the corners of Pillow 9.4's GIF reader (written by the
  small LZW writer below, or by Pillow's own GIF writer).
- tests/fixtures/gif/oracle.json: for every file in pillow/, image-gif/ and synthetic/, what Pillow 9.4 makes of the first
  frame: size, mode, info['transparency'], n_frames, sha256 of tobytes() and of convert('RGBA').tobytes(), and
  for small frames the indices and palette themselves; or the error Pillow raises.
"""
import base64
import hashlib
import io
import json
import os
import re
import struct
import sys

import numpy as np
import PIL
from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "gif")
SYN = os.path.join(ROOT, "synthetic")
rng = np.random.default_rng(20261206)


def lzw_codes(indices, min_code_size, clear_when_full=True):
    """Standard GIF LZW (GIF89a Appendix F): returns a list of (code, width) pairs."""
    clear, end = 1 << min_code_size, (1 << min_code_size) + 1
    out = [(clear, min_code_size + 1)]
    table = {(i,): i for i in range(clear)}
    nxt, size = end + 1, min_code_size + 1
    cur = ()
    for v in indices:
        cand = cur + (int(v),)
        if cand in table:
            cur = cand
            continue
        out.append((table[cur], size))
        if nxt < 4096:
            table[cand] = nxt
            nxt += 1
            if nxt > (1 << size) and size < 12:
                size += 1
        elif clear_when_full:
            out.append((clear, size))
            table = {(i,): i for i in range(clear)}
            nxt, size = end + 1, min_code_size + 1
        cur = (int(v),)
    if cur:
        out.append((table[cur], size))
    out.append((end, size))
    return out


def pack(codes):
    """Packs (code, width) pairs LSB first and cuts them into sub-blocks with a terminator."""
    acc, n, data = 0, 0, bytearray()
    for code, width in codes:
        acc |= code << n
        n += width
        while n >= 8:
            data.append(acc & 255)
            acc >>= 8
            n -= 8
    if n:
        data.append(acc & 255)
    return sub_blocks(bytes(data))


def sub_blocks(data, terminate=True):
    out = bytearray()
    for i in range(0, len(data), 255):
        chunk = data[i:i + 255]
        out += bytes([len(chunk)]) + chunk
    if terminate:
        out.append(0)
    return bytes(out)


def screen(w, h, table=None, bg=0, version=b"GIF89a"):
    flags = 0
    if table is not None:
        bits = max(1, (len(table) // 3 - 1).bit_length())
        table = table + bytes(3 * (1 << bits) - len(table))
        flags = 0x80 | (bits - 1)
    return version + struct.pack("<HHBBB", w, h, flags, bg, 0) + (table or b"")


def gce(transparent=None, flags_extra=0):
    flags = flags_extra | (1 if transparent is not None else 0)
    return b"\x21\xf9\x04" + bytes([flags, 0, 0, transparent or 0, 0])


def descriptor(x, y, w, h, table=None, interlace=False):
    flags = 0x40 if interlace else 0
    if table is not None:
        bits = max(1, (len(table) // 3 - 1).bit_length())
        table = table + bytes(3 * (1 << bits) - len(table))
        flags |= 0x80 | (bits - 1)
    return b"\x2c" + struct.pack("<HHHHB", x, y, w, h, flags) + (table or b"")


def image(indices, min_code_size, **kw):
    return bytes([min_code_size]) + pack(lzw_codes(indices, min_code_size, **kw))


def interlace_rows(a):
    """Rows in GIF interlaced order (GIF89a Appendix E)."""
    h = a.shape[0]
    order = list(range(0, h, 8)) + list(range(4, h, 8)) + list(range(2, h, 4)) + list(range(1, h, 2))
    return a[order]


def colours(n):
    return bytes(rng.integers(0, 256, 3 * n, dtype=np.uint8))


def grey_ramp(n):
    return bytes(v for i in range(n) for v in (i, i, i))


def synthetic():
    files = {}
    a = rng.integers(0, 4, (3, 5), dtype=np.uint8)
    files["local_table_only.gif"] = screen(5, 3) + descriptor(0, 0, 5, 3, colours(4)) + image(a.ravel(), 2) + b";"
    # Frame reaching past a 4x4 screen: the screen grows to 7x6; outside pixels take the transparent index 3.
    a = rng.integers(0, 4, (5, 5), dtype=np.uint8)
    files["frame_past_screen_transparent.gif"] = (
        screen(4, 4, colours(4)) + gce(3) + descriptor(2, 1, 5, 5) + image(a.ravel(), 2) + b";")
    a = rng.integers(0, 8, (2, 3), dtype=np.uint8)
    files["frame_inside_screen.gif"] = screen(6, 5, colours(8)) + descriptor(1, 2, 3, 2) + image(a.ravel(), 3) + b";"
    files["screen_0x0_frame_3x2.gif"] = screen(0, 0, colours(4)) + descriptor(0, 0, 3, 2) + image(a.ravel() % 4, 2) + b";"
    a = rng.integers(0, 4, (4, 4), dtype=np.uint8)
    files["grey_ramp_global.gif"] = screen(4, 4, grey_ramp(4)) + descriptor(0, 0, 4, 4) + image(a.ravel(), 2) + b";"
    files["grey_ramp_global_transparent.gif"] = (
        screen(4, 4, grey_ramp(4)) + gce(2) + descriptor(1, 1, 3, 3) + image(a[:3, :3].ravel(), 2) + b";")
    files["grey_ramp_local_colour_global.gif"] = (
        screen(4, 4, colours(4)) + descriptor(0, 0, 4, 4, grey_ramp(4)) + image(a.ravel(), 2) + b";")
    files["no_table.gif"] = screen(4, 4) + descriptor(0, 0, 4, 4) + image(a.ravel() * 60, 8) + b";"
    b = rng.integers(0, 8, (3, 4), dtype=np.uint8)
    files["transparent_past_table.gif"] = screen(4, 3, colours(2)) + gce(7) + descriptor(0, 0, 4, 3) + image(b.ravel(), 3) + b";"
    for h in (1, 2, 3, 5, 9, 17):
        a = rng.integers(0, 16, (h, 3), dtype=np.uint8)
        files["interlaced_h%d.gif" % h] = (
            screen(3, h, colours(16)) + descriptor(0, 0, 3, h, interlace=True) + image(interlace_rows(a).ravel(), 4) + b";")
    # Two GCEs: the second has no transparency flag; Pillow keeps the first one's index.
    a = rng.integers(0, 4, (2, 2), dtype=np.uint8)
    files["two_gce.gif"] = screen(3, 3, colours(4)) + gce(1) + gce(None) + descriptor(0, 0, 2, 2) + image(a.ravel(), 2) + b";"
    # Stray bytes before the descriptor are skipped.
    files["stray_bytes.gif"] = screen(2, 2, colours(4)) + b"\x00\x07\x99" + descriptor(0, 0, 2, 2) + image(a.ravel(), 2) + b";"
    # An extension whose first sub-block is the terminator: Pillow reads one more run of sub-blocks after it.
    files["empty_extension_quirk.gif"] = (
        screen(2, 2, colours(4)) + b"\x21\x01\x00" + b"\x03abc\x00" + descriptor(0, 0, 2, 2) + image(a.ravel(), 2) + b";")
    files["netscape_no_loop_block.gif"] = (
        screen(2, 2, colours(4)) + b"\x21\xff\x0bNETSCAPE2.0\x00" + descriptor(0, 0, 2, 2) + image(a.ravel(), 2) + b";")
    files["netscape_loop.gif"] = (
        screen(2, 2, colours(4)) + b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00" + descriptor(0, 0, 2, 2)
        + image(a.ravel(), 2) + descriptor(0, 0, 2, 2) + image(a.ravel()[::-1], 2) + b";")
    files["gce_too_short.gif"] = screen(2, 2, colours(4)) + b"\x21\xf9\x02\x01\x00\x00" + descriptor(0, 0, 2, 2) + image(a.ravel(), 2) + b";"
    # Pillow's decoder takes a tile with x0 == x1 == 0 as the whole image (decode.c _setimage).
    files["zero_width_frame_left1.gif"] = screen(2, 2, colours(4)) + descriptor(1, 0, 0, 2) + image(a.ravel(), 2) + b";"
    files["zero_width_frame_top1.gif"] = screen(2, 3, colours(4)) + descriptor(0, 1, 0, 1) + image(np.resize(a, 6), 2) + b";"
    files["zero_height_frame.gif"] = screen(2, 2, colours(4)) + descriptor(0, 0, 2, 0) + image(a.ravel(), 2) + b";"
    files["zero_width_frame.gif"] = screen(2, 2, colours(4)) + descriptor(0, 0, 0, 2) + image(a.ravel(), 2) + b";"
    files["no_image.gif"] = screen(2, 2, colours(4)) + b";"
    # LZW corners.
    big = rng.integers(0, 256, (64, 64), dtype=np.uint8)
    files["noise_256_clear_when_full.gif"] = screen(64, 64, colours(256)) + descriptor(0, 0, 64, 64) + image(big.ravel(), 8) + b";"
    files["noise_256_deferred_clear.gif"] = (
        screen(64, 64, colours(256)) + descriptor(0, 0, 64, 64) + image(big.ravel(), 8, clear_when_full=False) + b";")
    runs = np.repeat(rng.integers(0, 4, 40, dtype=np.uint8), rng.integers(1, 30, 40))[:30 * 20]
    runs = np.resize(runs, 30 * 20)
    files["runs_kwkwk.gif"] = screen(30, 20, colours(4)) + descriptor(0, 0, 30, 20) + image(runs, 2) + b";"
    a = rng.integers(0, 4, (4, 4), dtype=np.uint8)
    full = image(a.ravel(), 2)
    files["truncated_in_data.gif"] = (screen(4, 4, colours(4)) + descriptor(0, 0, 4, 4) + full)[:-3]
    # End code after 8 of 16 pixels: Pillow reads on after it, runs out of file, and refuses.
    codes = lzw_codes(a.ravel()[:8], 2)
    files["early_end_code.gif"] = screen(4, 4, colours(4)) + descriptor(0, 0, 4, 4) + b"\x02" + pack(codes) + b";"
    # The same, followed by more than 64 KiB: Pillow's next read succeeds and decoding carries on after the end code.
    # (The end code is inserted among the codes of the whole frame: the decoder's state goes on unchanged after it.)
    whole = lzw_codes(a.ravel(), 2)
    codes = whole[:5] + [(5, whole[5][1])] + whole[5:]
    filler = b"\x21\xfe" + sub_blocks(bytes(rng.integers(0, 256, 70000, dtype=np.uint8)))
    files["end_code_then_64k.gif"] = screen(4, 4, colours(4)) + descriptor(0, 0, 4, 4) + b"\x02" + pack(codes) + filler + b";"
    files["end_code_then_64k_short.gif"] = (
        screen(4, 4, colours(4)) + descriptor(0, 0, 4, 4) + b"\x02" + pack(codes) + filler[:1000] + b";")
    files["code_beyond_next.gif"] = (
        screen(4, 4, colours(4)) + descriptor(0, 0, 4, 4) + b"\x02" + pack([(4, 3), (1, 3), (7, 3), (5, 3)]) + b";")
    files["first_code_not_literal.gif"] = (
        screen(4, 4, colours(4)) + descriptor(0, 0, 4, 4) + b"\x02" + pack([(4, 3), (6, 3), (5, 3)]) + b";")
    files["min_code_size_13.gif"] = screen(2, 2, colours(4)) + descriptor(0, 0, 2, 2) + b"\x0d\x02\x00\x00\x00;"
    lit = rng.integers(0, 4096, 4)
    files["min_code_size_12.gif"] = (
        screen(2, 2, colours(256)) + descriptor(0, 0, 2, 2) + b"\x0c"
        + pack([(4096, 13)] + [(int(v), 13) for v in lit] + [(4097, 13)]) + b";")
    files["min_code_size_1.gif"] = (
        screen(3, 2, colours(2)) + descriptor(0, 0, 3, 2) + b"\x01"
        + pack([(2, 2), (1, 2), (0, 2), (1, 2), (2, 2), (0, 2), (0, 2), (1, 2), (3, 2)]) + b";")
    files["clear_clear.gif"] = (
        screen(2, 2, colours(4)) + descriptor(0, 0, 2, 2) + b"\x02"
        + pack([(4, 3), (4, 3), (1, 3), (4, 3), (2, 3), (3, 3), (6, 3), (5, 3)]) + b";")
    # Data runs past its terminator into the next frame (too few codes): Pillow decodes on into those bytes.
    a2 = rng.integers(0, 4, (2, 2), dtype=np.uint8)
    files["data_runs_into_next_frame.gif"] = (
        screen(2, 2, colours(4)) + descriptor(0, 0, 2, 2) + b"\x02" + pack([(4, 3), (1, 3)])
        + descriptor(0, 0, 2, 2) + image(a2.ravel(), 2) + b";")
    # Written by Pillow's own GIF writer (interlaced above 16 rows, optimised palettes).
    im = Image.fromarray(rng.integers(0, 200, (40, 33), dtype=np.uint8), "L").convert("P")
    buf = io.BytesIO()
    im.save(buf, "GIF")
    files["pillow_written_p.gif"] = buf.getvalue()
    im = Image.fromarray(rng.integers(0, 2, (20, 19), dtype=np.uint8) * 255, "L").convert("1")
    buf = io.BytesIO()
    im.save(buf, "GIF")
    files["pillow_written_1.gif"] = buf.getvalue()
    im = Image.fromarray(rng.integers(0, 256, (18, 21), dtype=np.uint8), "L")
    buf = io.BytesIO()
    im.save(buf, "GIF", transparency=7)
    files["pillow_written_l_transparency.gif"] = buf.getvalue()
    return files


def oracle(path):
    return oracle_of(open(path, "rb").read())


def oracle_of(data, frames=True):
    entry = {}
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            # core_mode: the mode of the loaded core image, which convert() works from; Pillow 9.4 reports L yet
            # holds P (with the global table) when the first frame's local table is a grey ramp.
            entry.update(ok=True, width=im.width, height=im.height, mode=im.mode, core_mode=im.im.mode,
                         transparency=im.info.get("transparency"))
            raw = im.tobytes()
            entry["sha256_tobytes"] = hashlib.sha256(raw).hexdigest()
            entry["sha256_rgba"] = hashlib.sha256(im.convert("RGBA").tobytes()).hexdigest()
            if im.width * im.height <= 4096:
                entry["indices_base64"] = base64.b64encode(raw).decode()
                if im.mode == "P":
                    entry["palette_rgb_base64"] = base64.b64encode(bytes(im.getpalette())).decode()
            if not frames:
                return entry
            try:
                entry["n_frames"] = im.n_frames
            except Exception as e:  # noqa: BLE001
                entry["n_frames"] = None
                entry["n_frames_error"] = "%s: %s" % (type(e).__name__, e)
    except Exception as e:  # noqa: BLE001
        # (The message names the BytesIO object by its address: dropped, so that reruns write the same file.)
        entry = {"ok": False, "error": re.sub(r" <_io.BytesIO object at 0x[0-9a-f]+>", "", "%s: %s" % (type(e).__name__, e))}
    return entry


def main():
    assert PIL.__version__ == "9.4.0", "the oracle is Pillow 9.4.0, not %s" % PIL.__version__
    os.makedirs(SYN, exist_ok=True)
    for name, data in synthetic().items():
        with open(os.path.join(SYN, name), "wb") as f:
            f.write(data)
    out = {}
    for sub in ("pillow", "image-gif", "synthetic"):
        for name in sorted(os.listdir(os.path.join(ROOT, sub))):
            if name.endswith(".gif"):
                out[sub + "/" + name] = oracle(os.path.join(ROOT, sub, name))
    with open(os.path.join(ROOT, "oracle.json"), "w") as f:
        json.dump({"generator": "scripts/gen-gif-fixtures.py", "pillow": PIL.__version__, "files": out}, f, indent=1)
        f.write("\n")
    # Hostile variants of small files: truncations and seeded single-byte changes, with Pillow's answer.
    variants = {}
    for name in ("synthetic/interlaced_h17.gif", "synthetic/runs_kwkwk.gif", "pillow/text_mono.gif",
                 "pillow/transparent_dispose.gif"):
        data = open(os.path.join(ROOT, name), "rb").read()
        # Every cut in the first 300 bytes (all the structure of these files), then every 7th.
        cases = [{"cut": n} for n in range(len(data)) if n < 300 or n % 7 == 0]
        for _ in range(400):
            at = int(rng.integers(0, len(data)))
            cases.append({"at": at, "value": int(rng.integers(0, 256))})
        for case in cases:
            if "cut" in case:
                mutated = data[:case["cut"]]
            else:
                mutated = bytearray(data)
                mutated[case["at"]] = case["value"]
                mutated = bytes(mutated)
            result = oracle_of(mutated, frames=False)
            result.pop("indices_base64", None)
            result.pop("palette_rgb_base64", None)
            for key in ("sha256_tobytes", "sha256_rgba"):  # 64 bits of each hash is plenty here, and half the size
                if key in result:
                    result[key] = result[key][:16]
            case.update(result)
        variants[name] = cases
    with open(os.path.join(ROOT, "oracle-variants.json"), "w") as f:
        json.dump({"generator": "scripts/gen-gif-fixtures.py", "pillow": PIL.__version__, "files": variants}, f)
        f.write("\n")
    ok = sum(1 for e in out.values() if e["ok"])
    print("%d files, %d opened by Pillow, %d refused" % (len(out), ok, len(out) - ok))


if __name__ == "__main__":
    sys.exit(main())
