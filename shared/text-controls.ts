/**
 * Bidirectional controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM): invisible,
 * and an override turns "báo cáo<RLO>fdp.exe" into what reads as "báo cáoexe.pdf". No Vietnamese
 * (or any left-to-right) name needs them: removed from every stored name and title.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export const stripBidiControls = (text: string) => text.replace(BIDI_CONTROLS, '');
