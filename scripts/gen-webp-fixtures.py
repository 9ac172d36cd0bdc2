#!/usr/bin/python3
"""Builds the synthetic WebP fixtures and the Pillow 9.4 oracle for tests/formats/webp.

    /usr/bin/python3 scripts/gen-webp-fixtures.py

Run once; its outputs are committed (npm test never runs Python). Seeded, so a rerun writes the same bytes (libwebp
1.2.4's encoder is deterministic for a given input and options).
- tests/fixtures/webp/synthetic/*.webp: files written by Pillow 9.4 (libwebp 1.2.4): lossy at several qualities,
  methods and sizes (1x1, odd sizes), with and without alpha, lossless (photo-like, few colours for the colour
  indexing transform with pixel bundling, grey, alpha), animations; plus hand-built VP8X files whose ALPH chunk is
  raw (compression 0) with each of the four filters, written by the small builder below.
- tests/fixtures/webp/oracle.json: for every file in pillow/ and synthetic/, what Pillow 9.4 makes of it: size, mode,
  sha256 of convert('RGBA').tobytes() (and of tobytes()), or the error Pillow raises.
- tests/fixtures/webp/oracle-variants.json: Pillow 9.4's answer for truncations and seeded one-byte changes of a few
  small files.
"""
import hashlib
import io
import json
import os
import struct

import numpy as np
import PIL
from PIL import Image, features

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "webp")
SYN = os.path.join(ROOT, "synthetic")
rng = np.random.default_rng(20261206)

assert PIL.__version__ == "9.4.0", PIL.__version__
assert features.version("webp") == "1.2.4", features.version("webp")


