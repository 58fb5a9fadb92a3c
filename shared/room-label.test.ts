import { describe, expect, it } from 'vitest';
import { roomLabel } from './room-label';

describe('roomLabel', () => {
  it.each([
    ['Phòng họp số 1', 'Phòng họp số 1'],
    ['phòng 204', 'phòng 204'],
    ['Hội trường tầng 2', 'Hội trường tầng 2'],
    ['301', 'Phòng 301'],
    ['B2.1', 'Phòng B2.1'],
    ['  A2 ', 'Phòng A2'],
    ['', ''],
  ])('%j → %j', (room, shown) => expect(roomLabel(room, 'Phòng')).toBe(shown));
});
