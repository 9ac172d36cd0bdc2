// Row-group bounds of `encode --parquet`, apart from the writer so that the command's help can name them without
// loading the Parquet libraries (they are imported only when a Parquet file is written or read).

/** Rows per row group unless `--row-group-size` says otherwise: what Hugging Face `datasets` uses for image tables. */
export const DEFAULT_ROW_GROUP_ROWS = 100;
/** A row group is also closed once its files reach this many bytes, so a folder of large images stays bounded too. */
export const MAX_ROW_GROUP_BYTES = 128 * 1024 * 1024;
