import { describe, expect, it } from 'vitest';
import { chooseBucket, timezoneOffsetMs } from './access-timeline';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('chooseBucket', () => {
  it.each([
    [0, MIN],
    [45 * MIN, MIN],
    [3 * HOUR, 5 * MIN],
    [8 * HOUR, 10 * MIN],
    [27 * HOUR, 30 * MIN],
    [2.5 * 24 * HOUR, 2 * HOUR],
    [5 * 24 * HOUR, 3 * HOUR],
    [29 * 24 * HOUR, 12 * HOUR],
    [30 * 24 * HOUR, 24 * HOUR],
    [365 * 24 * HOUR, 7 * 24 * HOUR],
  ])('a span of %d ms → %d ms buckets', (span, bucket) => {
    expect(chooseBucket(span)).toBe(bucket);
  });
});

describe('timezoneOffsetMs', () => {
  it('knows Vietnam is UTC+7 and UTC is 0', () => {
    expect(timezoneOffsetMs('Asia/Ho_Chi_Minh', Date.parse('2026-12-01T00:00:00Z'))).toBe(7 * HOUR);
    expect(timezoneOffsetMs('UTC', 0)).toBe(0);
    expect(timezoneOffsetMs('America/St_Johns', Date.parse('2026-01-15T00:00:00Z'))).toBe(-3.5 * HOUR);
  });
});
