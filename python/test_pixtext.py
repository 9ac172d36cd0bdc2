"""Tests of the Python companion: round trips of every mode both ways, the shared vectors of spec/vectors (written
by this companion, checked by the TypeScript library too), the canonical JSON of metadata, and the error codes.

    /usr/bin/python3 -m unittest discover -s python
"""
import base64
import hashlib
import io
import json
import math
import os
import unittest
import zlib
from unittest import mock

import numpy as np

import pixtext
from pixtext import PixtextError, decode_envelope, encode_envelope

VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "spec", "vectors")
rng = np.random.default_rng(7)


def random_array(mode, width, height):
    channels, dtype = pixtext.MODES[mode]
    shape = (height, width) if channels == 1 else (height, width, channels)
    if dtype == np.bool_:
        return rng.integers(0, 2, size=shape).astype(bool)
    return rng.integers(0, 65536 if dtype == np.uint16 else 256, size=shape).astype(dtype)


def raw_bytes(array, mode):
    """The RawImage data of an array, written out independently of the module under test."""
    if mode == "1":
        return np.packbits(array, axis=1).tobytes()
    return array.astype("<u2").tobytes() if array.dtype == np.uint16 else array.tobytes()


def with_field(text, name, value):
    fields = json.loads(text)
    fields[name] = value
    return json.dumps(fields)


class RoundTrips(unittest.TestCase):
    def test_every_mode_array_to_text_to_array(self):
        for mode in pixtext.MODES:
            for width, height in [(1, 1), (9, 2), (0, 3), (17, 5)]:
                with self.subTest(mode=mode, size=(width, height)):
                    array = random_array(mode, width, height)
                    palette = rng.integers(0, 256, size=(256, 4)).astype(np.uint8) if mode == "P" else None
                    # Every mode but BGR and BGRA is inferred from dtype, shape and the palette.
                    text = encode_envelope(array, mode=mode if mode in ("BGR", "BGRA") else None, palette=palette)
                    decoded = decode_envelope(text)
                    back, back_mode = decoded
                    self.assertEqual(back_mode, mode)
                    self.assertEqual(back.dtype, array.dtype)
                    np.testing.assert_array_equal(back, array)
                    if palette is not None:
                        np.testing.assert_array_equal(decoded.palette, palette)

    def test_every_mode_text_to_array_to_text(self):
        for mode in pixtext.MODES:
            with self.subTest(mode=mode):
                array = random_array(mode, 6, 4)
                text = encode_envelope(array, mode=mode, metadata={"id": 3})
                decoded = decode_envelope(text)
                self.assertEqual(encode_envelope(decoded.array, decoded.mode, decoded.metadata, decoded.palette), text)

    def test_npy_envelopes_hold_np_save_bytes_and_read_back(self):
        for mode in ["L", "LA", "RGB", "RGBA", "BGR", "BGRA", "L16", "LA16", "RGB16", "RGBA16"]:
            with self.subTest(mode=mode):
                array = random_array(mode, 5, 3)
                text = encode_envelope(array, mode=mode, encoding="npy")
                stored = base64.b64decode(json.loads(text)["data"])
                saved = io.BytesIO()
                np.save(saved, array.astype("<u2") if array.dtype == np.uint16 else array)
                self.assertEqual(stored, saved.getvalue())
                back, back_mode = decode_envelope(text)
                self.assertEqual(back_mode, mode)
                np.testing.assert_array_equal(back, array)

    def test_bit_layout_of_mode_1_and_16_bit_samples(self):
        text = encode_envelope(np.array([[True, False, True, True, False, False, False, False, True]]))
        self.assertEqual(base64.b64decode(json.loads(text)["data"]), bytes([0b10110000, 0b10000000]))
        text = encode_envelope(np.array([[0x1234]], ">u2"))
        self.assertEqual(base64.b64decode(json.loads(text)["data"]), bytes([0x34, 0x12]))

    def test_the_readme_example(self):
        text = encode_envelope(np.array([[[255, 0, 0], [0, 255, 0]]], np.uint8))
        self.assertEqual(text, '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,'
                               '"crc32":"c622f71d","data":"/wAAAP8A"}')


