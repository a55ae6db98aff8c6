/** The 12345 hotline: the trend as a chart (tap a day for its report) and a report in full. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HotlineReport } from '../../../src/types.js';
import type { HotlineView, ReportView } from '../../../src/webapp/apiTypes.js';
import { getJson } from '../api.js';
import { Status, useApp, useLoad } from '../components.js';
import type { HotlineChart } from '../hotlineChart.js';
import type { Words } from '../i18n.js';

const SPANS = [30, 90] as const;

function change(now: number | null, before: number | null | undefined): string {
  if (now === null || before === null || before === undefined) return '';
  const d = now - before;
  return d === 0 ? ' (=)' : d > 0 ? ` (▲${d})` : ` (▼${-d})`;
}

function Row({ label, value, unit, before, words }: { label: string; value: number | null; unit: string; before?: number | null; words: Words }) {
  return (
    <div class="row">
      <dt>{label}</dt>
      <dd>{value === null ? words.t('notReported') : `${value}${unit ? ` ${unit}` : ''}${change(value, before)}`}</dd>
    </div>
  );
}

export function Report({ report }: { report: ReportView }) {
  const { words } = useApp();
  const { hotline, previous, safety } = report;
  const before: Partial<HotlineReport> = previous ?? {};
  return (
    <section class="report" aria-labelledby="report-title">
      <h2 id="report-title">{words.t('reportTitle', { date: hotline.date ? words.day(hotline.date) : words.t('notReported') })}</h2>
      {previous?.date && <p class="hint">{words.t('comparedWith', { date: words.day(previous.date) })}</p>}
      <dl class="numbers">
        <Row label={words.t('calls')} value={hotline.calls} unit={words.t('unitCalls')} before={before.calls} words={words} />
        <Row label={words.t('messages')} value={hotline.messages} unit={words.t('unitItems')} before={before.messages} words={words} />
        {Object.entries(hotline.channels).map(([name, n]) => (
          <div class="row sub" key={name}>
            <dt>{name}</dt>
            <dd>{`${n}${words.t('unitItems') ? ` ${words.t('unitItems')}` : ''}`}</dd>
          </div>
        ))}
        <Row label={words.t('direct')} value={hotline.direct} unit={words.t('unitItems')} before={before.direct} words={words} />
        <Row label={words.t('transferred')} value={hotline.transferred} unit={words.t('unitItems')} before={before.transferred} words={words} />
        <Row label={words.t('callbacks')} value={hotline.callbacks} unit={words.t('unitItems')} before={before.callbacks} words={words} />
      </dl>
      {hotline.hot.length > 0 && (
        <>
          <h3>{words.t('hotIssues')}</h3>
          <ol class="hot">
            {hotline.hot.map((issue) => (
              <li key={issue.topic}>
                {issue.topic}：{issue.count}
                {words.t('unitItems') ? ` ${words.t('unitItems')}` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
      {safety && (
        <>
          <h3>{words.t('safetyTitle', { date: safety.date ? words.day(safety.date) : '' })}</h3>
          <dl class="numbers">
            <Row label={words.t('safetyTotal')} value={safety.total} unit={words.t('unitItems')} words={words} />
            {Object.entries(safety.sources).map(([name, n]) => (
              <div class="row sub" key={name}>
                <dt>{name}</dt>
                <dd>{n}</dd>
              </div>
            ))}
          </dl>
          {safety.topics.length > 0 && (
            <p>
              {words.t('safetyTopics')}：{safety.topics.join(words.language === 'zh' ? '、' : ', ')}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function DayReport({ date }: { date: string }) {
  const loaded = useLoad(() => getJson<ReportView>('report', { date }), date);
  if (loaded.state !== 'done') return <Status loaded={loaded} />;
  return <Report report={loaded.data} />;
}

export function Hotline({ date }: { date: string | null }) {
  const { words } = useApp();
  const [days, setDays] = useState<number>(SPANS[0]);
  const [picked, setPicked] = useState<string | null>(date);
  const loaded = useLoad(() => getJson<HotlineView>('hotline', { days }), String(days));
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<HotlineChart | null>(null);
  const view = loaded.state === 'done' ? loaded.data : null;

  useEffect(() => {
    const element = holder.current;
    if (!element || !view || view.days.length === 0) return;
    let disposed = false;
    // The chart library is its own chunk, fetched only now.
    void import('../hotlineChart.js').then(({ drawHotlineChart }) => {
      if (disposed) return;
      chart.current = drawHotlineChart(element, view.days, { calls: words.t('calls'), messages: words.t('messages') }, setPicked);
      chart.current.select(picked);
      element.dataset.ready = 'true';
    });
    return () => {
      disposed = true;
      chart.current?.dispose();
      chart.current = null;
      delete element.dataset.ready;
    };
  }, [view]);

  useEffect(() => chart.current?.select(picked), [picked]);

  if (!view) return <Status loaded={loaded} />;
  if (view.report === null) return <p class="status">{words.t('hotlineNone')}</p>;
  return (
    <section class="hotline" aria-labelledby="hotline-title">
      <h1 id="hotline-title" class="view-title">
        {words.t('hotlineTitle')}
      </h1>
      <div class="sort" role="group">
        {SPANS.map((span) => (
          <button type="button" key={span} class="chip" aria-pressed={span === days} onClick={() => setDays(span)}>
            {words.t('hotlineDays', { n: span })}
          </button>
        ))}
      </div>
      <div ref={holder} class="chart" role="img" aria-label={`${words.t('hotlineTitle')} ${view.from} – ${view.to}`} data-days={view.days.map((d) => d.date).join(',')} />
      <p class="hint">{words.t('hotlineTap')}</p>
      {picked && picked !== view.report.hotline.date ? <DayReport date={picked} /> : <Report report={view.report} />}
    </section>
  );
}
