#!/usr/bin/python3
"""Writes spec/vectors: canonical envelopes of seeded pixels, written by the Python companion (python/pixtext.py),
with the sha256 of the pixels each must decode to, computed here from the arrays with NumPy (and, for files that
carry a lossy or Pillow-written file, from what Pillow itself decodes).

    /usr/bin/python3 scripts/gen-spec-vectors.py

Run once; its outputs are committed. tests/spec/vectors.test.ts (TypeScript) and python/test_pixtext.py check them:
the text decodes to the hashed pixels, and for raw and npy envelopes each implementation writes the same text
again from those pixels.
"""
import hashlib
import io
import json
import os
import sys

import numpy as np
import PIL
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python"))
import pixtext  # noqa: E402  the companion writes the texts

OUT = os.path.join(HERE, "..", "spec", "vectors")
rng = np.random.default_rng(20261206)


def pixels_of(mode, width, height):
    """Seeded random pixels of `mode`, as the companion takes them."""
    channels, dtype = pixtext.MODES[mode]
    shape = (height, width) if channels == 1 else (height, width, channels)
    if dtype == np.bool_:
        return rng.integers(0, 2, size=shape).astype(bool)
    return rng.integers(0, 65536 if dtype == np.uint16 else 256, size=shape, dtype=dtype)


def raw_bytes(array, mode):
    """The RawImage data of an array, written out here apart from the companion: mode 1 packed MSB first with each
    row padded to a byte, 16-bit samples little-endian, everything else the array's bytes in C order."""
    if mode == "1":
        return np.packbits(array, axis=1).tobytes()
    if array.dtype == np.uint16:
        return array.astype("<u2").tobytes()
    return np.ascontiguousarray(array).tobytes()


vectors = []


def vector(name, array, mode, check="text", encoding="raw", metadata=None, palette=None, decoded=None):
    text = pixtext.encode_envelope(array, mode=mode, metadata=metadata, palette=palette, encoding=encoding)
    with open(os.path.join(OUT, name + ".json"), "w", newline="") as f:
        f.write(text)
    expected = raw_bytes(array if decoded is None else decoded, mode)
    entry = {"name": name, "file": name + ".json", "mode": mode, "width": int(array.shape[1]),
             "height": int(array.shape[0]), "encoding": encoding, "check": check,
             "sha256": hashlib.sha256(expected).hexdigest(), "byteLength": len(expected)}
    if metadata is not None:
        entry["metadata"] = metadata
    if palette is not None and encoding == "raw":
        entries = np.asarray(palette, np.uint8)
        if entries.shape[1] == 3:
            entries = np.concatenate([entries, np.full((len(entries), 1), 255, np.uint8)], axis=1)
        entry["paletteSha256"] = hashlib.sha256(entries.tobytes()).hexdigest()
    vectors.append(entry)


def pillow_decoded(name):
    """What Pillow decodes from the file inside a written vector (for a lossy JPEG, the pixels to expect)."""
    with open(os.path.join(OUT, name + ".json")) as f:
        import base64
        data = base64.b64decode(json.loads(f.read())["data"])
    return np.asarray(Image.open(io.BytesIO(data)))


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.endswith(".json"):
            os.remove(os.path.join(OUT, old))
    # One raw envelope per mode; mode 1 at a width that leaves padding bits in each row.
    for mode in pixtext.MODES:
        width, height = (11, 3) if mode == "1" else (5, 3)
        if mode == "P":
            palette = rng.integers(0, 256, size=(7, 4), dtype=np.uint8)
            array = rng.integers(0, 7, size=(height, width), dtype=np.uint8)
            vector("raw-P", array, "P", palette=palette)
            continue
        vector("raw-" + mode, pixels_of(mode, width, height), mode)
    vector("raw-P-rgb-palette", rng.integers(0, 3, size=(2, 4), dtype=np.uint8), "P",
           palette=rng.integers(0, 256, size=(3, 3), dtype=np.uint8))
    vector("raw-P-no-palette", rng.integers(0, 256, size=(2, 3), dtype=np.uint8), "P")
    vector("raw-L-empty", np.zeros((0, 4), np.uint8), "L")
    vector("raw-RGB-1x1", pixels_of("RGB", 1, 1), "RGB")
    # Metadata: the canonical JSON both writers must agree on (key order with integer-like keys, non-ASCII and
    # astral characters, control characters and DEL, JS number formatting).
    metadata = {"path": "photos/caf\u00e9 \U0001F600.png", "b": 1, "10": "ten", "2": "two", "a": [0.1, -2.5e-7, 1e21, 3.0, 123456.789],
                "nested": {"z": None, "y": True, "x": False, "ctrl": "tab\tnew\nline\u0001\u007f\"quote\\"}}
    vector("raw-RGBA-metadata", pixels_of("RGBA", 3, 2), "RGBA", metadata=metadata)
    # npy envelopes: np.save's bytes, which pixtext's encoder writes byte for byte.
    for mode in ["L", "RGB", "BGRA", "LA16", "RGB16"]:
        vector("npy-" + mode, pixels_of(mode, 4, 3), mode, encoding="npy")
    # Files written by Pillow: pixtext reads them; their bytes are Pillow's, so only the pixels are compared.
    for name, mode, encoding in [("png-RGBA", "RGBA", "png"), ("png-L16", "L16", "png"), ("png-BGR", "BGR", "png"),
                                 ("bmp-RGB", "RGB", "bmp"), ("bmp-L", "L", "bmp")]:
        vector(name, pixels_of(mode, 6, 4), mode, check="decode", encoding=encoding)
    vector("png-P-alpha", rng.integers(0, 5, size=(3, 4), dtype=np.uint8), "P", check="decode", encoding="png",
           palette=rng.integers(0, 256, size=(5, 4), dtype=np.uint8))
    # JPEG is lossy: the pixels to expect are the ones libjpeg-turbo gives through Pillow.
    smooth = np.clip(np.add.outer(np.arange(16) * 12, np.arange(16) * 7)[:, :, None] + np.array([0, 40, 90]), 0, 255).astype(np.uint8)
    vector("jpeg-RGB", smooth, "RGB", check="decode", encoding="jpeg")
    vectors[-1]["sha256"] = hashlib.sha256(pillow_decoded("jpeg-RGB").tobytes()).hexdigest()
    # npy envelopes of the other modes npy holds, so that every one has a text both implementations must write (added
    # after the others, so that the seeded pixels of the vectors above stay as they were).
    for mode in ["LA", "RGBA", "BGR", "L16", "RGBA16"]:
        vector("npy-" + mode, pixels_of(mode, 4, 3), mode, encoding="npy")
    manifest = {"generator": "scripts/gen-spec-vectors.py", "writer": "python/pixtext.py",
                "numpy": np.__version__, "pillow": PIL.__version__,
                "vectors": vectors}
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=True)
        f.write("\n")


if __name__ == "__main__":
    main()
