export { checkHealth, type HealthSources } from './health.js';
export {
  createBotServer,
  DEFAULT_BODY_LIMIT,
  DEFAULT_REPLY_WITHIN_MS,
  type BotServer,
  type BotServerOptions,
  type Health,
  type WebhookRoute,
} from './http.js';
export { createInstance, webhookSecret, type Instance, type InstanceParts } from './instance.js';
export { countTooManyRequests, measureDeliveries, measureSearch, measureUpdates } from './instrument.js';
export { createMetrics, updateType, type DeliveryOutcome, type Metrics, type MetricsOptions } from './metrics.js';
