/**
 * corpus/: page file bytes → clean items and daily reports.
 */
export { checkPageText, decodePage, DECODE_ERRORS, PAGE_MAX_BYTES, pageTooLarge } from './decode.js';
export { parsePageOffThread } from './parseOffThread.js';
export { safePageFileName } from './pageFileName.js';
export { parsePage, parsePageText, articleId, hashPage } from './parsePage.js';
export { composePrintedPage } from './printedPage.js';
export { pageFileKind, pageSizeLimit, PRINTED_MAX_BYTES, type PageFileKind } from './fileKind.js';
export { listPageFiles, readCorpus, readPageFile } from './readCorpus.js';
export { layoutPage } from './layout.js';
export { isHotIssueHead, reportKind } from './hotline.js';
export { readPageClock } from './dates.js';
export { parseLeadByline, parseBylineLine, parseTailByline, parsePhotoCredit } from './byline.js';
export { removeExtractionSpaces, undoubleHeadline } from './cleanText.js';
export {
  datePage,
  decideEdition,
  estimateEditionDate,
  readCaptionDate,
  readDayMentions,
  readFileEdition,
  readHeaderEdition,
  readPageNumber,
  type EditionContext,
} from './edition.js';
