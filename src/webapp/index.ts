export { createReaderApi, type ReaderApi } from './api.js';
export { loadAssets } from './assets.js';
export { checkInitData, dataCheckString, initDataHash, INIT_DATA_MAX_AGE_SECONDS } from './initData.js';
export { CONTENT_SECURITY_POLICY, createReaderApp, type ReaderAppRoute } from './serve.js';
