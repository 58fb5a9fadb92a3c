import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { authorizeMeeting } from '../../../auth/authorize';
import { renderSheets, type SheetLayout } from '../../../print/render-sheets';
import { buildSheetCards } from '../../../print/sheet-cards';
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
      const cards = await buildSheetCards(database.db, meeting, { sessionIds: values.session, variants: values.variants as 'primary', includeMeeting: Boolean(values.meeting) }, config.publicUrl);
      if (!cards.length) throw new Error('no code matches this selection');
      let logo;
      if (meeting.logoKey) {
        const object = await (await openNodeStore()).get(meeting.logoKey);
        if (object) logo = { bytes: new Uint8Array(await new Response(object.body).arrayBuffer()), type: object.contentType === 'image/png' ? ('png' as const) : ('jpg' as const) };
      }
      const pdf = await renderSheets(cards, { layout: values.layout as SheetLayout, ...(meeting.organizer && { organizer: meeting.organizer }), ...(logo && { logo }) });
      await writeFile(values.output, pdf);
      console.log(`Wrote ${cards.length} code(s), ${(pdf.length / 1024).toFixed(0)} KB, to ${values.output}`);
    } finally {
      database.close();
    }
  },
};
