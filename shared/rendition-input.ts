import { z } from 'zod';
import { clientRenderers } from './rendition-api';

/** POST /api/documents/:id/versions/:v/rendition */
export const startRenditionInput = z.object({
  /** Pages in the source as the client counted them (the server checks a PDF's count itself when it can). */
  pages: z.number().int().min(1).max(100_000),
  renderer: z.enum(clientRenderers),
});
