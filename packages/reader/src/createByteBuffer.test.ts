import { describe, expect, it } from 'vitest';
import { createByteBuffer } from './createByteBuffer.js';
import { createRandom } from '../../../test/support/multipartBodies.js';

describe('createByteBuffer', () => {
  it('behaves like a plain array under random appends and discards', () => {
    const random = createRandom(42);
    const buffer = createByteBuffer();
    let model: number[] = [];
    let next = 0;
    for (let round = 0; round < 2000; round++) {
      if (random() < 0.6) {
        const chunk = new Uint8Array(Math.floor(random() * 700));
        for (let index = 0; index < chunk.length; index++) chunk[index] = next++ & 0xff;
        buffer.append(chunk);
        model.push(...chunk);
      } else {
        const count = Math.floor(random() * (model.length + 10));
        buffer.discard(count);
        model = model.slice(count);
      }
      expect(buffer.length).toBe(model.length);
      expect([...buffer.view()]).toEqual(model);
    }
  });
});
