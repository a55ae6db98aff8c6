export { createIngestService, type IngestOptions, type IngestService } from './ingest.js';
