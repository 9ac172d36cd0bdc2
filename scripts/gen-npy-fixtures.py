#!/usr/bin/python3
"""Builds the .npy test vectors for tests/formats/npy, with NumPy as the oracle.

    /usr/bin/python3 scripts/gen-npy-fixtures.py

Run once; its outputs are committed (npm test never runs Python). Seeded, so a rerun writes the same bytes.
- tests/fixtures/npy/files/*.npy: arrays written by np.save (or numpy.lib.format.write_array for version 2.0 and
  3.0 headers): every mode pixtext reads, at 1x1 and at a small odd size, big-endian uint16, Fortran order, other
  dtypes and shapes (refused).
- tests/fixtures/npy/manifest.json: for each file, what NumPy says it is (descr, shape, fortran_order, version) and
  either the pixels pixtext must return (mode, width, height, base64 of the RawImage data: samples little-endian,
  computed by numpy's astype('<u2')) and, for the files np.save wrote from a C-ordered little-endian array, that
  encoding those pixels must give the file back byte for byte; or the error code pixtext must give.
- the "wrap" list: header texts of chosen lengths and the first 12 bytes and total length of what numpy's
  _wrap_header_guess_version makes of them (version 1.0 or 2.0, padding of 1 to 64 spaces).
"""
import base64
import io
import json
import os
import warnings

import numpy as np
from numpy.lib import format as npformat

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "npy")
FILES = os.path.join(ROOT, "files")
rng = np.random.default_rng(20261206)

MODES = {
    (np.uint8, 1): "L", (np.uint8, 2): "LA", (np.uint8, 3): "RGB", (np.uint8, 4): "RGBA",
    (np.uint16, 1): "L16", (np.uint16, 2): "LA16", (np.uint16, 3): "RGB16", (np.uint16, 4): "RGBA16",
}

entries = []


def save(name, array, version=None):
    """The bytes np.save writes (or write_array with an explicit version), written to files/<name>.npy."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if version is None:
            np.save(buf, array, allow_pickle=False)
        else:
            npformat.write_array(buf, array, version=version, allow_pickle=False)
    data = buf.getvalue()
    with open(os.path.join(FILES, name + ".npy"), "wb") as f:
        f.write(data)
    return data


def describe(data):
    """What numpy itself reads from the file's header."""
    fp = io.BytesIO(data)
    version = npformat.read_magic(fp)
    shape, fortran, dtype = npformat._read_array_header(fp, version)
    return {"version": "%d.%d" % version, "descr": npformat.dtype_to_descr(dtype), "shape": list(shape),
            "fortran_order": fortran}


def image(name, array, version=None, encodes=True, mode=None):
    data = save(name, array, version)
    loaded = np.load(io.BytesIO(data))
    channels = 1 if loaded.ndim == 2 else loaded.shape[2]
    mode = mode or MODES[(loaded.dtype.type, channels)]
    pixels = np.ascontiguousarray(loaded).astype(loaded.dtype.newbyteorder("<")).tobytes()
    entry = {"file": name + ".npy", "numpy": describe(data), "mode": mode, "width": int(loaded.shape[1]),
             "height": int(loaded.shape[0]), "pixels": base64.b64encode(pixels).decode("ascii"), "encodes": encodes}
    entries.append(entry)


def refused(name, array, code, mentions, version=None):
    data = save(name, array, version)
    entries.append({"file": name + ".npy", "numpy": describe(data), "error": code, "mentions": mentions})


