import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { authorizeMeeting } from '../../../auth/authorize';
import { resolveBaseUrl } from '../../../base-url/resolve-base-url';
import { printMeetingSheets } from '../../../print/print-meeting-sheets';
import { recordPrintedSheet } from '../../../print/record-printed-sheet';
import type { SheetLayout } from '../../../print/types';
import { readSheetFonts } from '../font-bytes';
import { cliUser } from './cli-user';
import { nodeConfig, openNodeDatabase, openNodeStore } from './node-context';

export const sheetsCommand = {
  usage: 'sheets <meetingId> [--layout a4|tent|grid] [--variants primary|labels|all] [--session ID]… [--meeting] -o FILE.pdf',
  async run(args: string[]) {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { layout: { type: 'string', default: 'a4' }, variants: { type: 'string', default: 'primary' }, session: { type: 'string', multiple: true }, meeting: { type: 'boolean' }, output: { type: 'string', short: 'o' }, as: { type: 'string' } },
    });
    const [meetingId] = positionals;
    if (!meetingId || !values.output) throw new Error(`usage: qrhop ${this.usage}`);
    if (!['a4', 'tent', 'grid'].includes(values.layout!)) throw new Error('--layout must be a4, tent or grid');
    if (!['primary', 'labels', 'all'].includes(values.variants!)) throw new Error('--variants must be primary, labels or all');
    const config = nodeConfig();
    const database = openNodeDatabase();
    try {
      const meeting = await authorizeMeeting(database.db, await cliUser(database.db, values.as), meetingId);
      // The same printing as the console's route; the store is opened only when there is a logo to read.
      const store = meeting.logoKey ? await openNodeStore() : undefined;
      const selection = { layout: values.layout as SheetLayout, sessionIds: values.session, variants: values.variants as 'primary', includeMeeting: Boolean(values.meeting), withLogo: true };
      // The same address the console's codes carry: PUBLIC_URL, else the one stored in the console, else the guess.
      const settings = { maxUploadBytes: 0, downloadMode: 'proxy' as const, retentionDays: 0, ...(config.publicUrlSource === 'env' ? { publicUrl: config.publicUrl } : { guessedPublicUrl: config.publicUrl }) };
      const { url: baseUrl } = await resolveBaseUrl(database.db, settings, config.publicUrl);
      const printedAt = Date.now();
      const { pdf, cards, codeIds } = await printMeetingSheets({ db: database.db, store, loadSheetFonts: async () => readSheetFonts() }, meeting, selection, baseUrl, printedAt);
      await writeFile(values.output, pdf);
      await recordPrintedSheet(database.db, { meetingId: meeting.id, baseUrl, layout: selection.layout, codeIds, userId: null }, printedAt);
      console.log(`Wrote ${cards} code(s), ${(pdf.length / 1024).toFixed(0)} KB, to ${values.output}`);
    } finally {
      database.close();
    }
  },
};
