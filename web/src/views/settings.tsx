/** The reader's hotline summary (on/off, time, daily or weekly) and followed words: the same settings as /settings in the chat. */
import { useEffect, useState } from 'preact/hooks';
import type { SettingsChange, SettingsView } from '../../../src/webapp/apiTypes.js';
import { getJson, postJson, SignInError } from '../api.js';
import { Status, useApp, useLoad } from '../components.js';

/** Times offered in the picker: every half hour (any other time: /subscribe HH:MM in the chat). */
const TIMES = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

export function Settings() {
  const { words, signedOut } = useApp();
  const loaded = useLoad(() => getJson<SettingsView>('settings'), 'settings');
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [word, setWord] = useState('');
  useEffect(() => {
    if (loaded.state === 'done') setSettings(loaded.data);
  }, [loaded]);
  if (!settings) return <Status loaded={loaded} />;

  const send = (change: SettingsChange) => {
    setMessage(null);
    postJson<SettingsView>('settings', change).then(
      (next) => {
        setSettings(next);
        setMessage({ text: words.t('saved'), error: false });
        if (change.action === 'follow') setWord('');
      },
      (error: unknown) => {
        if (error instanceof SignInError) return signedOut(error.message);
        setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
      },
    );
  };
  const time = settings.time ?? settings.defaultTime;
  const times = TIMES.includes(time) ? TIMES : [...TIMES, time].sort();
  return (
    <section class="settings" aria-labelledby="settings-title">
      <h1 id="settings-title" class="view-title">
        {words.t('settingsTitle')}
      </h1>
      <fieldset class="group">
        <legend>{words.t('summary')}</legend>
        <label class="switch">
          <span>{words.t('summaryOn')}</span>
          <input
            type="checkbox"
            checked={settings.subscribed}
            onChange={(event) =>
              send(event.currentTarget.checked ? { action: 'subscribe', time, weekday: settings.weekday } : { action: 'unsubscribe' })
            }
          />
        </label>
        <label class="field">
          <span>{words.t('summaryTime')}</span>
          <select
            name="time"
            value={time}
            disabled={!settings.subscribed}
            onChange={(event) => send({ action: 'subscribe', time: event.currentTarget.value, weekday: settings.weekday })}
          >
            {times.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{words.t('summaryDays')}</span>
          <select
            name="weekday"
            value={String(settings.weekday ?? 0)}
            disabled={!settings.subscribed}
            onChange={(event) => {
              const day = Number(event.currentTarget.value);
              send({ action: 'subscribe', time, weekday: day === 0 ? null : day });
            }}
          >
            <option value="0">{words.t('daily')}</option>
            {words.strings.weekdays.map((name, i) => (
              <option key={name} value={String(i + 1)}>
                {words.t('weeklyOn', { day: name })}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset class="group">
        <legend>{words.t('keywords')}</legend>
        <p class="hint">{words.t('keywordsHint', { max: settings.maxKeywords })}</p>
        {settings.keywords.length === 0 ? (
          <p>{words.t('keywordsNone')}</p>
        ) : (
          <ul class="keywords">
            {settings.keywords.map((keyword) => (
              <li key={keyword}>
                <span>{keyword}</span>
                <button type="button" class="remove" aria-label={words.t('keywordRemove', { word: keyword })} onClick={() => send({ action: 'unfollow', word: keyword })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          class="search-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (word.trim()) send({ action: 'follow', word: word.trim() });
          }}
        >
          <input
            type="text"
            value={word}
            maxLength={settings.keywordMaxLength}
            aria-label={words.t('keywordPlaceholder')}
            placeholder={words.t('keywordPlaceholder')}
            onInput={(event) => setWord(event.currentTarget.value)}
          />
          <button type="submit" class="button">
            {words.t('keywordAdd')}
          </button>
        </form>
      </fieldset>
      {message && (
        <p class={message.error ? 'status error' : 'status ok'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}
