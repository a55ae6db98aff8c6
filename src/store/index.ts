export { openDatabase, type Db } from './db.js';
export {
  allArticles,
  allReports,
  corpusFingerprint,
  createArticleStore,
  createQueryStore,
  savePage,
  type SavedPage,
} from './articles.js';
