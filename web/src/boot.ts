/**
 * The page's first script, small and loaded `async` beside the app: it reads the launch
 * parameters and sends the first view's data request at once, so the request travels while
 * the browser is still compiling the app (main.tsx), which takes the answer from here.
 */
import { requestEarly, signIn } from './api.js';
import { readLaunchParams } from './launch.js';
import { routeFromLink } from './routes.js';

export const launch = readLaunchParams();
signIn(launch.initData);

const query = new URLSearchParams(location.search);
/** The view the reader opened (a deep link's or the 📰 button's), the newest edition by default. */
export const first = routeFromLink(query.get('open') ?? launch.startParam, query.get('q'));

/** Settles when the first view's early request is answered (or failed); null when it has none. */
export const firstData: Promise<void> | null = first.view === 'edition' && launch.initData !== null ? requestEarly('edition', { date: first.date }) : null;