class SharedVectors(unittest.TestCase):
    def test_vectors(self):
        with open(os.path.join(VECTORS, "manifest.json")) as f:
            vectors = json.load(f)["vectors"]
        self.assertGreater(len(vectors), 25)
        # Every mode raw, and every mode npy holds, as a text both implementations must write the same.
        texts = lambda encoding: {v["mode"] for v in vectors if v["encoding"] == encoding and v["check"] == "text"}
        self.assertEqual(texts("raw"), set(pixtext.MODES))
        self.assertEqual(texts("npy"), set(pixtext.MODES) - {"1", "P"})
        for vector in vectors:
            with self.subTest(vector=vector["name"]):
                with open(os.path.join(VECTORS, vector["file"]), newline="") as f:
                    text = f.read()
                decoded = decode_envelope(text)
                array, mode = decoded
                self.assertEqual((mode, array.shape[1], array.shape[0]), (vector["mode"], vector["width"], vector["height"]))
                data = raw_bytes(array, mode)
                self.assertEqual(len(data), vector["byteLength"])
                self.assertEqual(hashlib.sha256(data).hexdigest(), vector["sha256"])
                if "paletteSha256" in vector:
                    self.assertEqual(hashlib.sha256(decoded.palette.tobytes()).hexdigest(), vector["paletteSha256"])
                self.assertEqual(decoded.metadata, vector.get("metadata"))
                if vector["check"] == "text":
                    again = encode_envelope(array, mode=mode, metadata=vector.get("metadata"),
                                            palette=decoded.palette, encoding=vector["encoding"])
                    self.assertEqual(again, text)


class TypeScriptVectors(unittest.TestCase):
    """Envelopes written by the TypeScript library carrying PNG, BMP, JPEG, GIF, WebP and npy files, read through
    Pillow and NumPy. Their hashes are NumPy's, of the Python-written raw vectors they were made from (JPEG: the pixels
    TypeScript decoded, which Pillow must agree with)."""

    def test_vectors(self):
        folder = os.path.join(VECTORS, "from-typescript")
        with open(os.path.join(folder, "manifest.json")) as f:
            vectors = json.load(f)["vectors"]
        self.assertEqual({v["encoding"] for v in vectors}, {"png", "bmp", "jpeg", "gif", "webp", "npy"})
        for vector in vectors:
            with self.subTest(vector=vector["name"]):
                with open(os.path.join(folder, vector["file"])) as f:
                    array, mode = decode_envelope(f.read())
                self.assertEqual((mode, array.shape[1], array.shape[0]), (vector["mode"], vector["width"], vector["height"]))
                self.assertEqual(hashlib.sha256(raw_bytes(array, mode)).hexdigest(), vector["sha256"])


