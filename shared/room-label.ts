/**
 * A session's room as a line of text. Organizers type either a name ("Phòng họp số 1",
 * "Hội trường tầng 2") or a bare number ("301", "B2.1"): only the bare kind gets the word
 * "Phòng"/"Room" in front, so nothing reads "Phòng Phòng họp số 1".
 */
export function roomLabel(room: string, word: string): string {
  const text = room.trim();
  if (!text) return '';
  // A name has a word of three letters or more; a code like "301", "A2" or "B2.1" has none.
  return /\p{L}{3,}/u.test(text) ? text : `${word} ${text}`;
}
