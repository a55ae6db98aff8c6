/** The days that have an edition, month by month, newest first: tap one to open it. */
import type { EditionDates } from '../../../src/webapp/apiTypes.js';
import { getJson } from '../api.js';
import { Status, useApp, useLoad } from '../components.js';

/** Monday-first weekday (0 Monday .. 6 Sunday) of a `YYYY-MM-DD` day. */
function weekdayOf(iso: string): number {
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

export function Calendar({ date }: { date: string | null }) {
  const { open, words } = useApp();
  const loaded = useLoad(() => getJson<EditionDates>('editions'), 'editions');
  if (loaded.state !== 'done') return <Status loaded={loaded} />;
  const have = new Set(loaded.data.dates);
  const months = [...new Set(loaded.data.dates.map((d) => d.slice(0, 7)))];
  return (
    <section class="calendar" aria-labelledby="calendar-title">
      <h1 id="calendar-title" class="view-title">{words.t('calendarTitle')}</h1>
      {months.map((month) => {
        const first = weekdayOf(`${month}-01`);
        const cells = Array.from({ length: first + daysInMonth(month) }, (_, i) => (i < first ? null : `${month}-${String(i - first + 1).padStart(2, '0')}`));
        return (
          <div class="month" key={month}>
            <h2>{words.t('monthTitle', { year: month.slice(0, 4), month: Number(month.slice(5, 7)) })}</h2>
            <div class="grid">
              {words.strings.weekdayShort.map((name, i) => (
                <span class="weekday" key={`w${i}`} aria-hidden="true">
                  {name}
                </span>
              ))}
              {cells.map((day, i) =>
                day === null ? (
                  <span key={i} />
                ) : have.has(day) ? (
                  <button type="button" key={i} class="day" aria-current={day === date ? 'date' : undefined} aria-label={words.day(day)} onClick={() => open({ view: 'edition', date: day }, 'collapse')}>
                    {Number(day.slice(8))}
                  </button>
                ) : (
                  <span key={i} class="day empty">
                    {Number(day.slice(8))}
                  </span>
                ),
              )}
            </div>
          </div>
        );
      })}
    </section>
  );
}