class PngFilesAsCarried(unittest.TestCase):
    """PNG files as pixtext carries them unchanged (encoding 'original' writes a 'png' envelope with the mode pixtext
    reads), checked against the oracle of tests/fixtures/png (Pillow 9.4 and libpng, recorded without pixtext)."""

    FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "png")

    def envelope(self, entry):
        with open(os.path.join(self.FIXTURES, entry["file"]), "rb") as f:
            data = f.read()
        return ('{"pixtext":1,"width":%d,"height":%d,"mode":"%s","encoding":"png","byteLength":%d,"crc32":"%08x","data":"%s"}'
                % (entry["width"], entry["height"], entry["expected_mode"], len(data), zlib.crc32(data), base64.b64encode(data).decode()))

    def entries(self, keep):
        with open(os.path.join(self.FIXTURES, "manifest.json")) as f:
            return [e for e in json.load(f)["files"] if e["expect"] == "decode" and keep(e)]

    def test_colour_keys_become_alpha(self):
        entries = self.entries(lambda e: e.get("color_key") and e["expected_mode"] in ("LA", "RGBA", "LA16"))
        self.assertGreaterEqual(len(entries), 7)
        for entry in entries:
            with self.subTest(file=entry["file"]):
                array, mode = decode_envelope(self.envelope(entry))
                self.assertEqual(mode, entry["expected_mode"])
                if mode == "LA16":
                    # The oracle's 8-bit RGBA holds each 16-bit sample's high byte; its 16-bit hash, the grey samples.
                    self.assertEqual(hashlib.sha256(array[..., 0].astype(">u2").tobytes()).hexdigest(), entry["png16_samples_be_sha256"])
                    array = (array >> 8).astype(np.uint8)
                rgba = np.concatenate([array[..., :1]] * 3 + [array[..., 1:]], axis=-1) if mode != "RGBA" else array
                self.assertEqual(hashlib.sha256(np.ascontiguousarray(rgba).tobytes()).hexdigest(), entry["expected_rgba8_sha256"])

    def test_16_bit_colour_is_refused_not_truncated(self):
        entries = self.entries(lambda e: e["expected_mode"] in ("RGB16", "RGBA16") or (e["expected_mode"] == "LA16" and not e.get("color_key")))
        self.assertGreaterEqual(len(entries), 20)
        for entry in entries:
            with self.subTest(file=entry["file"]):
                with self.assertRaises(PixtextError) as caught:
                    decode_envelope(self.envelope(entry))
                self.assertEqual(caught.exception.code, "ERR_UNSUPPORTED")


class CanonicalJson(unittest.TestCase):
    def test_numbers_as_javascript_writes_them(self):
        cases = {0.1: "0.1", 1.0: "1", -0.0: "0", 1e21: "1e+21", 1e20: "100000000000000000000", 1e-6: "0.000001",
                 1e-7: "1e-7", -2.5e-7: "-2.5e-7", 123456.789: "123456.789", 5e-324: "5e-324",
                 1.7976931348623157e308: "1.7976931348623157e+308", 2**53 + 2: "9007199254740994", 2**60: "1152921504606847000"}
        for value, expected in cases.items():
            with self.subTest(value=value):
                self.assertEqual(pixtext._json_value(value, "x"), expected)

    def test_strings_and_key_order_as_javascript(self):
        self.assertEqual(pixtext._json_string("caf\u00e9\U0001F600\u007f\u0000\u2028\"\\/"),
                         '"caf\\u00e9\\ud83d\\ude00\u007f\\u0000\\u2028\\"\\\\/"')
        # Checked against node: JSON.stringify puts array-index keys (below 2^32 - 1) first, ascending.
        self.assertEqual(pixtext._json_object({"b": 1, "10": 2, "1": 3, "01": 4, "4294967295": 5, "4294967294": 6}, "m"),
                         '{"1":3,"10":2,"4294967294":6,"b":1,"01":4,"4294967295":5}')

    def test_refuses_what_would_not_read_back(self):
        for metadata in [{"x": math.nan}, {"x": math.inf}, {"x": object()}, {1: "int key"}, ["not", "an", "object"]]:
            with self.subTest(metadata=repr(metadata)):
                with self.assertRaises(PixtextError) as caught:
                    encode_envelope(np.zeros((1, 1), np.uint8), metadata=metadata)
                self.assertEqual(caught.exception.code, "ERR_INVALID_ARGUMENT")


