/**
 * The one redaction: every log line (pino's last step before the stream, so whatever
 * an error nests, a request URL in a cause, a connection string in a message) and
 * every line the CLI prints about a failure goes through it. Secrets are the bot token,
 * DATABASE_URL's password, the webhook secret and METRICS_TOKEN, in each form they
 * can take in a line: as written, percent-encoded (URLs), and JSON-escaped (log lines).
 */

/** Replaces every secret in a line with `<redacted>`. */
export type Redactor = (text: string) => string;

/** Shorter values are not redacted: a 1–2 character "secret" would blank out ordinary text and protects nothing. */
const SHORTEST = 3;

/** The ways one secret can appear in text. */
function formsOf(secret: string): string[] {
  const plain = [secret];
  try {
    plain.push(decodeURIComponent(secret));
  } catch {
    // not percent-encoded: the form as written is all there is
  }
  const forms = new Set(plain.flatMap((form) => [form, encodeURIComponent(form), JSON.stringify(form).slice(1, -1)]));
  return [...forms].filter((form) => form.length >= SHORTEST);
}

/** A redactor for these secrets (null and empty ones are skipped); longer forms are replaced first. */
export function createRedactor(secrets: readonly (string | null | undefined)[]): Redactor {
  const forms = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length > 0).flatMap(formsOf))];
  if (forms.length === 0) return (text) => text;
  forms.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (text) => text.replace(pattern, '<redacted>');
}

/**
 * The password of a postgres:// URL as written in it (the URL parser would re-encode
 * some characters, so it is cut from the text itself), or null when it has none.
 */
export function passwordOf(databaseUrl: string | null): string | null {
  if (!databaseUrl) return null;
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(databaseUrl)?.[1];
  const colon = userInfo?.indexOf(':') ?? -1;
  return userInfo && colon >= 0 && colon < userInfo.length - 1 ? userInfo.slice(colon + 1) : null;
}
