"""pixtext envelopes from Python: NumPy arrays to the same text pixtext's imageToText writes, and back.

One file, standard library and NumPy only; Pillow is used, when installed, to write and read envelopes that carry a
PNG, JPEG or BMP file, and to read those that carry a GIF or WebP file. Copy it next to your code::

    import numpy as np
    from pixtext import encode_envelope, decode_envelope

    text = encode_envelope(np.zeros((2, 3, 3), np.uint8))      # '{"pixtext":1,"width":3,"height":2,"mode":"RGB",...'
    array, mode = decode_envelope(text)                        # the same array, 'RGB'

The envelope v1 (docs/ARCHITECTURE.md, "The envelope v1", and schema/envelope-v1.json in the pixtext repository):
one ASCII JSON object, keys in the order pixtext, width, height, mode, encoding, [palette], [source], [metadata],
byteLength, crc32, data; ``crc32`` is CRC-32/ISO-HDLC (zlib's) of the decoded data, ``data`` standard padded base64
(RFC 4648 section 4). The writer here follows src/text-forms/envelope-write.ts and json-ascii.ts character for
character, so the same pixels and metadata give the same text in both languages.

Arrays and modes (rows top to bottom)::

    mode    dtype    shape          mode    dtype    shape
    '1'     bool     (H, W)         'L16'   uint16   (H, W)
    'L'     uint8    (H, W)         'LA16'  uint16   (H, W, 2)
    'P'     uint8    (H, W)         'RGB16' uint16   (H, W, 3)
    'LA'    uint8    (H, W, 2)      'RGBA16' uint16  (H, W, 4)
    'RGB'   uint8    (H, W, 3)      'BGR'   uint8    (H, W, 3)   OpenCV's channel order
    'RGBA'  uint8    (H, W, 4)      'BGRA'  uint8    (H, W, 4)

Without ``mode`` it is inferred from dtype and shape (bool → '1', uint8 → L/LA/RGB/RGBA, or P when a palette is
given, uint16 in either byte order → L16/LA16/RGB16/RGBA16); BGR and BGRA are never guessed.
Every failure is a :class:`PixtextError` whose ``code`` is the one the TypeScript library gives.
"""
import base64
import binascii
import io
import json
import math
import re
import zlib
from typing import Any, Dict, Mapping, Optional, Tuple

import numpy as np

__all__ = ["PixtextError", "Decoded", "encode_envelope", "decode_envelope", "MODES"]

#: Every pixel mode: (channels, dtype of the array) as this module hands them out.
MODES: Dict[str, Tuple[int, Any]] = {
    "1": (1, np.bool_), "L": (1, np.uint8), "LA": (2, np.uint8), "P": (1, np.uint8),
    "RGB": (3, np.uint8), "RGBA": (4, np.uint8), "BGR": (3, np.uint8), "BGRA": (4, np.uint8),
    "L16": (1, np.uint16), "LA16": (2, np.uint16), "RGB16": (3, np.uint16), "RGBA16": (4, np.uint16),
}
_INFERRED = {(np.uint8, 1): "L", (np.uint8, 2): "LA", (np.uint8, 3): "RGB", (np.uint8, 4): "RGBA",
             (np.uint16, 1): "L16", (np.uint16, 2): "LA16", (np.uint16, 3): "RGB16", (np.uint16, 4): "RGBA16"}
#: What an envelope's data may hold: raw pixels, or a file of one of these formats.
ENCODINGS = ("raw", "png", "jpeg", "bmp", "gif", "webp", "npy")
#: What this module writes: GIF and WebP envelopes (what pixtext keeps of such files) are read, not written.
WRITE_ENCODINGS = ("raw", "png", "jpeg", "bmp", "npy")
_PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "bmp": "BMP", "gif": "GIF", "webp": "WEBP"}
#: As the TypeScript default: 16,383 x 16,383 pixels, checked from the header before decoding.
DEFAULT_MAX_PIXELS = 268_402_689


