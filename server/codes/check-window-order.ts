import { invalid } from '../domain-error';

/**
 * A viewing window's end must come after its start (either end may be open). The request
 * schemas check a body alone; this checks what a patch of one end leaves with the stored other.
 */
export function checkWindowOrder(opensAt: string | Date | null, closesAt: string | Date | null): void {
  if (opensAt === null || closesAt === null) return;
  if (new Date(closesAt).getTime() <= new Date(opensAt).getTime()) {
    throw invalid('closesAt: must be after opensAt (the window would never be open)', { field: 'closesAt' });
  }
}
