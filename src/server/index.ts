export { checkHealth } from './health.js';
export {
  createBotServer,
  type BotServer,
  type BotServerOptions,
} from './http.js';
export { createInstance, webhookSecret, type Instance } from './instance.js';
export { countTooManyRequests, measureDeliveries, measureSearch, measureUpdates } from './instrument.js';
export { createMetrics, updateType } from './metrics.js';
