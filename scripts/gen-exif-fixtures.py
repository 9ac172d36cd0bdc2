#!/usr/bin/python3
"""Builds the EXIF orientation fixtures and their Pillow 9.4 oracle for tests/formats/exif.

    /usr/bin/python3 scripts/gen-exif-fixtures.py

Run once; the outputs are committed (npm test never runs Python). Seeded: a rerun writes the same bytes.
- tests/fixtures/exif/generated/: tiny PNG (eXIf chunk), JPEG (APP1) and WebP (EXIF chunk) files written by Pillow
  with Orientation 1-8 (PNG), or with the prefix variants WebP writers use; PNGs with the text chunks getexif also
  reads ("Raw profile type exif", XMP in tEXt/iTXt, a tEXt "exif"), compressed or not, and their precedence.
- tests/fixtures/exif/oracle.json:
  files:      for each file in pillow/ and generated/, Image.open(f).getexif().get(0x0112) as exif_transpose
              would act on it (an int 1-8, else null, also when getexif raises);
  payloads:   crafted and randomly mutated EXIF payloads (hex) with what Image.Exif().load(p).get(0x0112) gives
              (an int 1-8 that exif_transpose's table matches, else null, also when Pillow raises);
  transposes: for orientations 1-8, the source index of every output pixel of ImageOps.exif_transpose on an
              I image holding its own pixel indices, and the exact tobytes() of transposed mode 1 and I;16 images.
"""
import io
import json
import os
import struct
import sys
import zlib

import numpy as np
import PIL
from PIL import Image, ImageOps, PngImagePlugin

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "exif")
GEN = os.path.join(ROOT, "generated")
rng = np.random.default_rng(20261207)
METHODS = {2, 3, 4, 5, 6, 7, 8}


def as_orientation(value):
    """The value as exif_transpose's table sees it: dict membership by hash and equality, like Pillow does."""
    try:
        if value in METHODS or value == 1:
            return int(value)
    except TypeError:
        pass
    return None


def payload_oracle(payload):
    try:
        exif = Image.Exif()
        exif.load(payload)
        return as_orientation(exif.get(0x0112))
    except Exception:  # noqa: BLE001  a broken block is no orientation for pixtext
        return None


def ifd(entries, little=True, header=None, next_ifd=0, extra=b"", ifd_offset=8):
    e = "<" if little else ">"
    head = header if header is not None else ((b"II*\x00" if little else b"MM\x00*") + struct.pack(e + "I", ifd_offset))
    body = struct.pack(e + "H", len(entries))
    for tag, typ, count, value in entries:
        body += struct.pack(e + "HHI", tag, typ, count) + value
    return head + body + struct.pack(e + "I", next_ifd) + extra


def short(v, little=True):
    return struct.pack(("<" if little else ">") + "HH", v, 0)


def long_(v, little=True):
    return struct.pack(("<" if little else ">") + "I", v)