class Errors(unittest.TestCase):
    text = encode_envelope(np.arange(6, dtype=np.uint8).reshape(2, 3))

    def code(self, fn):
        with self.assertRaises(PixtextError) as caught:
            fn()
        return caught.exception.code

    def test_reading(self):
        good = json.loads(self.text)
        self.assertEqual(self.code(lambda: decode_envelope("{")), "ERR_NOT_JSON")
        self.assertEqual(self.code(lambda: decode_envelope("[1]")), "ERR_NOT_JSON")
        self.assertEqual(self.code(lambda: decode_envelope(with_field(self.text, "pixtext", 2))), "ERR_ENVELOPE_VERSION")
        self.assertEqual(self.code(lambda: decode_envelope(with_field(self.text, "mode", "CMYK"))), "ERR_ENVELOPE")
        self.assertEqual(self.code(lambda: decode_envelope(with_field(self.text, "width", True))), "ERR_ENVELOPE")
        self.assertEqual(self.code(lambda: decode_envelope(with_field(self.text, "width", 4))), "ERR_LENGTH_MISMATCH")
        self.assertEqual(self.code(lambda: decode_envelope(with_field(self.text, "crc32", "00000000"))), "ERR_CHECKSUM")
        self.assertEqual(self.code(lambda: decode_envelope(with_field(self.text, "data", "AAEC-wQF"))), "ERR_BASE64")
        self.assertEqual(self.code(lambda: decode_envelope(with_field(self.text, "data", "AAEC"))), "ERR_LENGTH_MISMATCH")
        self.assertEqual(self.code(lambda: decode_envelope(with_field(self.text, "palette", "AAAAAA=="))), "ERR_ENVELOPE")
        self.assertEqual(self.code(lambda: decode_envelope(self.text, max_pixels=5)), "ERR_TOO_LARGE")
        # Accepted as TypeScript accepts it: other key order, whitespace, line breaks in data, unknown keys.
        reordered = dict(reversed(list(good.items())), extra=1)
        reordered["data"] = reordered["data"][:4] + "\n" + reordered["data"][4:]
        np.testing.assert_array_equal(decode_envelope(json.dumps(reordered, indent=2))[0], decode_envelope(self.text)[0])

    def test_writing(self):
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((2, 2), np.float32))), "ERR_INVALID_ARGUMENT")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((2, 2, 5), np.uint8))), "ERR_INVALID_ARGUMENT")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((2, 2), np.uint8), mode="RGB")), "ERR_INVALID_IMAGE")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((2, 2), np.uint8), mode="1")), "ERR_INVALID_IMAGE")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((2, 2), np.uint8), mode="X")), "ERR_INVALID_ARGUMENT")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((2, 2), np.uint8), palette=np.zeros((300, 3), np.uint8))), "ERR_INVALID_IMAGE")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((2, 2, 3), np.uint8), palette=[[0, 0, 0]])), "ERR_INVALID_IMAGE")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((2, 2), np.uint8), encoding="tiff")), "ERR_INVALID_ARGUMENT")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((2, 2), np.uint8), encoding="gif")), "ERR_UNSUPPORTED")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((2, 2, 3), np.uint8), encoding="webp")), "ERR_UNSUPPORTED")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((1, 8), bool), encoding="npy")), "ERR_UNSUPPORTED")
        self.assertEqual(self.code(lambda: encode_envelope(np.zeros((1, 1), np.uint8), mode="P", encoding="npy")), "ERR_UNSUPPORTED")

    def test_file_envelopes_without_pillow_say_so(self):
        text = encode_envelope(np.zeros((2, 2, 3), np.uint8), encoding="png")
        with mock.patch.dict("sys.modules", {"PIL": None, "PIL.Image": None}):
            self.assertEqual(self.code(lambda: decode_envelope(text)), "ERR_UNSUPPORTED")
            # raw and npy envelopes need no Pillow.
            decode_envelope(encode_envelope(np.zeros((2, 2, 3), np.uint8), encoding="npy"))

    def test_webp_envelopes_without_webp_in_pillow_say_so(self):
        with open(os.path.join(VECTORS, "from-typescript", "webp-RGB.json")) as f:
            text = f.read()
        with mock.patch("PIL.features.check", return_value=False):
            self.assertEqual(self.code(lambda: decode_envelope(text)), "ERR_UNSUPPORTED")

    def test_a_stored_file_that_contradicts_the_header(self):
        text = encode_envelope(np.zeros((2, 3, 3), np.uint8), encoding="npy")
        self.assertEqual(self.code(lambda: decode_envelope(with_field(text, "width", 4))), "ERR_ENVELOPE")
        data = b"not an npy file"
        broken = with_field(with_field(with_field(text, "data", base64.b64encode(data).decode()), "byteLength", len(data)),
                            "crc32", "%08x" % zlib.crc32(data))
        self.assertEqual(self.code(lambda: decode_envelope(broken)), "ERR_CORRUPT")


if __name__ == "__main__":
    unittest.main()
