const LAYOUT_NAME = { a4: 'A4', tent: 'bảng gấp', grid: 'thẻ cắt' } as const;

// Characters Windows refuses in file names, and control characters.
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

const clean = (text: string, max: number) => {
  const one = text.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1).trim()}…` : one;
};

/**
 * "Mã QR - Kỳ họp thứ 9 - Phiên khai mạc (A4).pdf": named after the meeting, and the
 * session when the sheets hold one session only, so a secretary finds it in Downloads.
 */
export function sheetFilename(meetingTitle: string, sessionTitle: string | null, layout: keyof typeof LAYOUT_NAME): string {
  const parts = ['Mã QR', clean(meetingTitle, 80) || 'cuộc họp'];
  if (sessionTitle) parts.push(clean(sessionTitle, 60));
  return `${parts.filter(Boolean).join(' - ')} (${LAYOUT_NAME[layout]}).pdf`;
}
