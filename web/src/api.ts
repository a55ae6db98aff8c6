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

/** GET `api/<path>` with the parameters that are set. */
export function getJson<T>(path: string, params: Readonly<Record<string, string | number | null | undefined>> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  const search = query.toString();
  return call<T>(`api/${path}${search ? `?${search}` : ''}`, { method: 'GET' });
}

export function postJson<T>(path: string, body: unknown): Promise<T> {
  return call<T>(`api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
