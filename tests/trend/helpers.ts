import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { readCorpus } from '../../src/corpus/index.js';
import { addDays, daysBetween, plotArea, readHotTopics, type Trend } from '../../src/trend/index.js';
import type { HotlineReport } from '../../src/types.js';

/** The project's hot-issue topic list (src/search/hotTopics.txt), as the runtime reads it. */
export const HOT_TOPICS = readHotTopics();

/** Fourteen synthetic daily pages, 2025-10-20 to 2025-11-03 without 10-26 (see fixtures/generate.mjs). */
export const PAGES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pages');

/** The hotline reports of the fixture pages, oldest first. */
export function fixtureReports(): HotlineReport[] {
  return readCorpus([PAGES_DIR])
    .pages.flatMap((page) => page.hotline)
    .sort((a, b) => (a.date! < b.date! ? -1 : 1));
}

// The numbers below are the ones printed in tests/trend/fixtures/pages/hotline-*.txt.
export const FIXTURE_DAYS = [
  { date: '2025-10-20', calls: 1267, messages: 71, direct: 664, transferred: 603 },
  { date: '2025-10-21', calls: 1168, messages: 69, direct: 704, transferred: 464 },
  { date: '2025-10-22', calls: 1210, messages: 67, direct: 736, transferred: 474 },
  { date: '2025-10-23', calls: 940, messages: 62, direct: 543, transferred: 397 },
  { date: '2025-10-24', calls: 1274, messages: 64, direct: 660, transferred: 614 },
  { date: '2025-10-25', calls: 766, messages: 60, direct: 407, transferred: 359 },
  { date: '2025-10-27', calls: 1089, messages: 62, direct: 650, transferred: 439 },
  { date: '2025-10-28', calls: 1245, messages: 70, direct: 649, transferred: 596 },
  { date: '2025-10-29', calls: 1280, messages: 63, direct: 777, transferred: 503 },
  { date: '2025-10-30', calls: 991, messages: 39, direct: 576, transferred: 415 },
  { date: '2025-10-31', calls: 1285, messages: 55, direct: 776, transferred: 509 },
  { date: '2025-11-01', calls: 933, messages: 68, direct: 537, transferred: 396 },
  { date: '2025-11-02', calls: 794, messages: 41, direct: 418, transferred: 376 },
  { date: '2025-11-03', calls: 948, messages: 63, direct: 585, transferred: 363 },
];

// 供暖问题 is 1st on 8 pages, 2nd on 4 and 3rd on 2: 14 days; 劳动纠纷 is 5th twice, which does not count.
export const FIXTURE_HOT = [
  { topic: '供暖问题', names: ['供暖问题'], daysInTop3: 14, total: 1012 },
  { topic: '物业服务', names: ['物业服务'], daysInTop3: 12, total: 763 },
  { topic: '消费维权', names: ['消费维权'], daysInTop3: 9, total: 717 },
  { topic: '劳动纠纷', names: ['劳动纠纷'], daysInTop3: 3, total: 338 },
  { topic: '市政设施', names: ['市政设施'], daysInTop3: 3, total: 252 },
  { topic: '交通出行', names: ['交通出行'], daysInTop3: 1, total: 83 },
];

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const bytes = Buffer.from(png);
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    throw new Error('not a PNG');
  }
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A report with only the numbers a trend reads. */
export function report(date: string, calls: number | null, messages: number | null, hot: [string, number][] = []): HotlineReport {
  return {
    date,
    calls,
    messages,
    channels: {},
    direct: calls === null ? null : Math.round(calls / 2),
    transferred: calls === null ? null : calls - Math.round(calls / 2),
    callbacks: null,
    hot: hot.map(([topic, count]) => ({ topic, count })),
    source: `${date}.txt`,
  };
}

/** How many pixels of a PNG have exactly each of the given `#rrggbb` colours (anti-aliased edges do not count). */
export async function countColours(png: Uint8Array, colours: readonly string[]): Promise<number[]> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  const wanted = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const counts = colours.map(() => 0);
  for (let p = 0; p < data.length; p += 4) {
    wanted.forEach(([r, g, b], i) => {
      if (data[p] === r && data[p + 1] === g && data[p + 2] === b) counts[i]! += 1;
    });
  }
  return counts;
}

/**
 * Pixels of each `#rrggbb` colour drawn at each reported day of `trend` in its chart (rendered
 * 1200 px wide at 1.5×): counted in a strip 18 px wide around the day's place on the time axis,
 * from just above the plot area to just under it. A day whose point and lines are missing has 0.
 */
export async function pixelsAtDays(png: Uint8Array, trend: Pick<Trend, 'from' | 'to' | 'days'>, colours: readonly string[]): Promise<Map<string, number[]>> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const ratio = image.width / 1200;
  const plot = plotArea(1200);
  const span = daysBetween(trend.from, trend.to);
  const step = span.length > 1 ? (plot.right - plot.left) / (span.length - 1) : 0;
  const wanted = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const result = new Map<string, number[]>();
  for (const day of trend.days) {
    const x = (plot.left + span.indexOf(day.date) * step) * ratio;
    const left = Math.round(x - 9);
    const top = Math.round((plot.top - 8) * ratio);
    const width = 18;
    const height = Math.round((plot.bottom - plot.top + 16) * ratio);
    const { data } = context.getImageData(left, top, width, height);
    const counts = colours.map(() => 0);
    for (let p = 0; p < data.length; p += 4) {
      wanted.forEach(([r, g, b], i) => {
        if (data[p] === r && data[p + 1] === g && data[p + 2] === b) counts[i]! += 1;
      });
    }
    result.set(day.date, counts);
  }
  return result;
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/**
 * The text of a daily page holding one 12345 report (laid out as tests/trend/fixtures/pages/ are):
 * a dated header (the paper prints a day's report the next day), a news item, the report with its
 * hot issues, for tests that drop pages into DATA_DIR/inbox/.
 */
export function hotlinePage(date: string, calls: number, messages: number, hot: readonly (readonly [string, number])[]): string {
  const printed = addDays(date, 1);
  const day = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
  const issues = hot.map(([topic, count], i) => `${i + 1}.${topic}${count}件，无集中反映问题，已及时联系相应县区政府核实处理。  `);
  return [
    `${printed.slice(0, 4)}年${day(printed)} ${WEEKDAYS[new Date(`${printed}T00:00:00Z`).getUTCDay()]!}`,
    '',
    '## 湟水河沿岸步道完成冬季养护',
    '',
    '本报讯(记者 李文)市园林部门对湟水河沿岸步道开展冬季养护，修补破损路面，加装防滑设施，方便市民晨练出行。',
    '',
    '## 西宁市党建引领“有诉必应马上办” 机制创新工作日报',
    '',
    `${day(date)}，12345政务服务便民热线接听群众来电诉求${calls}件次，网民留言${messages}件（西宁12345微信公众号${messages}件），直接办理${Math.round(calls / 2)}件，转交责任单位办理${calls - Math.round(calls / 2)}件，回访${Math.round(calls / 4)}件。`,
    '',
    '**热点问题：**  ',
    ...issues,
    '',
  ].join('\n');
}
