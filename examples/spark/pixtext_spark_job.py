"""A PySpark job that turns a folder of images into a pixtext JSONL dataset with the `pixtext` command line, then
decodes the dataset back and checks that every file came back identical.

The listing of the folder is distributed as an RDD of relative paths; each partition is piped (`rdd.pipe`) through
`pixtext encode <folder> --files-from -`, which reads the paths on its standard input and writes one envelope per line on its
standard output; Spark saves those lines as the dataset's part files. The executors need the `pixtext` command and
the folder (a shared file system, or the same copy on every node): README.md says how on a cluster.

Usage (local mode, two worker threads):
    python examples/spark/pixtext_spark_job.py <folder> --master 'local[2]' --work <new folder> [--pixtext "node dist/cli.js"]
Ends with "N passed, N failed"; exits 1 when any file did not come back identical.
"""

import argparse
import filecmp
import os
import shlex
import subprocess
import sys

from pyspark.sql import SparkSession

IMAGE_EXTENSIONS = {".png", ".bmp", ".dib", ".jpg", ".jpeg", ".jpe", ".jfif", ".gif", ".webp", ".npy"}


def list_images(folder):
    """Relative '/'-separated paths of the image files under folder, sorted (what pixtext records as metadata.path)."""
    found = []
    for base, _dirs, names in os.walk(folder):
        for name in names:
            if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS:
                found.append(os.path.relpath(os.path.join(base, name), folder).replace(os.sep, "/"))
    return sorted(found)


def pipe_command(pixtext, folder):
    """The command each partition is piped through: paths in (relative to folder), JSONL lines out.

    pixtext carries each file's own bytes by default, so decoding gives the identical file; --jobs 1 because Spark
    already runs one task per executor core; --quiet because a task's standard error is a log, not a terminal.
    """
    encode = pixtext + ["encode", os.path.abspath(folder), "--files-from", "-", "--quiet", "--jobs", "1"]
    return " ".join(shlex.quote(a) for a in encode)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", help="the folder of images to encode")
    parser.add_argument("--work", required=True, help="where the dataset and the decoded folder are written (must not hold them yet)")
    parser.add_argument("--pixtext", default="pixtext", help='how to run pixtext on the executors, e.g. "node dist/cli.js"')
    parser.add_argument("--driver-pixtext", help="how to run pixtext on the driver, for the decode check (defaults to --pixtext)")
    parser.add_argument("--master", help="Spark master for a run without spark-submit, e.g. local[2] (set in code, it would override spark-submit's)")
    parser.add_argument("--partitions", type=int, default=4)
    args = parser.parse_args()

    pixtext = shlex.split(args.pixtext)
    paths = list_images(args.folder)
    parts = os.path.join(os.path.abspath(args.work), "dataset-parts")
    dataset = os.path.join(os.path.abspath(args.work), "dataset.jsonl")
    restored = os.path.join(os.path.abspath(args.work), "restored")

    builder = SparkSession.builder.appName("pixtext-encode").config("spark.ui.enabled", "false")
    spark = (builder.master(args.master) if args.master else builder).getOrCreate()
    try:
        command = pipe_command(pixtext, args.folder)
        print("pipe stage: {}".format(command))
        listing = spark.sparkContext.parallelize(paths, numSlices=args.partitions)
        # checkCode: a partition whose pixtext exits non-zero (a file it could not encode) fails the job. rdd.pipe
        # starts the command with only the environment it is given, so the driver's PATH goes along.
        env = {"PATH": os.environ.get("PATH", os.defpath)}
        listing.pipe(command, env=env, checkCode=True).saveAsTextFile("file://" + parts)
    finally:
        spark.stop()

    # The part files, in partition order, make one JSONL dataset (each partition kept the listing's order).
    names = sorted(n for n in os.listdir(parts) if n.startswith("part-"))
    lines = 0
    with open(dataset, "wb") as out:
        for name in names:
            with open(os.path.join(parts, name), "rb") as part:
                for line in part:
                    out.write(line)
                    lines += 1
    print("{} lines from {} partitions for {} files".format(lines, len(names), len(paths)))

    driver_pixtext = shlex.split(args.driver_pixtext) if args.driver_pixtext else pixtext
    subprocess.run(driver_pixtext + ["decode", dataset, "-o", restored, "--quiet"], check=True)
    passed = failed = 0
    for path in paths:
        copy = os.path.join(restored, *path.split("/"))
        if os.path.exists(copy) and filecmp.cmp(os.path.join(args.folder, *path.split("/")), copy, shallow=False):
            passed += 1
        else:
            failed += 1
            print("FAIL {}: not identical after encode on Spark and decode".format(path))
    if lines != len(paths):
        failed += 1
        print("FAIL the dataset has {} lines for {} files".format(lines, len(paths)))
    print("{} passed, {} failed".format(passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
