/**
 * A growable byte buffer that is cheap at both ends: appending is amortised O(1) per byte (capacity
 * doubles), and discarding from the front only moves a start index; the bytes still needed are moved
 * to the front at most once per doubling. This is what keeps the parsers linear: they never
 * concatenate the whole buffer per chunk (meros's node build does, and is quadratic on big parts).
 */
export interface ByteBuffer {
  /** Number of bytes held. */
  readonly length: number;
  /** Appends a copy of `bytes` (the caller may reuse its chunk afterwards). */
  append(bytes: Uint8Array): void;
  /** Forgets the first `count` bytes. */
  discard(count: number): void;
  /** The bytes held, as a view that is valid until the next `append` or `discard`. */
  view(): Uint8Array;
}

const INITIAL_CAPACITY = 1024;

/**
 * Creates an empty {@link ByteBuffer}.
 *
 * @returns A new buffer.
 */
export function createByteBuffer(): ByteBuffer {
  let bytes = new Uint8Array(0);
  let start = 0;
  let end = 0;

  return {
    get length() {
      return end - start;
    },
    append(chunk) {
      if (chunk.length === 0) return;
      const needed = end - start + chunk.length;
      if (end + chunk.length > bytes.length) {
        // Either way at least as much room is left free as bytes were moved, so moves stay amortised
        // O(1) per appended byte.
        if (needed <= bytes.length / 2) {
          bytes.copyWithin(0, start, end);
        } else {
          let capacity = Math.max(INITIAL_CAPACITY, bytes.length);
          while (capacity < needed * 2) capacity *= 2;
          const grown = new Uint8Array(capacity);
          grown.set(bytes.subarray(start, end));
          bytes = grown;
        }
        end -= start;
        start = 0;
      }
      bytes.set(chunk, end);
      end += chunk.length;
    },
    discard(count) {
      start = Math.min(end, start + count);
      if (start === end) {
        start = 0;
        end = 0;
      }
    },
    view() {
      return bytes.subarray(start, end);
    },
  };
}
