import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync, mkdirSync, chmodSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE } from '../../src/process/dataDirLock.js';
import { prepareDataDir } from '../../src/process/fileModes.js';
import { currentProcess, formatIdentity, livenessOf, parseIdentity } from '../../src/process/identity.js';
import { deadPid } from '../helpers/deadPid.js';
import { LEVEL, recordingLogger } from '../helpers/recordingLogger.js';


describe('process identity', () => {
  it.each([
    ['vm:123:4567', { host: 'vm', pid: 123, startedAt: '4567' }],
    ['host.example:1:', { host: 'host.example', pid: 1, startedAt: '' }],
    ['bot', null],
    ['vm:pid:1', null],
  ])('parses %s', (text, identity) => {
    expect(parseIdentity(text)).toEqual(identity);
  });

  it('this process is alive; an exited pid, a reused pid and another host are told apart', async () => {
    const me = currentProcess();
    expect(parseIdentity(formatIdentity(me))).toEqual(me);
    expect(livenessOf(me)).toBe('alive');
    expect(livenessOf({ ...me, pid: await deadPid() })).toBe('dead');
    expect(livenessOf({ ...me, startedAt: `${me.startedAt}1` })).toBe('dead');
    expect(livenessOf({ ...me, host: `not-${hostname()}` })).toBe('unknown');
  });
});

describe('DATA_DIR lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const record = (owner: string) => `${JSON.stringify({ owner, command: 'start', since: '2025-02-21T00:00:00.000Z' })}\n`;

  it('is taken, refused to a second taker naming the holder, and released', () => {
    const log = recordingLogger();
    const lock = acquireDataDirLock(dir, 'start', log.logger);
    const file = path.join(dir, LOCK_FILE);
    const me = currentProcess();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ owner: formatIdentity(me), command: 'start' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const since = (JSON.parse(readFileSync(file, 'utf8')) as { since: string }).since;

    expect(() => acquireDataDirLock(dir, 'start', log.logger)).toThrow(
      `DATA_DIR ${dir} is in use by pid ${me.pid} on ${me.host} (newsbot start, since ${since}); stop it first`,
    );
    lock.release();
    expect(existsSync(file)).toBe(false);
    acquireDataDirLock(dir, 'start', log.logger).release();
    expect(log.entries).toEqual([]);
  });

  it('is taken over from a holder that died on this host, with a warning', async () => {
    const file = path.join(dir, LOCK_FILE);
    const dead = `${hostname()}:${await deadPid()}:999`;
    writeFileSync(file, record(dead));
    const log = recordingLogger();
    const lock = acquireDataDirLock(dir, 'start', log.logger);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ owner: formatIdentity(currentProcess()) });
    expect(log.entries).toMatchObject([
      { level: LEVEL.warn, lock: file, holder: dead, msg: 'taking over the DATA_DIR lock of a process that died' },
    ]);
    lock.release();
  });

  it('is taken over from an empty lock file (its writer died while writing it)', () => {
    writeFileSync(path.join(dir, LOCK_FILE), '');
    const log = recordingLogger();
    acquireDataDirLock(dir, 'start', log.logger).release();
    expect(log.messages(LEVEL.warn)).toEqual(['taking over an unreadable DATA_DIR lock file (its writer died while writing it)']);
  });

  it('held from another host is refused: nothing here can tell whether that process runs', () => {
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, record('other-host:42:7'));
    expect(() => acquireDataDirLock(dir, 'start', recordingLogger().logger)).toThrow(
      `DATA_DIR ${dir} is in use by pid 42 on other-host (newsbot start, since 2025-02-21T00:00:00.000Z); ` +
        `if that process is gone, delete ${file}`,
    );
  });

  it('a release does not remove a lock another process took over meanwhile', () => {
    const lock = acquireDataDirLock(dir, 'start', recordingLogger().logger);
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, record('other-host:42:7'));
    lock.release();
    expect(readFileSync(file, 'utf8')).toBe(record('other-host:42:7'));
  });
});

describe('DATA_DIR modes', () => {
  it('tightens an existing DATA_DIR to 0700 and its files (inbox included) to 0600', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'newsbot-modes-'));
    try {
      const dataDir = path.join(root, 'data');
      mkdirSync(path.join(dataDir, 'inbox'), { recursive: true, mode: 0o755 });
      chmodSync(dataDir, 0o755);
      writeFileSync(path.join(dataDir, 'newsbot.db'), '', { mode: 0o644 });
      writeFileSync(path.join(dataDir, 'inbox', 'page.txt'), '', { mode: 0o644 });
      prepareDataDir(dataDir);
      const mode = (file: string) => statSync(path.join(dataDir, file)).mode & 0o777;
      expect([mode('.'), mode('inbox'), mode('newsbot.db'), mode('inbox/page.txt')]).toEqual([0o700, 0o700, 0o600, 0o600]);

      const fresh = path.join(root, 'fresh');
      prepareDataDir(fresh);
      expect(statSync(fresh).mode & 0o777).toBe(0o700);
      writeFileSync(path.join(root, 'file'), '');
      expect(() => prepareDataDir(path.join(root, 'file'))).toThrow(`DATA_DIR is not a directory: ${path.join(root, 'file')}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
