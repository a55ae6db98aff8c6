/**
 * print/: PDF and image page files → parsed pages, through a PDF's text
 * layer or OCR, in a worker thread. Loaded lazily: text pages never load
 * PDF.js or the OCR models.
 */
export { readPrintedPageOffThread } from './readOffThread.js';
export { isPrintedKind } from './readPrintedPage.js';
export { PDF_ERRORS } from './pdfPages.js';
export { IMAGE_ERRORS } from './grayImage.js';