def photo(w, h, seed):
    """A photo-like RGB image: smooth gradients, a few hard edges, some texture and noise (seeded)."""
    r = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.zeros((h, w, 3))
    for c in range(3):
        fx, fy, ph = r.uniform(0.5, 4.0), r.uniform(0.5, 4.0), r.uniform(0, 6.28)
        img[..., c] = 128 + 90 * np.sin(x / max(w, 1) * fx * 6.28 + ph) * np.cos(y / max(h, 1) * fy * 6.28)
    # hard-edged discs
    for _ in range(4):
        cx, cy, rad = r.uniform(0, w), r.uniform(0, h), r.uniform(0.1, 0.4) * max(w, h)
        mask = (x - cx) ** 2 + (y - cy) ** 2 < rad * rad
        img[mask] = r.uniform(0, 255, 3)
    img += r.normal(0, 12, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def alpha_plane(w, h, seed):
    r = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    a = 255 * (x / max(w - 1, 1)) * 0.6 + 255 * 0.4 * (np.sin(y / 5.0) > 0)
    a[r.uniform(0, 1, a.shape) < 0.05] = 0
    if w > 4 and h > 4:
        a[: h // 4, : w // 4] = 0
        a[-h // 4 :, -w // 4 :] = 255
    return np.clip(a, 0, 255).astype(np.uint8)


def save(name, im, **kw):
    buf = io.BytesIO()
    im.save(buf, "WEBP", **kw)
    with open(os.path.join(SYN, name), "wb") as f:
        f.write(buf.getvalue())
    return buf.getvalue()


def chunk(tag, payload):
    data = tag + struct.pack("<I", len(payload)) + payload
    return data + (b"\0" if len(payload) & 1 else b"")


def riff(chunks):
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def parse_chunks(data):
    out, pos = [], 12
    while pos + 8 <= len(data):
        tag, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        out.append((tag, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size & 1)
    return out


def filter_alpha(a, method):
    """WebP alpha filters (RFC 9649 section 5.2.1 / libwebp src/dsp/filters.c), forward direction."""
    a = a.astype(np.int32)
    h, w = a.shape
    out = np.zeros_like(a)
    for yy in range(h):
        for xx in range(w):
            if method == 0:
                pred = 0
            elif yy == 0 and xx == 0:
                pred = 0
            elif yy == 0:
                pred = a[0, xx - 1]
            elif xx == 0:
                pred = a[yy - 1, 0]
            elif method == 1:
                pred = a[yy, xx - 1]
            elif method == 2:
                pred = a[yy - 1, xx]
            else:
                pred = min(255, max(0, a[yy, xx - 1] + a[yy - 1, xx] - a[yy - 1, xx - 1]))
            out[yy, xx] = (a[yy, xx] - pred) & 0xFF
    return out.astype(np.uint8)


def raw_alpha_file(name, rgb, alpha, method, quality=70):
    """VP8X + ALPH (compression 0, filter `method`) + the VP8 chunk of Pillow's lossy encoding of `rgb`."""
    h, w = alpha.shape
    lossy = io.BytesIO()
    Image.fromarray(rgb, "RGB").save(lossy, "WEBP", quality=quality)
    vp8 = [c for c in parse_chunks(lossy.getvalue()) if c[0] == b"VP8 "][0][1]
    vp8x = struct.pack("<I", 0x10) + struct.pack("<I", w - 1)[:3] + struct.pack("<I", h - 1)[:3]
    alph = bytes([method << 2]) + filter_alpha(alpha, method).tobytes()
    data = riff([chunk(b"VP8X", vp8x), chunk(b"ALPH", alph), chunk(b"VP8 ", vp8)])
    with open(os.path.join(SYN, name), "wb") as f:
        f.write(data)


def build_synthetic():
    os.makedirs(SYN, exist_ok=True)
    sizes = [(1, 1), (2, 3), (7, 5), (17, 9), (33, 31), (64, 48), (127, 65), (200, 150)]
    for i, (w, h) in enumerate(sizes):
        rgb = photo(w, h, 100 + i)
        for q in (1, 50, 90, 100) if w >= 64 else (75,):
            save(f"lossy_{w}x{h}_q{q}.webp", Image.fromarray(rgb, "RGB"), quality=q)
        a = alpha_plane(w, h, 200 + i)
        rgba = np.dstack([rgb, a])
        save(f"lossy_alpha_{w}x{h}.webp", Image.fromarray(rgba, "RGBA"), quality=80)
        save(f"lossless_{w}x{h}.webp", Image.fromarray(rgb, "RGB"), lossless=True)
        save(f"lossless_alpha_{w}x{h}.webp", Image.fromarray(rgba, "RGBA"), lossless=True)
    big = photo(320, 240, 7)
    for m in (0, 2, 4, 6):
        save(f"lossy_320x240_m{m}.webp", Image.fromarray(big, "RGB"), quality=60, method=m)
        save(f"lossless_320x240_m{m}.webp", Image.fromarray(big, "RGB"), lossless=True, method=m, quality=m * 15)
    # Strong and simple loop filters and segments appear at low qualities on textured input.
    save("lossy_320x240_q5.webp", Image.fromarray(big, "RGB"), quality=5)
    # Few colours: the colour indexing transform, with 1, 2 and 4 bits per index (pixel bundling).
    for n in (2, 3, 4, 11, 16, 17, 200):
        idx = rng.integers(0, n, (37, 29))
        pal = rng.integers(0, 256, (n, 4)).astype(np.uint8)
        pal[:, 3] = 255 if n % 2 else pal[:, 3]
        save(f"lossless_palette{n}.webp", Image.fromarray(pal[idx], "RGBA"), lossless=True)
    grey = photo(45, 30, 9)[..., 0]
    save("lossless_grey.webp", Image.fromarray(grey, "L"), lossless=True)
    save("lossy_grey.webp", Image.fromarray(grey, "L"), quality=80)
    # exact=True keeps RGB under alpha 0; without it libwebp may change those pixels.
    rgba = np.dstack([photo(40, 24, 11), alpha_plane(40, 24, 12)])
    save("lossless_alpha_exact.webp", Image.fromarray(rgba, "RGBA"), lossless=True, exact=True)
    save("lossy_alpha_q100_m6.webp", Image.fromarray(rgba, "RGBA"), quality=100, method=6)
    save("lossy_alpha_q10_m0.webp", Image.fromarray(rgba, "RGBA"), quality=10, method=0)
    # Raw alpha with every filter (Pillow cannot write these: built by hand around a Pillow VP8 chunk).
    for method in range(4):
        raw_alpha_file(f"alpha_raw_filter{method}.webp", photo(23, 14, 13), alpha_plane(23, 14, 14), method)
    # Animations: the first frame is what Pillow opens.
    frames = [Image.fromarray(np.dstack([photo(30, 20, 20 + k), alpha_plane(30, 20, 30 + k)]), "RGBA") for k in range(3)]
    save("anim_rgba_lossless.webp", frames[0], save_all=True, append_images=frames[1:], lossless=True, duration=100)
    save("anim_rgba_lossy.webp", frames[0], save_all=True, append_images=frames[1:], quality=70, duration=[50, 60, 70])
    rgb_frames = [Image.fromarray(photo(30, 20, 40 + k), "RGB") for k in range(2)]
    save("anim_rgb.webp", rgb_frames[0], save_all=True, append_images=rgb_frames[1:], quality=80)
    save("anim_rgb_mixed.webp", rgb_frames[0], save_all=True, append_images=rgb_frames[1:], allow_mixed=True)


def sha256(b):
    return hashlib.sha256(b).hexdigest()


def oracle_of(data):
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            rgba = im.convert("RGBA").tobytes()
            return {
                "ok": True,
                "width": im.size[0],
                "height": im.size[1],
                "mode": im.mode,
                "n_frames": getattr(im, "n_frames", 1),
                "sha256_tobytes": sha256(im.tobytes()),
                "sha256_rgba": sha256(rgba),
            }
    except Exception as e:  # noqa: BLE001 - what Pillow raises is the oracle
        return {"ok": False, "error": f"{type(e).__name__}: {e}"}


def main():
    build_synthetic()
    oracle = {}
    for folder in ("pillow", "synthetic"):
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            with open(os.path.join(ROOT, folder, name), "rb") as f:
                oracle[f"{folder}/{name}"] = oracle_of(f.read())
    with open(os.path.join(ROOT, "oracle.json"), "w") as f:
        json.dump(oracle, f, indent=1, sort_keys=True)
        f.write("\n")

    variants = {}
    for index, name in enumerate(("synthetic/lossy_17x9_q75.webp", "synthetic/lossless_17x9.webp", "synthetic/lossy_alpha_17x9.webp",
                 "synthetic/lossless_palette4.webp", "synthetic/anim_rgba_lossless.webp", "pillow/anim_frame1.webp")):
        with open(os.path.join(ROOT, name), "rb") as f:
            data = f.read()
        cuts = sorted(set(list(range(0, min(len(data), 120))) + list(range(120, len(data), 5))))
        for n in cuts:
            variants[f"{name}#cut{n}"] = oracle_of(data[:n])
        r = np.random.default_rng(1000 + index)
        for k in range(150):
            pos = int(r.integers(0, len(data)))
            val = int(r.integers(0, 256))
            if data[pos] == val:
                continue
            changed = data[:pos] + bytes([val]) + data[pos + 1 :]
            variants[f"{name}#set{pos}={val}"] = oracle_of(changed)
    with open(os.path.join(ROOT, "oracle-variants.json"), "w") as f:
        json.dump(variants, f, indent=1, sort_keys=True)
        f.write("\n")
    print(len(oracle), "files,", len(variants), "variants")


if __name__ == "__main__":
    main()
