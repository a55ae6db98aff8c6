import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root (the folder with package.json), found from this file so
 * that `npx newsbot` works from any directory and from both src/ and dist/.
 */
export function findProjectRoot(start = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot();
/** The seed pages shipped with the project. */
export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');
/** The reader app's page as `npm install` built it (web/build.mjs). */
export const WEB_DIST_DIR = path.join(PROJECT_ROOT, 'dist', 'web');
/** Fluent translation files, one folder per language. */
export const LOCALES_DIR = path.join(PROJECT_ROOT, 'src', 'render', 'locales');
/** The search user dictionary (domain words jieba does not know). */
export const USER_DICT_PATH = path.join(PROJECT_ROOT, 'src', 'search', 'userdict.utf8');
/** Readers' words and the paper's, from CC-CEDICT (search/vocabulary.ts). */
export const VOCABULARY_PATH = path.join(PROJECT_ROOT, 'src', 'search', 'vocabulary.txt');
/** The synonym list applied to queries (the paper's names for the same thing). */
export const SYNONYMS_PATH = path.join(PROJECT_ROOT, 'src', 'search', 'synonyms.txt');
/** The hot-issue topics the paper names differently on different days (the trend's list, beside the synonyms). */
export const HOT_TOPICS_PATH = path.join(PROJECT_ROOT, 'src', 'search', 'hotTopics.txt');