def crafted():
    c = {}
    for o in range(0, 10):
        c["le_short_%d" % o] = ifd([(0x0112, 3, 1, short(o))])
        c["be_short_%d" % o] = ifd([(0x0112, 3, 1, short(o, False))], little=False)
    c["with_prefix"] = b"Exif\x00\x00" + ifd([(0x0112, 3, 1, short(6))])
    c["prefix_exif0_only"] = b"Exif\x00" + ifd([(0x0112, 3, 1, short(6))])
    c["double_prefix"] = b"Exif\x00\x00Exif\x00\x00" + ifd([(0x0112, 3, 1, short(6))])
    c["long"] = ifd([(0x0112, 4, 1, long_(8))])
    c["sshort"] = ifd([(0x0112, 8, 1, short(3))])
    c["slong"] = ifd([(0x0112, 9, 1, long_(5))])
    c["sbyte"] = ifd([(0x0112, 6, 1, b"\x07\x00\x00\x00")])
    c["byte"] = ifd([(0x0112, 1, 1, b"\x06\x00\x00\x00")])
    c["undefined"] = ifd([(0x0112, 7, 1, b"\x06\x00\x00\x00")])
    c["ascii"] = ifd([(0x0112, 2, 2, b"6\x00\x00\x00")])
    c["rational_12_2"] = ifd([(0x0112, 5, 1, long_(26))], extra=struct.pack("<II", 12, 2))
    c["rational_den_0"] = ifd([(0x0112, 5, 1, long_(26))], extra=struct.pack("<II", 6, 0))
    c["float_6"] = ifd([(0x0112, 11, 1, struct.pack("<f", 6.0))])
    c["float_6_5"] = ifd([(0x0112, 11, 1, struct.pack("<f", 6.5))])
    c["double_3"] = ifd([(0x0112, 12, 1, long_(26))], extra=struct.pack("<d", 3.0))
    c["count_2_first"] = ifd([(0x0112, 3, 2, struct.pack("<HH", 7, 2))])
    c["count_0"] = ifd([(0x0112, 3, 0, short(6))])
    c["duplicate_last_wins"] = ifd([(0x0112, 3, 1, short(6)), (0x0112, 3, 1, short(3))])
    c["duplicate_last_ascii"] = ifd([(0x0112, 3, 1, short(6)), (0x0112, 2, 2, b"3\x00\x00\x00")])
    c["unknown_type_skipped"] = ifd([(0x010f, 99, 5, long_(0)), (0x0112, 3, 1, short(6))])
    c["unknown_type_orientation"] = ifd([(0x0112, 99, 1, short(6))])
    c["bad_offset_before"] = ifd([(0x010f, 2, 100, long_(5000)), (0x0112, 3, 1, short(6))])
    c["bad_offset_after"] = ifd([(0x0112, 3, 1, short(6)), (0x010f, 2, 100, long_(5000))])
    c["huge_count_before"] = ifd([(0x010f, 4, 0xFFFFFFFF, long_(8)), (0x0112, 3, 1, short(6))])
    full = ifd([(0x0100, 3, 1, short(10)), (0x0112, 3, 1, short(8)), (0x0101, 3, 1, short(10))])
    c["cut_after_orientation"] = full[:8 + 2 + 24 + 5]
    c["cut_in_orientation"] = full[:8 + 2 + 12 + 6]
    c["cut_header"] = full[:7]
    c["ifd_offset_past_end"] = ifd([(0x0112, 3, 1, short(6))], ifd_offset=4000)
    c["ifd_offset_odd_place"] = b"II*\x00" + long_(11) + b"xyz" + ifd([(0x0112, 3, 1, short(2))])[8:]
    c["ifd_loop_next_points_back"] = ifd([(0x0112, 3, 1, short(4))], next_ifd=8)
    c["swapped_header_le"] = ifd([(0x0112, 3, 1, short(6))], header=b"II\x00*" + long_(8))
    c["swapped_header_be"] = ifd([(0x0112, 3, 1, short(6, False))], little=False, header=b"MM*\x00" + struct.pack(">I", 8))
    c["bigtiff"] = b"II+\x00\x08\x00\x00\x00" + bytes(16)
    c["not_tiff"] = b"JFIF\x00\x00\x00\x08" + bytes(20)
    c["empty"] = b""
    c["only_prefix"] = b"Exif\x00\x00"
    base = c["be_short_6"] + b"\x00" * 4
    for n in range(300):
        m = bytearray(base)
        for _ in range(int(rng.integers(1, 4))):
            m[int(rng.integers(0, len(m)))] = int(rng.integers(0, 256))
        c["mutated_%03d" % n] = bytes(m)
    for n in range(100):
        c["random_%03d" % n] = bytes(rng.integers(0, 256, int(rng.integers(0, 60)), dtype=np.uint8))
    return c


def png_chunk(cid, data):
    return struct.pack(">I", len(data)) + cid + data + struct.pack(">I", zlib.crc32(cid + data) & 0xFFFFFFFF)