class PixtextError(ValueError):
    """A refused input or argument; ``code`` is the stable code of the TypeScript library (``ERR_CHECKSUM``, ...)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class Decoded(tuple):
    """What :func:`decode_envelope` returns: unpacks as ``(array, mode)``; ``palette`` (mode P: an (N, 4) uint8
    array of RGBA entries, or None) and ``metadata`` (a dict, or None) are attributes."""

    array: np.ndarray
    mode: str
    palette: Optional[np.ndarray]
    metadata: Optional[Dict[str, Any]]

    def __new__(cls, array: np.ndarray, mode: str, palette: Optional[np.ndarray] = None,
                metadata: Optional[Dict[str, Any]] = None) -> "Decoded":
        self = super().__new__(cls, (array, mode))
        self.array, self.mode, self.palette, self.metadata = array, mode, palette, metadata
        return self


# ---------------------------------------------------------------------------------------------------------------
# Canonical JSON, as JSON.stringify writes it and json-ascii.ts escapes it (RFC 8259; ECMA-262 Number::toString).

_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _json_string(text: str) -> str:
    """JSON.stringify of a string with every code unit above U+007F as a lowercase \\uXXXX (UTF-16 units)."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif code < 0x20 or 0x7F < code < 0x10000:
            out.append("\\u%04x" % code)
        elif code >= 0x10000:
            code -= 0x10000
            out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
        else:
            out.append(ch)  # printable ASCII and U+007F, which JSON.stringify leaves as they are
    out.append('"')
    return "".join(out)


def _json_number(value: float) -> str:
    """ECMAScript Number::toString of a finite double: the shortest digits, exponent only below 1e-6 or from 1e21."""
    if value == 0:
        return "0"  # also -0, which JSON.stringify writes as 0
    sign = "-" if value < 0 else ""
    mantissa, _, exp = repr(abs(value)).partition("e")  # repr gives the shortest round-trip digits, as JS does
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0")
    point = len(whole) + int(exp or 0) - (len(whole + frac) - len((whole + frac).lstrip("0")))
    digits = digits.rstrip("0") or "0"
    k, n = len(digits), point
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        text = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + text


_INDEX_KEY = re.compile(r"^(0|[1-9][0-9]*)$")


def _is_array_index(key: str) -> bool:
    # ECMA-262 array index: canonical numeric string below 2^32 - 1; such keys come first, ascending, in JS objects.
    return _INDEX_KEY.match(key) is not None and int(key) < 2**32 - 1


