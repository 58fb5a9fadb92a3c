import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { authorizeMeeting } from '../../../auth/authorize';
import { printMeetingSheets } from '../../../print/print-meeting-sheets';
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
      const { pdf, cards } = await printMeetingSheets({ db: database.db, store, loadSheetFonts: async () => readSheetFonts() }, meeting, selection, config.publicUrl);
      await writeFile(values.output, pdf);
      console.log(`Wrote ${cards} code(s), ${(pdf.length / 1024).toFixed(0)} KB, to ${values.output}`);
    } finally {
      database.close();
    }
  },
};
