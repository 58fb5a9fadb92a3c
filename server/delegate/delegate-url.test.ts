import { describe, expect, it } from 'vitest';
import { newId, newSecret, newToken } from '../ids';
import { DEVICE_ID_SHAPE, DOCUMENT_ID_SHAPE, documentPath, matchDelegateTarget, pagePath, readerPath, TOKEN_SHAPE } from './delegate-url';

describe('delegate URLs', () => {
  it('matches the ids this server makes, and the paths it builds from them', () => {
    const token = newToken();
    const documentId = newId();
    expect(TOKEN_SHAPE.test(token)).toBe(true);
    expect(DEVICE_ID_SHAPE.test(newSecret())).toBe(true);
    expect(matchDelegateTarget(pagePath(token))).toEqual({ token, search: '' });
    expect(matchDelegateTarget(documentPath(token, documentId) + '?download=1')).toEqual({ token, documentId, search: '?download=1' });
  });

  it('takes tokens of 16 to 64 URL-safe characters and document ids of 1 to 64, nothing else', () => {
    expect(matchDelegateTarget(`/s/${'a'.repeat(16)}`)).not.toBeNull();
    expect(matchDelegateTarget(`/s/${'a'.repeat(64)}`)).not.toBeNull();
    expect(matchDelegateTarget(`/s/${'a'.repeat(15)}`)).toBeNull();
    expect(matchDelegateTarget(`/s/${'a'.repeat(65)}`)).toBeNull();
    expect(matchDelegateTarget(`/s/${'a'.repeat(22)}/d/${'b'.repeat(64)}`)).not.toBeNull();
    expect(matchDelegateTarget(`/s/${'a'.repeat(22)}/d/${'b'.repeat(65)}`)).toBeNull();
    for (const odd of ['/s/', `/s/${'a'.repeat(22)}/`, `/s/${'a'.repeat(22)}/pin`, `/s/${'a'.repeat(22)}/d/`, `/s/${'a'.repeat(21)}%00`, `//s/${'a'.repeat(22)}`, `/s/${'a'.repeat(22)}#x`, `/s/_/live.js`]) {
      expect(matchDelegateTarget(odd), odd).toBeNull();
    }
    expect(DEVICE_ID_SHAPE.test('short')).toBe(false);
    expect(DEVICE_ID_SHAPE.test('x'.repeat(16) + ';')).toBe(false);
  });
});

describe('delegate URL shapes', () => {
  it('anchor each shape at both ends', () => {
    expect(TOKEN_SHAPE.test(`x ${'a'.repeat(22)}`)).toBe(false);
    expect(TOKEN_SHAPE.test(`${'a'.repeat(22)} x`)).toBe(false);
    expect(DEVICE_ID_SHAPE.test(`;${'a'.repeat(22)}`)).toBe(false);
    expect(DOCUMENT_ID_SHAPE.test('abc')).toBe(true);
    expect(DOCUMENT_ID_SHAPE.test('')).toBe(false);
    expect(DOCUMENT_ID_SHAPE.test('a/b')).toBe(false);
    expect(DOCUMENT_ID_SHAPE.test(' abc')).toBe(false);
    expect(DOCUMENT_ID_SHAPE.test('abc ')).toBe(false);
    expect(DOCUMENT_ID_SHAPE.test('b'.repeat(65))).toBe(false);
  });

  it('matches a page with a query but no document, and builds the reader path', () => {
    const token = 'a'.repeat(22);
    const page = matchDelegateTarget(`/s/${token}?lang=en`);
    expect(page).toEqual({ token, search: '?lang=en' });
    expect(page && 'documentId' in page).toBe(false);
    expect(readerPath(token, 'doc1')).toBe(`/s/${token}/r/doc1`);
  });
});
