import { formatWhen } from './sheet-cards';

/**
 * "In lúc 19:42 ngày 01/12/2026 · địa chỉ http://192.168.1.10:3000": when a sheet was printed
 * and the address its codes carry, so a stack found on a desk the next morning says at a glance
 * whether it was printed before the laptop's address changed (the console compares the same
 * record, record-printed-sheet.ts). In the meeting's timezone, like the session times.
 */
export function printedLineText(baseUrl: string, printedAt: number, timezone: string): string {
  const [time, day] = formatWhen(new Date(printedAt), null, timezone)!.split(', ');
  return `In lúc ${time} ngày ${day} · địa chỉ ${baseUrl}`;
}
