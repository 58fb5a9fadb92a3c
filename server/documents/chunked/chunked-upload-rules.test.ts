import { describe, expect, it } from 'vitest';
import { expectedPartSize, partCountOf, PART_BYTES } from './chunked-upload-rules';

describe('chunked upload part sizes', () => {
  it('cuts a file in 8 MiB parts, the last one shorter, never an empty part', () => {
    expect(PART_BYTES).toBe(8 * 1024 * 1024);
    const MiB = 1024 * 1024;
    expect(partCountOf(1, PART_BYTES)).toBe(1);
    expect(partCountOf(8 * MiB, PART_BYTES)).toBe(1);
    expect(partCountOf(8 * MiB + 1, PART_BYTES)).toBe(2);
    expect(partCountOf(300_000_000, PART_BYTES)).toBe(36);
    expect(expectedPartSize(300_000_000, PART_BYTES, 1)).toBe(8 * MiB);
    expect(expectedPartSize(300_000_000, PART_BYTES, 36)).toBe(300_000_000 - 35 * 8 * MiB);
    expect(expectedPartSize(8 * MiB, PART_BYTES, 1)).toBe(8 * MiB);
    expect(expectedPartSize(8 * MiB + 1, PART_BYTES, 2)).toBe(1);
  });
});