def _json_value(value: Any, path: str) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        # A JS number holds integers exactly up to 2^53; beyond, JSON.stringify writes the nearest double.
        return str(value) if abs(value) <= 2**53 else _json_number(float(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise PixtextError("ERR_INVALID_ARGUMENT", "Expected plain JSON for %s but received %r" % (path, value))
        return _json_number(value)
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_json_value(v, "%s[%d]" % (path, i)) for i, v in enumerate(value)) + "]"
    if isinstance(value, Mapping):
        return _json_object(value, path)
    raise PixtextError("ERR_INVALID_ARGUMENT", "Expected plain JSON for %s but received %s" % (path, type(value).__name__))


def _json_object(value: Mapping, path: str) -> str:
    for key in value:
        if not isinstance(key, str):
            raise PixtextError("ERR_INVALID_ARGUMENT", "Expected string keys in %s but received %r" % (path, key))
    keys = sorted((k for k in value if _is_array_index(k)), key=int) + [k for k in value if not _is_array_index(k)]
    return "{" + ",".join(_json_string(k) + ":" + _json_value(value[k], "%s.%s" % (path, k)) for k in keys) + "}"


# ---------------------------------------------------------------------------------------------------------------
# Arrays ↔ the raw bytes of a RawImage (rows top to bottom, 16-bit samples little-endian, mode 1 packed MSB first).

def _infer_mode(array: np.ndarray, palette: Any) -> str:
    channels = 1 if array.ndim == 2 else array.shape[2] if array.ndim == 3 else 0
    if array.dtype == np.bool_ and array.ndim == 2:
        return "1"
    kind = np.uint8 if array.dtype == np.uint8 else np.uint16 if array.dtype.kind == "u" and array.dtype.itemsize == 2 else None
    mode = _INFERRED.get((kind, channels))
    if mode is None:
        raise PixtextError("ERR_INVALID_ARGUMENT", "Expected a bool (H, W), uint8 or uint16 (H, W) or (H, W, 2|3|4) "
                           "array but received %s %s; pass mode= or convert it" % (array.dtype, array.shape))
    return "P" if mode == "L" and palette is not None else mode


def _check_array(array: np.ndarray, mode: str) -> None:
    channels, dtype = MODES[mode]
    shape_ok = array.ndim == 2 if channels == 1 else array.ndim == 3 and array.shape[2] == channels
    dtype_ok = array.dtype == dtype or (dtype == np.uint16 and array.dtype.kind == "u" and array.dtype.itemsize == 2)
    if not (shape_ok and dtype_ok):
        want = "(H, W)" if channels == 1 else "(H, W, %d)" % channels
        raise PixtextError("ERR_INVALID_IMAGE", "Mode %s needs a %s array shaped %s, not %s %s"
                           % (mode, np.dtype(dtype).name, want, array.dtype, array.shape))


def _raw_bytes(array: np.ndarray, mode: str) -> bytes:
    if mode == "1":
        return np.packbits(array, axis=1).tobytes()
    if MODES[mode][1] == np.uint16:
        return np.ascontiguousarray(array, dtype="<u2").tobytes()
    return np.ascontiguousarray(array).tobytes()


def _byte_length(mode: str, width: int, height: int) -> int:
    if mode == "1":
        return (width + 7) // 8 * height
    channels, dtype = MODES[mode]
    return width * height * channels * np.dtype(dtype).itemsize


def _array_of(data: bytes, mode: str, width: int, height: int) -> np.ndarray:
    channels, dtype = MODES[mode]
    if mode == "1":
        rows = np.frombuffer(data, np.uint8).reshape(height, (width + 7) // 8)
        return np.unpackbits(rows, axis=1, count=width).astype(np.bool_)
    shape = (height, width) if channels == 1 else (height, width, channels)
    source = "<u2" if dtype == np.uint16 else np.uint8
    return np.frombuffer(data, source).reshape(shape).astype(dtype)


def _palette_bytes(palette: Any) -> bytes:
    entries = np.asarray(palette)
    if entries.ndim != 2 or entries.shape[1] not in (3, 4) or not 1 <= entries.shape[0] <= 256 \
            or entries.dtype.kind not in "ui" or entries.min() < 0 or entries.max() > 255:
        raise PixtextError("ERR_INVALID_IMAGE", "Expected a palette of 1 to 256 RGB or RGBA entries, an (N, 3) or "
                           "(N, 4) array of 0-255, but received %s %s" % (entries.dtype, entries.shape))
    if entries.shape[1] == 3:
        entries = np.concatenate([entries, np.full((entries.shape[0], 1), 255)], axis=1)
    return entries.astype(np.uint8).tobytes()


# ---------------------------------------------------------------------------------------------------------------
# Files inside envelopes: .npy with NumPy alone, PNG/JPEG/BMP through Pillow.

def _pillow():
    try:
        from PIL import Image
    except ImportError:
        raise PixtextError("ERR_UNSUPPORTED", "Envelopes that carry a PNG, JPEG, BMP, GIF or WebP file need Pillow: "
                           "pip install Pillow (raw and npy envelopes do not)") from None
    return Image


def _pillow_reads(encoding: str) -> None:
    """WebP support is optional in Pillow builds: say so rather than call the file corrupt."""
    from PIL import features
    if encoding == "webp" and not features.check("webp"):
        raise PixtextError("ERR_UNSUPPORTED", "This Pillow is built without WebP support: install one with libwebp")


def _npy_bytes(array: np.ndarray, mode: str) -> bytes:
    if mode in ("1", "P"):
        hint = "'L'" if mode == "1" else "'RGB' (or 'RGBA')"
        raise PixtextError("ERR_UNSUPPORTED", "npy holds neither bits nor a palette: convert the %s image to %s first" % (mode, hint))
    out = io.BytesIO()
    layout = "<u2" if MODES[mode][1] == np.uint16 else np.uint8
    np.save(out, np.ascontiguousarray(array, dtype=layout), allow_pickle=False)
    return out.getvalue()


def _pillow_bytes(array: np.ndarray, mode: str, palette: Optional[bytes], encoding: str) -> bytes:
    Image = _pillow()
    if mode in ("BGR", "BGRA"):
        array = array[:, :, [2, 1, 0] + ([3] if mode == "BGRA" else [])]
    if mode in ("L16", "LA16", "RGB16", "RGBA16") and mode != "L16":
        raise PixtextError("ERR_UNSUPPORTED", "Pillow cannot write %s exactly: use encoding 'raw' or 'npy'" % mode)
    image = Image.fromarray(np.ascontiguousarray(array, dtype="<u2") if mode == "L16" else np.ascontiguousarray(array),
                            mode="I;16" if mode == "L16" else None)
    if mode == "P":
        image = Image.frombytes("P", (array.shape[1], array.shape[0]), np.ascontiguousarray(array).tobytes())
        entries = np.frombuffer(palette, np.uint8).reshape(-1, 4) if palette else np.repeat(np.arange(256, dtype=np.uint8)[:, None], 4, 1)
        image.putpalette(entries[:, :3].tobytes())
        if palette and (entries[:, 3] != 255).any():
            image.info["transparency"] = entries[:, 3].tobytes()
    out = io.BytesIO()
    extra = {"transparency": image.info["transparency"]} if "transparency" in image.info else {}
    image.save(out, format=_PILLOW_FORMATS[encoding], **extra)
    return out.getvalue()


def _from_npy(data: bytes, mode: str, width: int, height: int) -> np.ndarray:
    try:
        array = np.load(io.BytesIO(data), allow_pickle=False)
    except ValueError as error:
        raise PixtextError("ERR_CORRUPT", "The stored npy file cannot be read: %s" % error) from None
    expected = (height, width) if MODES[mode][0] == 1 else (height, width, MODES[mode][0])
    if array.shape != expected or array.dtype.kind != "u" or array.dtype.itemsize != np.dtype(MODES[mode][1]).itemsize:
        raise PixtextError("ERR_ENVELOPE", "The stored npy array is %s %s, not the declared %dx%d %s"
                           % (array.dtype, array.shape, width, height, mode))
    # An npy array has channels, not colours: declared BGR/BGRA name the same bytes (as the TypeScript reader).
    return array.astype(MODES[mode][1])


def _from_pillow(data: bytes, encoding: str, mode: str, width: int, height: int) -> Tuple[np.ndarray, Optional[np.ndarray]]:
    Image = _pillow()
    _pillow_reads(encoding)
    try:
        image = Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[encoding]])
        image.load()
    except Exception as error:  # Pillow raises many types for bad files
        raise PixtextError("ERR_CORRUPT", "The stored %s file cannot be read: %s" % (encoding, error)) from None
    if image.size != (width, height):
        raise PixtextError("ERR_ENVELOPE", "Envelope declares %dx%d but its %s file is %dx%d"
                           % (width, height, encoding, image.size[0], image.size[1]))
    palette = None
    got = image.mode
    if mode == "P" and got == "P":
        rgb = np.frombuffer(bytes(image.getpalette() or []), np.uint8).reshape(-1, 3)
        alpha = np.full(len(rgb), 255, np.uint8)
        transparency = image.info.get("transparency")
        if isinstance(transparency, bytes):
            alpha[:len(transparency)] = np.frombuffer(transparency, np.uint8)[:len(rgb)]
        elif isinstance(transparency, int) and transparency < len(rgb):
            alpha[transparency] = 0
        palette = np.concatenate([rgb, alpha[:, None]], axis=1)
    if encoding == "png" and (mode in ("RGB16", "RGBA16") or (mode == "LA16" and got not in ("I", "I;16"))):
        raise PixtextError("ERR_UNSUPPORTED", "Pillow reads 16-bit colour PNG files as 8 bits, so this %s envelope "
                           "cannot be read exactly here: read it with pixtext, or store it with encoding 'raw' or 'npy'"
                           % mode)
    array = np.asarray(image)
    key = image.info.get("transparency")
    if got == "L" and isinstance(key, int) and encoding == "png" and data[24] < 8:
        # Pillow scales grey samples of 1, 2 and 4 bits to 0-255 but keeps the colour key as stored.
        key *= 255 // ((1 << data[24]) - 1)
    if (got, mode) in (("L", "LA"), ("I", "LA16"), ("I;16", "LA16"), ("RGB", "RGBA")) and key is not None:
        # A PNG colour key (tRNS): pixtext gives the pixels that match it alpha 0, the others full alpha.
        grey = got != "RGB"
        hit = array == key if grey else (array == np.asarray(key, array.dtype)).all(axis=-1)
        opaque = 0xFFFF if mode == "LA16" else 0xFF
        channels = [array] if grey else [array[..., i] for i in range(3)]
        dtype = np.uint16 if mode == "LA16" else np.uint8
        return np.stack([c.astype(dtype) for c in channels] + [np.where(hit, 0, opaque).astype(dtype)], axis=-1), None
    if mode in ("BGR", "BGRA") and got == ("RGB" if mode == "BGR" else "RGBA"):
        return array[:, :, [2, 1, 0] + ([3] if mode == "BGRA" else [])].copy(), None
    if encoding == "webp" and (got, mode) in (("RGB", "L"), ("RGBA", "LA")) and (array[..., 0] == array[..., 1]).all() \
            and (array[..., 1] == array[..., 2]).all():
        # WebP has no grey: pixtext stores L and LA as R = G = B (and reads them back as grey, as here).
        return (array[..., 0] if mode == "L" else array[..., [0, 3]]).copy(), None
    if mode == "L16" and got in ("I", "I;16") and (array.size == 0 or (array.min() >= 0 and array.max() <= 0xFFFF)):
        return array.astype(np.uint16), None
    if got == "P" and mode in ("L", "1"):
        # The same pixels held as a grey palette (as pixtext's restoreMode): look the indices up.
        rgb = np.frombuffer(bytes(image.getpalette() or []), np.uint8).reshape(-1, 3)
        if len(rgb) and (rgb[:, 0] == rgb[:, 1]).all() and (rgb[:, 1] == rgb[:, 2]).all() and array.max(initial=0) < len(rgb):
            array, got = rgb[array, 0], "L"
    if (got, mode) in (("L", "P"), ("1", "L"), ("L", "1")):
        # Bits, grey levels and a palette without entries are the same pixels: index i is grey i.
        array = array.astype(np.uint8) * 255 if got == "1" else array >= 128 if mode == "1" else array
        got = mode
    if got != mode:
        raise PixtextError("ERR_ENVELOPE", "The stored %s file decodes to mode %s, not the declared %s" % (encoding, got, mode))
    return (array.astype(np.bool_) if mode == "1" else array.copy()), palette


