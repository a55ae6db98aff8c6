/**
 * The page's calls to its server's data API: relative URLs (`api/edition`, under
 * /app/), each signed in with the launch data (`Authorization: tma …`).
 */

/** The server refused the launch data (missing, forged or older than a day). */
export class SignInError extends Error {}

/** The server said no with a reason (400, 404). */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

let launchData: string | null = null;

export function signIn(initData: string | null): void {
  launchData = initData;
}

async function call<T>(path: string, init: RequestInit): Promise<T> {
  if (launchData === null) throw new SignInError('no launch data');
  const response = await fetch(path, { ...init, headers: { ...init.headers, authorization: `tma ${launchData}` } });
  if (response.status === 401) throw new SignInError((await response.text()).trim());
  if (!response.ok) throw new ApiError(response.status, (await response.text()).trim());
  return (await response.json()) as T;
}

type Params = Readonly<Record<string, string | number | null | undefined>>;

function urlOf(path: string, params: Params): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  const search = query.toString();
  return `api/${path}${search ? `?${search}` : ''}`;
}

/** A request sent before the view that needs it exists, and what it gave once it did. */
interface EarlyRequest {
  readonly promise: Promise<unknown>;
  /** Set when the answer is in (a failure stays in `promise` for the view to handle). */
  answer?: { readonly data: unknown };
}

/** Requests sent early (`requestEarly`), by URL, until a view takes each (once: a retry asks anew). */
const early = new Map<string, EarlyRequest>();

/**
 * Sends the first view's request as the app starts, before anything renders: its answer
 * travels while the page renders, instead of after the view's first paint.
 * Resolves when it is answered (or failed).
 */
export function requestEarly(path: string, params: Params = {}): Promise<void> {
  const url = urlOf(path, params);
  const request: EarlyRequest = { promise: call<unknown>(url, { method: 'GET' }) };
  early.set(url, request);
  return request.promise.then(
    (data) => void (request.answer = { data }),
    () => undefined,
  );
}

/** The answer of an early request already in, taken by the view that shows it; undefined otherwise. */
export function takeEarlyAnswer(path: string, params: Params = {}): unknown {
  const url = urlOf(path, params);
  const answer = early.get(url)?.answer;
  if (answer) early.delete(url);
  return answer?.data;
}

/** GET `api/<path>` with the parameters that are set (an early request for the same URL, if one is pending). */
export function getJson<T>(path: string, params: Params = {}): Promise<T> {
  const url = urlOf(path, params);
  const pending = early.get(url);
  if (pending) {
    early.delete(url);
    return pending.promise as Promise<T>;
  }
  return call<T>(url, { method: 'GET' });
}

export function postJson<T>(path: string, body: unknown): Promise<T> {
  return call<T>(`api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
