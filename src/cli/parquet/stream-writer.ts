// A hyparquet-writer `Writer` that hands its bytes to a Node stream after each row group, so the file is never held
// whole: the buffer only ever holds the row group being written (and, at the end, the footer).
import type { Writable } from 'node:stream';
import type { Writer } from 'hyparquet-writer';

/** A hyparquet-writer Writer that counts what it handed to the stream. */
export interface StreamWriter extends Writer {
  /** Bytes handed to the stream so far. */
  readonly written: number;
}

/**
 * A {@link StreamWriter} on `out`. hyparquet-writer is loaded here, on first use, not when the command line starts.
 *
 * @example
 * ```ts
 * const writer = await createStreamWriter(file.stream);
 * const pq = new ParquetWriter({ writer, schema });
 * await pq.write({ columnData, rowGroupSize: rows });
 * await pq.finish();
 * ```
 */
export async function createStreamWriter(out: Writable): Promise<StreamWriter> {
  const { ByteWriter } = await import('hyparquet-writer');

  // Collects bytes like ByteWriter and writes them out on flush(), which ParquetWriter calls after every row group
  // and waits for, and on finish().
  class StreamByteWriter extends ByteWriter {
    /** Bytes handed to the stream so far. */
    written = 0;

    constructor(private readonly out: Writable) {
      super(1 << 20);
    }

    /** Writes what is buffered and waits until the stream took it (its backpressure bounds memory). */
    flush(): Promise<void> {
      if (this.index === 0) return Promise.resolve();
      // A copy: the buffer is reused for the next row group while the stream may still hold this chunk.
      const chunk = Buffer.from(this.buffer.slice(0, this.index));
      this.index = 0;
      this.written += chunk.length;
      return new Promise((resolve, reject) => {
        this.out.write(chunk, (error) => (error ? reject(error) : resolve()));
      });
    }

    override finish(): Promise<void> {
      return this.flush();
    }

    override getBuffer(): ArrayBuffer {
      throw new Error('StreamByteWriter writes to a stream; it has no buffer to return');
    }

    override getBytes(): Uint8Array<ArrayBuffer> {
      throw new Error('StreamByteWriter writes to a stream; it has no bytes to return');
    }
  }
  return new StreamByteWriter(out);
}
