/**
 * corpus/: page file bytes → clean items and daily reports.
 */
export { decodePage, DECODE_ERRORS, PAGE_MAX_BYTES, pageTooLarge, type DecodeResult } from './decode.js';
export { parsePageOffThread } from './parseOffThread.js';
export { safePageFileName } from './pageFileName.js';
export { parsePage, articleId, hashPage } from './parsePage.js';
export { listPageFiles, readCorpus, readPageFile, type CorpusRead } from './readCorpus.js';
export { layoutPage, type Layout, type Unit } from './layout.js';
export { parseHotline, parseSafety, isHotIssueHead, reportKind } from './hotline.js';
export { readPageClock, firstDate, type PageClock } from './dates.js';
export { parseLeadByline, parseBylineLine, parseTailByline, parsePhotoCredit, bylineNames } from './byline.js';
export { removeExtractionSpaces, undoubleHeadline } from './cleanText.js';
export {
  datePage,
  decideEdition,
  estimateEditionDate,
  readCaptionDate,
  readDayMentions,
  readFileEdition,
  readFullDate,
  readHeaderEdition,
  readPageNumber,
  type EditionContext,
} from './edition.js';
