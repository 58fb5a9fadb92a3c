import QRCode from 'qrcode';
import { encodeMonochromePng } from './encode-png';

// Level M survives a smudge or a fold on a printed sheet; 4 modules of quiet zone is the standard margin scanners expect.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

export function renderQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: 'svg' });
}

/**
 * A `width`-pixel square PNG, mapped like qrcode's own renderer (which is not
 * usable on Workers: its browser build needs a canvas), encoded in portable code.
 */
export async function renderQrPng(url: string, width = 600): Promise<Uint8Array> {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: OPTIONS.errorCorrectionLevel });
  const count = modules.size + OPTIONS.margin * 2;
  const scale = width >= count ? width / count : 1;
  const side = Math.floor(count * scale);
  const margin = OPTIONS.margin * scale;
  const moduleAt = (pixel: number) => Math.floor((pixel - margin) / scale);
  return encodeMonochromePng(side, side, (x, y) =>
    x >= margin && y >= margin && x < side - margin && y < side - margin && !!modules.get(moduleAt(y), moduleAt(x)));
}