def main():
    os.makedirs(FILES, exist_ok=True)
    for old in os.listdir(FILES):
        os.remove(os.path.join(FILES, old))
    for (dtype, channels), mode in MODES.items():
        top = 256 if dtype == np.uint8 else 65536
        for h, w in [(1, 1), (5, 7)]:
            shape = (h, w) if channels == 1 else (h, w, channels)
            array = rng.integers(0, top, size=shape, dtype=dtype)
            image("%s_%dx%d" % (mode, w, h), array)
            if dtype == np.uint16 and (h, w) == (5, 7):
                image("%s_%dx%d_big_endian" % (mode, w, h), array.astype(">u2"), encodes=False)
    # Sizes whose dimensions have more digits (the header's spare spaces depend on the first one), and empty ones.
    image("L_1000x2", rng.integers(0, 256, size=(2, 1000), dtype=np.uint8))
    image("RGB_3x100", rng.integers(0, 256, size=(100, 3, 3), dtype=np.uint8))
    image("L_0x0", np.zeros((0, 0), np.uint8))
    image("RGBA_5x0", np.zeros((0, 5, 4), np.uint8))
    image("L16_0x3", np.zeros((3, 0), np.uint16))
    # Explicit header versions.
    image("RGB_4x3_v2", rng.integers(0, 256, size=(3, 4, 3), dtype=np.uint8), version=(2, 0), encodes=False)
    image("L16_4x3_v3", rng.integers(0, 65536, size=(3, 4), dtype=np.uint16), version=(3, 0), encodes=False)
    image("LA_2x2_v3_big_endian", rng.integers(0, 65536, size=(2, 2, 2), dtype=np.uint16).astype(">u2"), version=(3, 0), encodes=False)
    # Refused: Fortran order, other dtypes, other shapes.
    rgb = rng.integers(0, 256, size=(3, 4, 3), dtype=np.uint8)
    refused("fortran_RGB_4x3", np.asfortranarray(rgb), "ERR_UNSUPPORTED", "Fortran")
    refused("fortran_L_4x3", np.asfortranarray(rgb[:, :, 0]), "ERR_UNSUPPORTED", "Fortran")
    for descr in ["i1", "<i2", ">i2", "<u4", "<f4", "<f8", "|b1", "<u8", "<c8"]:
        array = rng.integers(0, 100, size=(3, 4)).astype(descr)
        refused("dtype_%s" % descr.replace("<", "le_").replace(">", "be_").replace("|", ""), array, "ERR_UNSUPPORTED",
                npformat.dtype_to_descr(array.dtype))
    structured = np.zeros((2, 2), dtype=[("r", "u1"), ("g", "u1"), ("b", "u1")])
    refused("dtype_structured", structured, "ERR_UNSUPPORTED", "structured")
    refused("shape_1d", rng.integers(0, 256, size=(6,), dtype=np.uint8), "ERR_UNSUPPORTED", "(6,)")
    refused("shape_scalar", np.array(7, np.uint8), "ERR_UNSUPPORTED", "()")
    refused("shape_hw1", rng.integers(0, 256, size=(2, 3, 1), dtype=np.uint8), "ERR_UNSUPPORTED", "(2, 3, 1)")
    refused("shape_hw5", rng.integers(0, 256, size=(2, 3, 5), dtype=np.uint8), "ERR_UNSUPPORTED", "(2, 3, 5)")
    refused("shape_4d", rng.integers(0, 256, size=(2, 2, 2, 3), dtype=np.uint8), "ERR_UNSUPPORTED", "(2, 2, 2, 3)")

    # Header wrapping: lengths around the 64-byte steps (padding 64 when the text already ends on one) and around
    # the 65535-byte limit of version 1.0.
    wrap = []
    for length in [0, 1, 52, 53, 54, 55, 117, 118, 65470, 65471, 65472, 65473, 65525, 65526, 65534, 65535, 70000]:
        text = "{" + "x" * max(0, length - 1) if length else ""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wrapped = npformat._wrap_header_guess_version(text)
        wrap.append({"textLength": len(text), "prefix": list(wrapped[:12]), "totalLength": len(wrapped),
                     "padding": len(wrapped) - len(text) - (10 if wrapped[6] == 1 else 12) - 1})

    manifest = {
        "generator": "scripts/gen-npy-fixtures.py",
        "numpy": np.__version__,
        "files": entries,
        "wrap": wrap,
    }
    with open(os.path.join(ROOT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
