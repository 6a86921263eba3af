/**
 * @module Reads a byte stream in exact-size pieces without holding it whole: audio uploads may be larger than a
 * Worker's memory, so their headers are parsed and their samples scanned as the bytes arrive.
 */

export class ByteStreamReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private buffer: Uint8Array = new Uint8Array(0);
  private offset = 0;
  /** Bytes consumed so far (position in the stream). */
  position = 0;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.reader = stream.getReader();
  }

  /** Exactly `length` bytes, or fewer only at the end of the stream. */
  async read(length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      if (this.offset === this.buffer.length && !(await this.fill())) break;
      const take = Math.min(length - filled, this.buffer.length - this.offset);
      out.set(this.buffer.subarray(this.offset, this.offset + take), filled);
      this.offset += take;
      filled += take;
    }
    this.position += filled;
    return filled === length ? out : out.subarray(0, filled);
  }

  /** Hands the next available chunk (at most `maxLength` bytes) to `visit` without copying; false at the end. */
  async forEachChunk(maxLength: number, visit: (chunk: Uint8Array) => void): Promise<number> {
    let remaining = maxLength;
    while (remaining > 0) {
      if (this.offset === this.buffer.length && !(await this.fill())) break;
      const take = Math.min(remaining, this.buffer.length - this.offset);
      visit(this.buffer.subarray(this.offset, this.offset + take));
      this.offset += take;
      remaining -= take;
    }
    const consumed = maxLength - remaining;
    this.position += consumed;
    return consumed;
  }

  async skip(length: number): Promise<number> {
    return this.forEachChunk(length, () => {});
  }

  async cancel(): Promise<void> {
    await this.reader.cancel();
  }

  private async fill(): Promise<boolean> {
    const { done, value } = await this.reader.read();
    if (done) return false;
    this.buffer = value;
    this.offset = 0;
    return true;
  }
}
