"""What the dataset checks (check_parquet.py, check_jsonl.py) share: the source folder's file hashes, the rows-against-files
check and the one-line-per-check report. Standard library only, so either interpreter can import it."""

import hashlib
import os

IMAGE_EXTENSIONS = {".png", ".bmp", ".dib", ".jpg", ".jpeg", ".jpe", ".jfif", ".gif", ".webp"}

results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok or not detail else ': ' + detail}")


def source_digests(folder):
    """SHA-256 of every image file under the folder, by '/'-separated relative path (as pixtext records it)."""
    digests = {}
    for base, _dirs, names in os.walk(folder):
        for name in names:
            if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS:
                full = os.path.join(base, name)
                rel = os.path.relpath(full, folder).replace(os.sep, "/")
                with open(full, "rb") as f:
                    digests[rel] = hashlib.sha256(f.read()).hexdigest()
    return digests


def check_rows(label, rows, expected):
    """rows: (path, bytes) pairs; each must be one source file, byte for byte, and every source file must appear."""
    seen = {}
    wrong = []
    for path, data in rows:
        digest = hashlib.sha256(data).hexdigest() if data is not None else None
        if expected.get(path) != digest:
            wrong.append(path)
        seen[path] = seen.get(path, 0) + 1
    check(f"{label}: every image's bytes equal its source file (sha256)", not wrong, f"different or unknown: {wrong[:5]}")
    missing = sorted(set(expected) - set(seen))
    repeated = sorted(p for p, n in seen.items() if n > 1)
    check(f"{label}: every source file exactly once ({len(expected)})", not missing and not repeated, f"missing {missing[:5]}, repeated {repeated[:5]}")
