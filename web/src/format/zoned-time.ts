/**
 * Wall-clock times in a meeting's timezone, whatever the laptop's own zone is:
 * an organizer in Hà Nội preparing a meeting for Asia/Ho_Chi_Minh, or a laptop
 * left on UTC, must both see and type the hall's local time.
 */

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function wallParts(instant: number, timeZone: string) {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsFormat.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(instant))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The zone's offset from UTC at an instant, in ms (wall time minus UTC). */
function offsetAt(instant: number, timeZone: string): number {
  const p = wallParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-03-15" + "08:30" in `timeZone` → ISO instant (UTC). */
export function zonedToIso(day: string, time: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - offsetAt(wall, timeZone);
  // A second pass settles times near a daylight-saving change.
  return new Date(wall - offsetAt(first, timeZone)).toISOString();
}

/** ISO instant → { day: "YYYY-MM-DD", time: "HH:mm" } on the wall clock of `timeZone`. */
export function isoToZoned(iso: string, timeZone: string): { day: string; time: string } {
  const p = wallParts(Date.parse(iso), timeZone);
  return { day: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** Today's date in `timeZone`, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = Date.now()): string {
  return isoToZoned(new Date(now).toISOString(), timeZone).day;
}
