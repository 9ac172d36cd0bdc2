#!/bin/sh
# Stand-in for `pixtext encode --files-from -` while that option is not in this version of pixtext: reads relative
# paths of image files on standard input (one per line, from the current folder), links them under their own
# relative paths into a temporary folder (read with --follow-links: the links are this script's own), and writes that folder as JSONL (each file's own bytes, --encoding original)
# to standard output, so each line's metadata.path is the path that came in. The arguments are the command that runs pixtext, e.g.
#   printf 'a.png\nsub/b.jpg\n' | sh encode-paths.sh node dist/cli.js > part.jsonl
# Delete this file, and its use in pixtext_spark_job.py, once `--files-from -` is there.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while IFS= read -r path; do
  [ -n "$path" ] || continue
  mkdir -p "$tmp/$(dirname "$path")"
  ln -s "$PWD/$path" "$tmp/$path"
done
"$@" encode "$tmp" --jsonl --encoding original --follow-links --quiet --jobs 1
