/**
 * Page files for delivery tests: a dated page of `count` short news items, each mentioning
 * `word`, laid out as the paper's pages are (a dated header, `##` headlines, 本报讯 bodies).
 */
const PLACES = ['城东区', '城中区', '城西区', '城北区', '湟中区', '大通县', '湟源县', '海湖新区'];
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** The page's text: `tag` makes pages of the same day and word different files (a new ingest each). */
export function newsPage(date: string, word: string, count: number, tag = ''): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lines = [`${year}年${month}月${day}日 ${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!}`, ''];
  for (let i = 1; i <= count; i++) {
    const place = PLACES[i % PLACES.length]!;
    lines.push(
      `## ${place}${tag}第${i}个小区${word}工作完成`,
      '',
      `本报讯(记者 马晓丽)近日,${place}${tag}第${i}个老旧小区的${word}工作完成,涉及居民${100 + i}户,居民反映情况明显好转。`,
      '',
    );
  }
  return lines.join('\n');
}