# ---------------------------------------------------------------------------------------------------------------
# The public functions.

def encode_envelope(array: Any, mode: Optional[str] = None, metadata: Optional[Mapping[str, Any]] = None,
                    palette: Any = None, encoding: str = "raw") -> str:
    """The pixtext envelope v1 of an image given as a NumPy array: for ``encoding='raw'`` (the default) and
    ``'npy'`` exactly the text pixtext's ``imageToText`` writes for the same pixels and metadata.

    :param array: the pixels, see the module's table; anything ``np.asarray`` accepts.
    :param mode: the pixel mode; defaults to the one inferred from dtype and shape (never BGR/BGRA).
    :param metadata: a JSON object stored in the envelope (dict with str keys; str, int, float, bool, None, list,
        dict values). Defaults to none.
    :param palette: mode P only: an (N, 3) or (N, 4) array of RGB(A) entries, 1 <= N <= 256, stored as RGBA.
        Defaults to none (index i reads as grey i).
    :param encoding: ``'raw'`` pixels (default), ``'npy'`` (the file ``np.save`` writes), or ``'png'``, ``'jpeg'``,
        ``'bmp'`` written by Pillow (pixtext reads those back; their bytes are Pillow's, not pixtext's).
    :raises PixtextError: ``ERR_INVALID_ARGUMENT`` (bad mode, encoding or metadata), ``ERR_INVALID_IMAGE`` (an
        array or palette that does not fit the mode), ``ERR_UNSUPPORTED`` (a mode the encoding cannot hold, or no
        Pillow for png/jpeg/bmp).

    >>> encode_envelope(np.array([[[255, 0, 0], [0, 255, 0]]], np.uint8))
    '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}'
    """
    array = np.asarray(array)
    if mode is None:
        mode = _infer_mode(array, palette)
    if mode not in MODES:
        raise PixtextError("ERR_INVALID_ARGUMENT", "Expected one of %s for mode but received %r" % (", ".join(MODES), mode))
    if encoding in ("gif", "webp"):
        raise PixtextError("ERR_UNSUPPORTED", "This module reads %s envelopes but does not write them: use 'png' or 'raw'" % encoding)
    if encoding not in WRITE_ENCODINGS:
        raise PixtextError("ERR_INVALID_ARGUMENT", "Expected one of %s for encoding but received %r" % (", ".join(WRITE_ENCODINGS), encoding))
    _check_array(array, mode)
    if palette is not None and mode != "P":
        raise PixtextError("ERR_INVALID_IMAGE", "Only mode P has a palette, not %s" % mode)
    entries = None if palette is None else _palette_bytes(palette)
    if metadata is not None and not isinstance(metadata, Mapping):
        raise PixtextError("ERR_INVALID_ARGUMENT", "Expected a plain JSON object for metadata but received %s" % type(metadata).__name__)
    height, width = array.shape[:2]
    if encoding == "raw":
        data = _raw_bytes(array, mode)
    elif encoding == "npy":
        data = _npy_bytes(array, mode)
    else:
        data = _pillow_bytes(array, mode, entries, encoding)
    head = '{"pixtext":1,"width":%d,"height":%d,"mode":%s,"encoding":"%s"' % (width, height, _json_string(mode), encoding)
    if entries is not None and encoding == "raw":
        head += ',"palette":"%s"' % base64.b64encode(entries).decode("ascii")
    if metadata is not None:
        head += ',"metadata":' + _json_object(metadata, "metadata")
    crc = zlib.crc32(data) & 0xFFFFFFFF
    return head + ',"byteLength":%d,"crc32":"%08x","data":"%s"}' % (len(data), crc, base64.b64encode(data).decode("ascii"))