def exif_bytes(orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "pixtext"
    return exif.tobytes()


def generated():
    files = {}
    im = Image.fromarray(rng.integers(0, 256, (2, 3, 3), dtype=np.uint8), "RGB")
    for o in range(1, 9):
        buf = io.BytesIO()
        im.save(buf, "PNG", exif=exif_bytes(o))
        files["png_orientation_%d.png" % o] = buf.getvalue()
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif_bytes(6), quality=90)
    files["jpeg_orientation_6.jpg"] = buf.getvalue()
    buf = io.BytesIO()
    im.save(buf, "WEBP", exif=exif_bytes(7), lossless=True)
    files["webp_orientation_7.webp"] = buf.getvalue()
    buf = io.BytesIO()
    im.save(buf, "WEBP", exif=exif_bytes(5)[6:], lossless=True)  # EXIF chunk without the "Exif\0\0" prefix
    files["webp_orientation_5_no_prefix.webp"] = buf.getvalue()
    buf = io.BytesIO()
    im.save(buf, "PNG")
    files["png_no_exif.png"] = buf.getvalue()

    # Text chunks Pillow's getexif also reads (ImageMagick's raw profile, XMP), and their precedence.
    def png(name, *chunks, exif=None):
        info = PngImagePlugin.PngInfo()
        for kind, key, value, zip_ in chunks:
            if kind == "text":
                info.add_text(key, value, zip=zip_)
            elif kind == "itxt":
                info.add_itxt(key, value, zip=zip_)
        buf = io.BytesIO()
        im.save(buf, "PNG", pnginfo=info, **({} if exif is None else {"exif": exif}))
        files[name] = buf.getvalue()

    def raw_profile(data):
        text = data.hex()
        return "\nexif\n%8d\n" % len(data) + "\n".join(text[i:i + 72] for i in range(0, len(text), 72)) + "\n"

    def xmp(o, element=False):
        tag = "<tiff:Orientation>%d</tiff:Orientation>" % o if element else 'tiff:Orientation="%d"' % o
        return '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description %s/></x:xmpmeta>' % tag

    no_orientation = Image.Exif()
    no_orientation[0x010F] = "pixtext"
    with_zero = Image.Exif()
    with_zero[0x0112] = 0
    png("png_raw_profile_6.png", ("text", "Raw profile type exif", raw_profile(exif_bytes(6)), False))
    png("png_raw_profile_bad_hex.png", ("text", "Raw profile type exif", "\nexif\n 8\n4x", False))
    png("png_raw_profile_ztxt_2.png", ("text", "Raw profile type exif", raw_profile(exif_bytes(2)), True))
    png("png_itxt_xmp_8.png", ("itxt", "XML:com.adobe.xmp", xmp(8), False))
    png("png_itxt_xmp_compressed_6.png", ("itxt", "XML:com.adobe.xmp", xmp(6), True))
    png("png_text_xmp_element_5.png", ("text", "XML:com.adobe.xmp", xmp(5, True), False))
    png("png_xmp_9.png", ("itxt", "XML:com.adobe.xmp", xmp(9), False))
    png("png_exif_without_orientation_xmp_7.png", ("itxt", "XML:com.adobe.xmp", xmp(7), False), exif=no_orientation.tobytes())
    png("png_exif_3_xmp_7.png", ("itxt", "XML:com.adobe.xmp", xmp(7), False), exif=exif_bytes(3))
    png("png_exif_0_xmp_7.png", ("itxt", "XML:com.adobe.xmp", xmp(7), False), exif=with_zero.tobytes())
    png("png_text_exif_key_4.png", ("text", "exif", exif_bytes(4), False))
    png("png_itxt_exif_key.png", ("itxt", "exif", "not bytes", False), ("itxt", "XML:com.adobe.xmp", xmp(2), False))
    # Pillow's writer drops eXIf chunks given in pnginfo: these two are put in by hand, before IDAT and after it.
    plain = files["png_no_exif.png"]
    idat = plain.index(b"IDAT") - 4
    iend = plain.index(b"IEND") - 4
    files["png_two_exif_chunks_2_then_6.png"] = (
        plain[:idat] + png_chunk(b"eXIf", exif_bytes(2)[6:]) + plain[idat:iend] + png_chunk(b"eXIf", exif_bytes(6)[6:])
        + plain[iend:])
    def with_chunks(name, *chunks):
        files[name] = plain[:idat] + b"".join(png_chunk(cid, data) for cid, data in chunks) + plain[idat:]

    xmp4 = (b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + xmp(4).encode())
    with_chunks("png_ztxt_raw_profile_corrupt_xmp_4.png", (b"zTXt", b"Raw profile type exif\0\0x\x9c garbage"), xmp4)
    with_chunks("png_ztxt_raw_profile_cut_xmp_4.png",
                (b"zTXt", b"Raw profile type exif\0\0" + zlib.compress(raw_profile(exif_bytes(5)).encode())[:-30]), xmp4)
    with_chunks("png_ztxt_exif_key_xmp_4.png", (b"zTXt", b"exif\0\0" + zlib.compress(exif_bytes(6))), xmp4)
    with_chunks("png_itxt_compressed_corrupt_xmp.png", (b"iTXt", b"XML:com.adobe.xmp\0\1\0\0\0x\x9cbad"))
    png("png_raw_profile_4_and_exif_8.png", ("text", "Raw profile type exif", raw_profile(exif_bytes(4)), False),
        exif=exif_bytes(8))
    return files


