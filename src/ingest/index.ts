export { createIngestService, type IngestOptions, type IngestPathsOptions, type IngestService } from './ingest.js';
