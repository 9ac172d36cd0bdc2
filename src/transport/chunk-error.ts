import { PixtextError } from '../errors.js';
import type { ErrorCode, ErrorLocation } from '../errors.js';

/** Where a chunked-transport error was found, beyond {@link ErrorLocation}. */
export interface ChunkErrorLocation extends ErrorLocation {
  /** The index the chunk declares, when it could be read. */
  index?: number;
  /** The chunk's position in the list given to `joinText`. */
  position?: number;
  /** The indexes still missing (`ERR_CHUNK_MISSING`), ascending. */
  missing?: readonly number[];
  cause?: unknown;
}

/**
 * The {@link PixtextError} of chunked transport (`splitText`, `joinText`, `Reassembler`): same stable `code`s,
 * plus which chunk it concerns, so a receiver can drop or ask again for exactly that chunk.
 *
 * @example
 * ```ts
 * try { joinText(chunks); } catch (e) {
 *   if (e instanceof ChunkError && e.code === ErrorCode.CHUNK_MISSING) requestAgain(e.missing);
 * }
 * ```
 */
export class ChunkError extends PixtextError {
  /** The index the offending chunk declares, when it could be read. */
  readonly index: number | undefined;
  /** The offending chunk's position in the list given to `joinText`. */
  readonly position: number | undefined;
  /** For `ERR_CHUNK_MISSING`: every missing index, ascending. */
  readonly missing: readonly number[] | undefined;

  constructor(code: ErrorCode, message: string, location: ChunkErrorLocation = {}) {
    super(code, message, location);
    this.index = location.index;
    this.position = location.position;
    this.missing = location.missing;
  }
}

/**
 * Renders ascending indexes compactly for a message, as ranges (`0, 3-7, 9`), at most `maxRanges` of them.
 * @internal
 */
export function describeIndexes(indexes: readonly number[], maxRanges = 16): string {
  const parts: string[] = [];
  let i = 0;
  while (i < indexes.length && parts.length < maxRanges) {
    const first = indexes[i]!;
    let last = first;
    while (i + 1 < indexes.length && indexes[i + 1] === last + 1) last = indexes[++i]!;
    parts.push(first === last ? String(first) : `${first}-${last}`);
    i++;
  }
  const rest = indexes.length - i;
  return rest > 0 ? `${parts.join(', ')} and ${rest} more` : parts.join(', ');
}
