import QRCode from 'qrcode';

// Level M survives a smudge or a fold on a printed sheet; 4 modules of quiet zone is the standard margin scanners expect.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

export function renderQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: 'svg' });
}

export async function renderQrPng(url: string, width = 600): Promise<Uint8Array> {
  const dataUrl = await QRCode.toDataURL(url, { ...OPTIONS, width, type: 'image/png' });
  return Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (ch) => ch.charCodeAt(0));
}
