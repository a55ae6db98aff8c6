export { createReaderApi, SEARCH_PAGE, type ReaderApi, type ReaderApiDeps, type ReaderSearch } from './api.js';
export { loadAssets, type AssetTable } from './assets.js';
export { checkInitData, dataCheckString, initDataHash, INIT_DATA_MAX_AGE_SECONDS, type LaunchData, type LaunchUser } from './initData.js';
export { APP_PATH, CONTENT_SECURITY_POLICY, createReaderApp, type ReaderAppRoute } from './serve.js';
