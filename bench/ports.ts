import { createServer } from 'node:net';

/**
 * Ports handed out by `freePort`: below Linux's ephemeral range (32768 and up), so that no
 * outgoing connection of any process takes one between the probe and the bot's listen (a
 * probe of port 0 got an ephemeral port, and once lost it that way: EADDRINUSE). Each
 * vitest worker (VITEST_POOL_ID) counts up through a slice of its own, so that two test
 * files running side by side never pick the same port; a process outside the workers (a
 * bench, vitest's own process starting the tests' PostgreSQL) has the last slice. It shared
 * worker 1's: a second test run on the machine started its PostgreSQL on the port worker 1
 * of the first had just probed, and that worker's bot could not listen (EADDRINUSE, twice).
 * The bench's servers, PostgreSQL and the tests' bots all take theirs here.
 */
const PORT_BASE = 20_000;
const PORTS_PER_WORKER = 1_000;
/** Slices of PORTS_PER_WORKER from PORT_BASE that stay below the ephemeral range (20000–31999): one per worker, the last for other processes. */
const SLICES = 12;
let portsGiven = 0;

/** Resolves true if `port` could be listened on now on every address (as the bot listens, with no HOST). */
async function canListen(port: number): Promise<boolean> {
  const probe = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    probe.once('listening', () => resolve(true));
    probe.once('error', () => resolve(false));
    probe.listen(port);
  });
  if (listening) await new Promise((resolve) => probe.close(resolve));
  return listening;
}

/** A port nobody listens on right now and no outgoing connection can take (METRICS_PORT, PORT, PostgreSQL's). */
export async function freePort(): Promise<number> {
  const worker = process.env.VITEST_POOL_ID;
  const slice = worker === undefined ? SLICES - 1 : (Number(worker) - 1) % (SLICES - 1);
  const sliceStart = PORT_BASE + slice * PORTS_PER_WORKER;
  // Another run of the tests on this machine may use the same slice: a busy port is passed over.
  for (let tries = 0; tries < PORTS_PER_WORKER; tries++) {
    const port = sliceStart + (portsGiven++ % PORTS_PER_WORKER);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${sliceStart}-${sliceStart + PORTS_PER_WORKER - 1}`);
}
