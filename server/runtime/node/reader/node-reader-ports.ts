import type { ReaderPorts } from '../../../reader/reader-ports';
import { SharpImageProbe } from './image-probe';
import { LibreOfficeRenderer } from './libreoffice-renderer';
import { PopplerRenderer } from './poppler-renderer';
import { hasTool } from './run-tool';
import { WordChildConverter } from './word-converter';

export const OPTIONAL_TOOLS_APT = 'apt-get install -y --no-install-recommends poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea';

/**
 * The renderers this machine has: poppler and LibreOffice are optional Debian packages,
 * looked for once at start. What is missing is said once, here, and on each document's
 * rendition ('unavailable') in the console; the originals download as always.
 */
export async function nodeReaderPorts(log: (line: string) => void = (line) => console.log(line)): Promise<ReaderPorts> {
  const [poppler, soffice] = await Promise.all([hasTool('pdftoppm'), hasTool('soffice')]);
  const pages = poppler ? new PopplerRenderer() : undefined;
  const ports: ReaderPorts = { word: new WordChildConverter(), images: new SharpImageProbe(), pages, office: pages && soffice ? new LibreOfficeRenderer(pages) : undefined };
  if (!poppler) log('  Reader:         poppler-utils not found: PDFs and Office files get no phone reader (originals still download).');
  else if (!soffice) log('  Reader:         LibreOffice (soffice) not found: .doc .xls .xlsx .ppt .pptx .odt .ods .odp get no phone reader (originals still download).');
  if (!poppler || !soffice) log(`                  To add them: ${OPTIONAL_TOOLS_APT}`);
  return ports;
}
