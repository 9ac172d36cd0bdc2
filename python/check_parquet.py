"""Reads a Parquet file written by `pixtext encode <folder> --parquet` with pyarrow (and Hugging Face `datasets`
when it is installed) and checks it against the folder it was made from: the schema of the Hugging Face image
layout, row groups no larger than asked, every image's bytes (SHA-256) equal to its source file's, each row's
`format` column naming the format its bytes start with, and (--formats) the formats the rows must cover.

Usage: python python/check_parquet.py <file.parquet> <source-folder> [--row-group-size N] [--formats PNG,JPEG,...]
Prints one line per check and ends with "N passed, N failed"; exits 1 when any check failed.
"""

import argparse
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from check_report import check, check_rows, results, source_digests

# The `format` column's name for a file, from its first bytes (the signatures of the formats' specifications).
SIGNATURES = [(b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"BM", "BMP"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF")]
EXPECTED_SCHEMA = pa.schema(
    [
        ("image", pa.struct([("bytes", pa.binary()), ("path", pa.string())])),
        ("width", pa.int32()),
        ("height", pa.int32()),
        ("mode", pa.string()),
        ("format", pa.string()),
    ]
)


def signature_format(data):
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return next((name for magic, name in SIGNATURES if data.startswith(magic)), None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("parquet")
    parser.add_argument("folder")
    parser.add_argument("--row-group-size", type=int, default=100)
    parser.add_argument("--formats", default="", help="comma-separated formats the rows must include: PNG,JPEG,BMP,GIF,WEBP")
    args = parser.parse_args()
    expected = source_digests(args.folder)

    meta = pq.ParquetFile(args.parquet)
    schema = meta.schema_arrow
    check("schema is image struct<bytes: binary, path: string>, width/height int32, mode/format string",
          schema.remove_metadata().equals(EXPECTED_SCHEMA), str(schema.remove_metadata()))
    hf = json.loads((schema.metadata or {}).get(b"huggingface", b"{}"))
    check("huggingface metadata declares image as an Image feature",
          hf.get("info", {}).get("features", {}).get("image") == {"_type": "Image"}, json.dumps(hf)[:200])
    sizes = [meta.metadata.row_group(i).num_rows for i in range(meta.metadata.num_row_groups)]
    check(f"row groups hold at most {args.row_group_size} rows ({sizes})", all(0 < n <= args.row_group_size for n in sizes))

    table = pq.read_table(args.parquet)
    images = table.column("image").to_pylist()
    check_rows("pyarrow", [(im["path"], im["bytes"]) for im in images], expected)
    formats = table.column("format").to_pylist()
    misnamed = [im["path"] for im, name in zip(images, formats) if signature_format(im["bytes"]) != name]
    check("every row's format column names the format its bytes start with", not misnamed, f"misnamed: {misnamed[:5]}")
    if args.formats:
        wanted = set(args.formats.split(","))
        check(f"rows cover the formats {','.join(sorted(wanted))}", wanted <= set(formats), f"found only {sorted(set(formats))}")

    try:
        import datasets
    except ImportError:
        print("note: Hugging Face datasets is not installed; load_dataset not checked")
    else:
        ds = datasets.load_dataset("parquet", data_files=args.parquet, split="train")
        check("datasets.load_dataset reads image as an Image feature", isinstance(ds.features["image"], datasets.Image), str(ds.features))
        # decode=False gives the stored {bytes, path} without Pillow: the bytes are what matters here.
        raw = ds.cast_column("image", datasets.Image(decode=False))
        check_rows("datasets", [(row["image"]["path"], row["image"]["bytes"]) for row in raw], expected)

    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
