#!/usr/bin/env python3
"""Pillow dump JSON fixtures, made with Pillow itself (needs python3-pil; Debian: apt-get install python3-pil).

    python3 scripts/gen-pil-dump-fixtures.py            # (re)writes tests/fixtures/pil-dump/
    python3 scripts/gen-pil-dump-fixtures.py --check D   # Pillow-loads every D/<case>.json pixtext's writer wrote

Writes two sets:

from-pillow/  What the original "Image-to-Binary" app wrote for small deterministic images, one per Pillow mode
              (1, L, LA, P, RGB, RGBA, CMYK, I;16, plus RGBX and I;16B; and I, I-range, F: see int_float), byte for byte:
                  json.dumps({"img_info": {"format": im.format, "size": im.size, "mode": im.mode},
                              "img_data": base64.b64encode(im.tobytes()).decode()})
              and, next to each `<case>.json`, `<case>.expected`: the pixels in the pixtext mode the reader must give,
              computed by Pillow (CMYK/RGBX via im.convert('RGB'), I;16 as little-endian samples, P as indices; for P
              also `P.rgba`, what Pillow shows for the palette-less dump: frombytes('P', ...).convert('RGBA')).

writer/       For pixtext's writer: `<case>.raw`, a source image in a pixtext mode (cases in writer/cases.json), and
              `<case>.json`, the text the writer must produce, written here by Python's json.dumps (the format the
              original app used) from the same pixels in Pillow's layout. Each is checked to load in Pillow with
              Image.frombytes(mode, size, b64decode(img_data)) to the source pixels.
"""
import base64
import io
import json
import os
import struct
import sys

from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'pil-dump')