def _field(fields: Dict[str, Any], name: str, ok, expected: str, optional: bool = False) -> Any:
    if name not in fields:
        if optional:
            return None
        raise PixtextError("ERR_ENVELOPE", 'Envelope field "%s" is missing' % name)
    value = fields[name]
    if not ok(value):
        raise PixtextError("ERR_ENVELOPE", 'Envelope field "%s" must be %s but is %r' % (name, expected, value))
    return value


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2**53 - 1


def _base64(text: str, field: str, whitespace: bool) -> bytes:
    if whitespace:
        text = re.sub(r"[ \t\r\n]+", "", text)
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as error:
        raise PixtextError("ERR_BASE64", 'Envelope field "%s" is not standard padded base64: %s' % (field, error)) from None


def decode_envelope(text: str, max_pixels: float = DEFAULT_MAX_PIXELS) -> Decoded:
    """The image of a pixtext envelope v1, with every check pixtext's ``textToImage`` makes: version, fields, size
    against ``max_pixels`` (before decoding), base64, ``byteLength``, CRC-32.

    Raw envelopes of every mode and npy envelopes need NumPy alone; PNG, JPEG, BMP, GIF (its first frame) and WebP
    envelopes are read through Pillow (``ERR_UNSUPPORTED`` without it, or for WebP without Pillow's WebP support;
    also for 16-bit colour PNG files, LA16, RGB16 and RGBA16, which Pillow reads as 8 bits). A PNG colour key
    (tRNS) gives alpha, as in pixtext. Any valid JSON of the envelope object is read (key order, whitespace,
    escapes); unknown keys are ignored.

    :param text: the envelope.
    :param max_pixels: the largest width x height accepted; defaults to 268,402,689 (``math.inf`` disables).
    :returns: a :class:`Decoded`, which unpacks as ``(array, mode)`` and has ``palette`` and ``metadata``.
    :raises PixtextError: ``ERR_NOT_JSON``, ``ERR_ENVELOPE_VERSION``, ``ERR_ENVELOPE``, ``ERR_TOO_LARGE``,
        ``ERR_BASE64``, ``ERR_LENGTH_MISMATCH``, ``ERR_CHECKSUM``, ``ERR_CORRUPT``, ``ERR_UNSUPPORTED``.

    >>> array, mode = decode_envelope('{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw",'
    ...                               '"byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}')
    >>> mode, array.tolist()
    ('RGB', [[[255, 0, 0], [0, 255, 0]]])
    """
    try:
        fields = json.loads(text)
    except ValueError as error:
        raise PixtextError("ERR_NOT_JSON", "The text is not JSON: %s" % error) from None
    if not isinstance(fields, dict):
        raise PixtextError("ERR_NOT_JSON", "The text is JSON but not an object")
    version = _field(fields, "pixtext", _count, "an integer version")
    if version != 1:
        raise PixtextError("ERR_ENVELOPE_VERSION", "Envelope version %d is not supported (only 1)" % version)
    width = _field(fields, "width", _count, "a non-negative integer")
    height = _field(fields, "height", _count, "a non-negative integer")
    mode = _field(fields, "mode", lambda v: v in MODES, "one of " + ", ".join(MODES))
    encoding = _field(fields, "encoding", lambda v: v in ENCODINGS, "one of " + ", ".join(ENCODINGS))
    byte_length = _field(fields, "byteLength", _count, "a non-negative integer")
    crc = _field(fields, "crc32", lambda v: isinstance(v, str) and re.fullmatch(r"[0-9a-f]{8}", v), "8 lowercase hex digits")
    palette_text = _field(fields, "palette", lambda v: isinstance(v, str), "a base64 string", optional=True)
    _field(fields, "source", lambda v: isinstance(v, str), "a string", optional=True)
    metadata = _field(fields, "metadata", lambda v: isinstance(v, dict), "a JSON object", optional=True)
    data_text = _field(fields, "data", lambda v: isinstance(v, str), "a base64 string")
    palette = None
    if palette_text is not None:
        if encoding != "raw" or mode != "P":
            raise PixtextError("ERR_ENVELOPE", 'Envelope field "palette" must be absent unless mode is P and encoding raw')
        entries = _base64(palette_text, "palette", False)
        if len(entries) % 4 or len(entries) > 1024:
            raise PixtextError("ERR_ENVELOPE", 'Envelope field "palette" must be up to 256 RGBA entries')
        palette = np.frombuffer(entries, np.uint8).reshape(-1, 4).copy()
    if width * height > max_pixels:
        raise PixtextError("ERR_TOO_LARGE", "The envelope header declares %dx%d = %d pixels, over max_pixels %s"
                           % (width, height, width * height, max_pixels))
    expected = _byte_length(mode, width, height)
    if encoding == "raw" and byte_length != expected:
        raise PixtextError("ERR_LENGTH_MISMATCH", "Envelope byteLength is %d but a %dx%d %s image needs %d"
                           % (byte_length, width, height, mode, expected))
    data = _base64(data_text, "data", True)
    if len(data) != byte_length:
        raise PixtextError("ERR_LENGTH_MISMATCH", "Envelope data holds %d bytes but byteLength is %d" % (len(data), byte_length))
    actual = "%08x" % (zlib.crc32(data) & 0xFFFFFFFF)
    if actual != crc:
        raise PixtextError("ERR_CHECKSUM", "Envelope data CRC-32 is %s but crc32 is %s" % (actual, crc))
    if encoding == "raw":
        return Decoded(_array_of(data, mode, width, height), mode, palette, metadata)
    if encoding == "npy":
        return Decoded(_from_npy(data, mode, width, height), mode, None, metadata)
    array, file_palette = _from_pillow(data, encoding, mode, width, height)
    return Decoded(array, mode, file_palette, metadata)
