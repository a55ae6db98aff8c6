export { openDatabase, pingDatabase, type Db } from './db.js';
export {
  allArticles,
  allReports,
  createArticleFeed,
  createArticleStore,
  createPageLookup,
  type ArticleFeed,
  type StoredArticle,
  createQueryStore,
  hasPage,
  reportItems,
  savePage,
  setPageEdition,
  undatedPages,
  type SavedPage,
} from './articles.js';
export {
  createSubscriberStore,
  DEFAULT_DELIVERY_LIMITS,
  MAX_FOLLOWS,
  type DeliveryKey,
  type DeliveryKind,
  type DeliveryLimits,
  type DueDelivery,
  type FollowResult,
  type HeldClaims,
  type PushStats,
  type Subscriber,
  type SubscriberStore,
} from './subscribers.js';
export { createUpdateLog, UPDATE_ID_RETENTION_MS, type UpdateLog } from './updates.js';
