import { StringDecoder } from "node:string_decoder";

/**
 * One stream of one VM's output: keeps the first `maxBytes` bytes and hands them on as text
 * (a character split between two chunks is held until it is whole); the rest only counts.
 */
export class OutputCapture {
  private kept = 0;
  private readonly decoder = new StringDecoder("utf8");
  truncated = false;

  constructor(private readonly maxBytes: number) {}

  /** The text of the part of this chunk that is kept ("" when nothing is). */
  take(chunk: Buffer): string {
    if (this.truncated) return "";
    const room = this.maxBytes - this.kept;
    if (chunk.length > room) {
      this.truncated = true;
      chunk = chunk.subarray(0, room);
    }
    this.kept += chunk.length;
    // At the cut, a character's first bytes stay in the decoder and are dropped with the rest.
    return this.decoder.write(chunk);
  }

  /** What the decoder still holds once the stream ended (a cut-off character becomes U+FFFD). */
  end(): string {
    return this.truncated ? "" : this.decoder.end();
  }
}
