// The Parquet layout of a Hugging Face `datasets` image table, which `pixtext encode <dir> --parquet` writes and
// `pixtext decode x.parquet` reads: a column `image` of struct {bytes: binary, path: string} (what `datasets`' Image
// feature stores) and the columns width, height (int32), mode and format (string). The `huggingface` key-value
// metadata is what lets `datasets.load_dataset('parquet', …)` give the column back as images, not plain structs.
import type { SchemaElement, SchemaTree } from 'hyparquet';
// hyparquet-writer has a hyparquet of its own; the schema it is given is typed by that copy.
import type { SchemaElement as WrittenSchemaElement } from 'hyparquet-writer';
import { FileError } from '../report.js';

/** The schema written, root first, in the flat pre-order form Parquet stores. Every field is nullable, as Arrow writes. */
export const IMAGE_TABLE_SCHEMA: WrittenSchemaElement[] = [
  { name: 'schema', num_children: 5 },
  { name: 'image', repetition_type: 'OPTIONAL', num_children: 2 },
  { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
  { name: 'path', type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type: 'OPTIONAL' },
  { name: 'width', type: 'INT32', repetition_type: 'OPTIONAL' },
  { name: 'height', type: 'INT32', repetition_type: 'OPTIONAL' },
  { name: 'mode', type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type: 'OPTIONAL' },
  { name: 'format', type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type: 'OPTIONAL' },
];

const stringValue = { dtype: 'string', _type: 'Value' };
const int32Value = { dtype: 'int32', _type: 'Value' };

/** The `datasets` features of the table, stored under the `huggingface` key as `datasets` itself writes them. */
export const HUGGING_FACE_METADATA = {
  key: 'huggingface',
  value: JSON.stringify({
    info: { features: { image: { _type: 'Image' }, width: int32Value, height: int32Value, mode: stringValue, format: stringValue } },
  }),
};

/** One row as written: the file's bytes unchanged, its relative path, and what its header says. */
export interface ImageRow {
  readonly bytes: Uint8Array;
  readonly path: string;
  readonly width: number;
  readonly height: number;
  /** pixtext's mode name (Pillow's, with `L16`… for 16-bit). */
  readonly mode: string;
  /** Pillow's format name: `PNG`, `JPEG`, `BMP`. */
  readonly format: string;
}

/**
 * Checks that a file's schema has the image column this command reads: `image` a struct with a binary `bytes` and a
 * string `path` field. Other columns are allowed and ignored.
 *
 * @throws FileError `ERR_PARQUET_SCHEMA` naming what is missing and the columns the file has.
 * @example
 * ```ts
 * checkImageColumn(parquetSchema(metadata));
 * ```
 */
export function checkImageColumn(root: SchemaTree): void {
  const columns = root.children.map((c) => c.element.name);
  const describe = `the file's columns are ${columns.length === 0 ? 'none' : columns.map((c) => JSON.stringify(c)).join(', ')}`;
  const image = root.children.find((c) => c.element.name === 'image');
  if (image === undefined) throw new FileError('ERR_PARQUET_SCHEMA', `has no column "image" (a struct of bytes and path, as Hugging Face datasets store images); ${describe}`);
  const field = (name: string): SchemaElement | undefined => image.children.find((c) => c.element.name === name && c.children.length === 0)?.element;
  const bytes = field('bytes');
  const path = field('path');
  if (image.children.length === 0 || bytes?.type !== 'BYTE_ARRAY' || path?.type !== 'BYTE_ARRAY') {
    const fields = image.children.map((c) => JSON.stringify(c.element.name)).join(', ');
    throw new FileError(
      'ERR_PARQUET_SCHEMA',
      `column "image" is not a struct with a binary "bytes" and a string "path" field (its fields: ${fields === '' ? 'none, it is a plain column' : fields})`,
    );
  }
  if (image.element.repetition_type === 'REPEATED' || bytes.repetition_type === 'REPEATED' || path.repetition_type === 'REPEATED') {
    throw new FileError('ERR_PARQUET_SCHEMA', 'column "image" is a list, not one struct {bytes, path} per row');
  }
}
