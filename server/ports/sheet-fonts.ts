/**
 * The PDF sheets' two font weights as bytes. Each runtime finds them its own way:
 * Node reads them from node_modules (runtime/node/font-bytes.ts), a Worker has them
 * bundled as Data modules (runtime/workers/worker.ts).
 */
export interface SheetFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export type SheetFontsLoader = () => Promise<SheetFonts>;