def transposes():
    out = []
    for (w, h) in ((5, 3), (1, 4), (4, 1), (3, 3)):
        idx = Image.fromarray(np.arange(w * h, dtype=np.int32).reshape(h, w), "I")
        for o in range(1, 9):
            im = idx.copy()
            im.getexif()[0x0112] = o
            t = ImageOps.exif_transpose(im)
            out.append({"kind": "index", "width": w, "height": h, "orientation": o, "out_width": t.width,
                        "out_height": t.height, "source": np.asarray(t).ravel().tolist()})
    bits = Image.fromarray(rng.integers(0, 2, (3, 11), dtype=np.uint8).astype(bool))
    wide = Image.frombytes("I;16", (3, 2), bytes(rng.integers(0, 256, 12, dtype=np.uint8)))
    column = Image.fromarray(rng.integers(0, 2, (5, 1), dtype=np.uint8).astype(bool))
    row = Image.fromarray(rng.integers(0, 2, (1, 5), dtype=np.uint8).astype(bool))
    for name, im in (("1", bits), ("I;16", wide), ("1", column), ("1", row)):
        for o in range(1, 9):
            src = im.copy()
            src.getexif()[0x0112] = o
            t = ImageOps.exif_transpose(src)
            out.append({"kind": "bytes", "mode": name, "width": im.width, "height": im.height, "orientation": o,
                        "in_hex": im.tobytes().hex(), "out_width": t.width, "out_height": t.height,
                        "out_hex": t.tobytes().hex()})
    return out


def main():
    assert PIL.__version__ == "9.4.0", "the oracle is Pillow 9.4.0, not %s" % PIL.__version__
    os.makedirs(GEN, exist_ok=True)
    for name, data in generated().items():
        with open(os.path.join(GEN, name), "wb") as f:
            f.write(data)
    files = {}
    for sub in ("pillow", "generated"):
        for name in sorted(os.listdir(os.path.join(ROOT, sub))):
            with Image.open(os.path.join(ROOT, sub, name)) as im:
                try:
                    files[sub + "/" + name] = as_orientation(im.getexif().get(0x0112))
                except Exception:  # noqa: BLE001  getexif raises: no orientation for pixtext
                    files[sub + "/" + name] = None
    payloads = {name: {"hex": p.hex(), "orientation": payload_oracle(p)} for name, p in crafted().items()}
    with open(os.path.join(ROOT, "oracle.json"), "w") as f:
        json.dump({"generator": "scripts/gen-exif-fixtures.py", "pillow": PIL.__version__, "files": files,
                   "payloads": payloads, "transposes": transposes()}, f, indent=1)
        f.write("\n")
    print("%d files, %d payloads" % (len(files), len(payloads)))


if __name__ == "__main__":
    sys.exit(main())
