import { compileBookTask } from '../../../books/compile-book';
import type { PdfTask } from '../../../ports/pdf-work';
import { stampPdfTask } from '../../../stamps/labelled-copy';

/** The tasks a PDF thread can run, by name (a task is sent as its name and its input). */
export const PDF_TASKS: Record<string, PdfTask<never, unknown>> = {
  [compileBookTask.name]: compileBookTask as PdfTask<never, unknown>,
  [stampPdfTask.name]: stampPdfTask as PdfTask<never, unknown>,
};
