export { checkHealth } from './health.js';
export {
  createBotServer,
  type BotServer,
  type BotServerOptions,
} from './http.js';
export { webhookSecret } from './webhookSecret.js';
export { countTooManyRequests, measureDeliveries, measureSearch, measureUpdates } from './instrument.js';
export { createMetrics, updateType, type Metrics } from './metrics.js';
