import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { authorizeMeeting } from '../../../auth/authorize';
import { renderSheets, type SheetLayout } from '../../../print/render-sheets';
import { buildSheetCards } from '../../../print/sheet-cards';
import { resolveBaseUrl } from '../../../base-url/resolve-base-url';
import { recordPrintedSheet } from '../../../print/record-printed-sheet';
import { readSheetFonts } from '../font-bytes';
import { cliUser } from './cli-user';
import { nodeConfig, openNodeDatabase, openNodeStore } from './node-context';

const NO_LIMITS = { maxUploadBytes: 0, downloadMode: 'proxy' as const, retentionDays: 0 };

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
      // The same address the console's codes carry: PUBLIC_URL, else the one stored in the console, else the guess.
      const { url: baseUrl } = await resolveBaseUrl(database.db, config.publicUrlSource === 'env' ? { ...NO_LIMITS, publicUrl: config.publicUrl } : { ...NO_LIMITS, guessedPublicUrl: config.publicUrl }, config.publicUrl);
      const cards = await buildSheetCards(database.db, meeting, { sessionIds: values.session, variants: values.variants as 'primary', includeMeeting: Boolean(values.meeting) }, baseUrl);
      if (!cards.length) throw new Error('no code matches this selection');
      let logo;
      if (meeting.logoKey) {
        const object = await (await openNodeStore()).get(meeting.logoKey);
        if (object) logo = { bytes: new Uint8Array(await new Response(object.body).arrayBuffer()), type: object.contentType === 'image/png' ? ('png' as const) : ('jpg' as const) };
      }
      const pdf = await renderSheets(cards, { layout: values.layout as SheetLayout, ...(meeting.organizer && { organizer: meeting.organizer }), ...(logo && { logo }) }, readSheetFonts());
      await writeFile(values.output, pdf);
      await recordPrintedSheet(database.db, { meetingId: meeting.id, baseUrl, layout: values.layout!, codeIds: cards.flatMap((c) => (c.codeId ? [c.codeId] : [])), userId: null }, Date.now());
      console.log(`Wrote ${cards.length} code(s), ${(pdf.length / 1024).toFixed(0)} KB, to ${values.output}`);
    } finally {
      database.close();
    }
  },
};
