/**
 * The process's one view of whether Telegram answers: a failure or an answer
 * counts only for calls begun after what is already known, so calls in
 * flight when an outage starts neither end it nor log it twice.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTelegramLink } from '../../src/process/index.js';
import { recordingLogger } from '../helpers/recordingLogger.js';

const UNREACHABLE = 'Telegram is unreachable: retrying (logged once a minute until it answers)';
const RESUMED = 'Telegram answers again: resumed';

describe('the Telegram link', () => {
  afterEach(() => vi.useRealTimers());

  it('is not ended by the answer to a call begun before the outage was seen', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { logger, messages } = recordingLogger();
    const link = createTelegramLink(logger);
    const inFlight = Date.now();
    vi.advanceTimersByTime(100);
    link.failed('ECONNRESET', Date.now());
    vi.advanceTimersByTime(100);
    link.answered(inFlight); // sent before the outage, answered during it
    expect(link.downSince).toBe(1_000_100);
    link.failed('ECONNRESET', Date.now());
    vi.advanceTimersByTime(100);
    link.answered(Date.now() - 50); // a call begun during the outage: Telegram is back
    expect(link.downSince).toBeNull();
    expect(messages()).toEqual([UNREACHABLE, RESUMED]);
  });

  it('ignores the failure of a call begun before the last answer', () => {
    vi.useFakeTimers({ now: 2_000_000 });
    const { logger, messages } = recordingLogger();
    const link = createTelegramLink(logger);
    const old = Date.now();
    vi.advanceTimersByTime(100);
    link.answered(Date.now());
    link.failed('ETIMEDOUT', old);
    expect([link.downSince, messages()]).toEqual([null, []]);
  });
});