def pattern(count, seed):
    """Deterministic bytes that use the whole 0-255 range."""
    return bytes(((i * 37 + seed * 101 + (i // 7) * 11) & 0xFF) for i in range(count))


def app_dump(im):
    """Exactly the original app's output."""
    return json.dumps({"img_info": {"format": im.format, "size": im.size, "mode": im.mode},
                       "img_data": base64.b64encode(im.tobytes()).decode()})


def reopen(im, fmt):
    """Save and reopen, so im.format is set as it is for a file the app opened."""
    buf = io.BytesIO()
    im.save(buf, fmt)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out


def le16(im):
    return struct.pack('<%dH' % (im.width * im.height), *im.getdata())


def from_pillow():
    out = os.path.join(ROOT, 'from-pillow')
    os.makedirs(out, exist_ok=True)
    w, h = 7, 3
    cases = {}
    bits = Image.frombytes('1', (13, 3), pattern(2 * 3, 1))
    cases['1'] = (reopen(bits, 'PNG'), lambda im: im.tobytes())
    for mode, n, seed in (('L', 1, 2), ('LA', 2, 3), ('RGB', 3, 4), ('RGBA', 4, 5)):
        cases[mode] = (reopen(Image.frombytes(mode, (w, h), pattern(w * h * n, seed)), 'PNG'), lambda im: im.tobytes())
    pal = Image.frombytes('P', (w, h), bytes(i % 6 for i in range(w * h)))
    pal.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 200, 100, 50, 7, 7, 7])
    cases['P'] = (reopen(pal, 'PNG'), lambda im: im.tobytes())
    cases['CMYK'] = (reopen(Image.frombytes('CMYK', (w, h), pattern(w * h * 4, 6)), 'TIFF'), lambda im: im.convert('RGB').tobytes())
    i16 = Image.frombytes('I;16', (w, h), pattern(w * h * 2, 7))
    cases['I;16'] = (reopen(i16, 'TIFF'), le16)
    cases['RGBX'] = (Image.frombytes('RGBX', (w, h), pattern(w * h * 4, 8)), lambda im: im.convert('RGB').tobytes())
    cases['I;16B'] = (Image.frombytes('I;16B', (w, h), pattern(w * h * 2, 9)), le16)
    for name, (im, expected) in cases.items():
        assert im.mode == name, (name, im.mode)
        stem = os.path.join(out, name.replace(';', '_'))
        with open(stem + '.json', 'w') as f:
            f.write(app_dump(im))
        with open(stem + '.expected', 'wb') as f:
            f.write(expected(im))
        if name == 'P':
            # What Pillow itself shows for the dump, which carries no palette.
            dumped = json.loads(app_dump(im))
            plain = Image.frombytes('P', tuple(dumped['img_info']['size']), base64.b64decode(dumped['img_data']))
            with open(stem + '.rgba', 'wb') as f:
                f.write(plain.convert('RGBA').tobytes())
    print('from-pillow:', ', '.join(cases))


def int_float():
    """Dumps of Pillow's 32-bit modes, as the app writes them for the files Pillow opens so.

    Pillow 9.4 opens a 16-bit grey PNG as mode I (int32; tobytes() gives 4 little-endian bytes a pixel on the
    machines it runs on). `I.png` is that PNG (Pillow's own save of the samples), `I.json` the app's dump of it
    reopened, `I.expected` its samples as little-endian uint16 (what pixtext reads as L16, and what its PNG decoder
    gives for I.png). `I-range.json`: an I image (a TIFF Pillow reopened) whose values leave 0..65535, with its
    extrema from Pillow's getextrema() in `I-range.extrema.json`. `F.json`: a mode F (float32) dump.
    """
    out = os.path.join(ROOT, 'from-pillow')
    w, h = 7, 3
    samples = [((i * 9973 + 17) * 31) % 65536 for i in range(w * h)]
    samples[0], samples[1] = 0, 65535
    grey16 = Image.frombytes('I;16', (w, h), struct.pack('<%dH' % (w * h), *samples))
    buf = io.BytesIO()
    grey16.save(buf, 'PNG')
    png = buf.getvalue()
    im = Image.open(io.BytesIO(png))
    im.load()
    assert im.mode == 'I' and list(im.getdata()) == samples, im.mode
    with open(os.path.join(out, 'I.png'), 'wb') as f:
        f.write(png)
    with open(os.path.join(out, 'I.json'), 'w') as f:
        f.write(app_dump(im))
    with open(os.path.join(out, 'I.expected'), 'wb') as f:
        f.write(struct.pack('<%dH' % (w * h), *samples))
    values = [((i * 40503 + 11) % 140000) - 5000 for i in range(w * h)]
    wide = reopen(Image.frombytes('I', (w, h), struct.pack('<%di' % (w * h), *values)), 'TIFF')
    assert wide.mode == 'I' and list(wide.getdata()) == values, wide.mode
    with open(os.path.join(out, 'I-range.json'), 'w') as f:
        f.write(app_dump(wide))
    low, high = wide.getextrema()
    with open(os.path.join(out, 'I-range.extrema.json'), 'w') as f:
        json.dump({'min': low, 'max': high}, f)
        f.write('\n')
    floats = reopen(Image.frombytes('F', (w, h), struct.pack('<%df' % (w * h), *[i / 4 for i in range(w * h)])), 'TIFF')
    assert floats.mode == 'F', floats.mode
    with open(os.path.join(out, 'F.json'), 'w') as f:
        f.write(app_dump(floats))
    print('from-pillow: I (16-bit PNG), I-range, F')


# pixtext mode -> (Pillow mode, bytes per pixel or None for 1-bit, swap red/blue)
WRITER_MODES = {
    '1': ('1', None, False), 'L': ('L', 1, False), 'LA': ('LA', 2, False), 'P': ('P', 1, False),
    'RGB': ('RGB', 3, False), 'RGBA': ('RGBA', 4, False), 'BGR': ('RGB', 3, True), 'BGRA': ('RGBA', 4, True),
    'L16': ('I;16', 2, False),
}


def pillow_layout(mode, data):
    pil, n, swap = WRITER_MODES[mode]
    if not swap:
        return data
    out = bytearray(data)
    out[0::n], out[2::n] = data[2::n], data[0::n]
    return bytes(out)


def check_loads(text, mode, size, source):
    """Pillow's frombytes on the dump gives the source pixels (in Pillow's layout)."""
    dumped = json.loads(text)
    info = dumped['img_info']
    assert info['mode'] == WRITER_MODES[mode][0] and info['size'] == list(size), info
    im = Image.frombytes(info['mode'], tuple(info['size']), base64.b64decode(dumped['img_data']))
    expected = pillow_layout(mode, source)
    got = le16(im) if info['mode'] == 'I;16' else im.tobytes()
    assert got == expected, f'{mode}: Pillow reads different pixels'


def writer():
    out = os.path.join(ROOT, 'writer')
    os.makedirs(out, exist_ok=True)
    cases = []
    for mode, (pil, n, _) in WRITER_MODES.items():
        w, h = (13, 3) if mode == '1' else (5, 3)
        raw = pattern(((w + 7) // 8) * h if n is None else w * h * n, len(cases) + 20)
        if n is None:  # mode 1: the pad bits at the end of each row are zero, as Pillow keeps them
            stride = (w + 7) // 8
            mask = (0xFF << (stride * 8 - w)) & 0xFF
            raw = bytes(b & mask if (i + 1) % stride == 0 else b for i, b in enumerate(raw))
        cases.append({'name': mode, 'mode': mode, 'width': w, 'height': h, 'format': 'PNG', 'raw': raw})
    cases.append({'name': 'P-palette', 'mode': 'P', 'width': 5, 'height': 3, 'format': 'PNG',
                  'raw': bytes(i % 3 for i in range(15)), 'palette': bytes([255, 0, 0, 255, 0, 255, 0, 128, 1, 2, 3, 0])})
    cases.append({'name': 'no-format', 'mode': 'RGB', 'width': 2, 'height': 2, 'format': None, 'raw': pattern(12, 40)})
    cases.append({'name': 'odd-format', 'mode': 'L', 'width': 1, 'height': 1, 'format': 'P\u00e9"\\\x7f\n\u20ac', 'raw': b'\x80'})
    cases.append({'name': 'empty', 'mode': 'RGB', 'width': 0, 'height': 4, 'format': 'PNG', 'raw': b''})
    listing = []
    for c in cases:
        pil = WRITER_MODES[c['mode']][0]
        info = {"format": c['format'], "size": [c['width'], c['height']], "mode": pil}
        if 'palette' in c:
            info['palette'] = base64.b64encode(c['palette']).decode()
        text = json.dumps({"img_info": info, "img_data": base64.b64encode(pillow_layout(c['mode'], c['raw'])).decode()})
        if c['width'] * c['height'] > 0:
            check_loads(text, c['mode'], (c['width'], c['height']), c['raw'])
        with open(os.path.join(out, c['name'] + '.json'), 'w') as f:
            f.write(text)
        with open(os.path.join(out, c['name'] + '.raw'), 'wb') as f:
            f.write(c['raw'])
        entry = {k: c[k] for k in ('name', 'mode', 'width', 'height', 'format')}
        if 'palette' in c:
            entry['palette'] = base64.b64encode(c['palette']).decode()
        listing.append(entry)
    with open(os.path.join(out, 'cases.json'), 'w') as f:
        json.dump(listing, f, indent=1)
        f.write('\n')
    print('writer:', ', '.join(c['name'] for c in cases))


def check(folder):
    """Loads pixtext's own writer output (folder/<case>.json) with Pillow and compares with the source pixels."""
    listing = json.load(open(os.path.join(ROOT, 'writer', 'cases.json')))
    for c in listing:
        if c['width'] * c['height'] == 0:
            continue
        source = open(os.path.join(ROOT, 'writer', c['name'] + '.raw'), 'rb').read()
        check_loads(open(os.path.join(folder, c['name'] + '.json')).read(), c['mode'], (c['width'], c['height']), source)
        print(f"ok  {c['name']}: Pillow frombytes gives the source pixels")


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--check':
        check(sys.argv[2])
    else:
        from_pillow()
        int_float()
        writer()
