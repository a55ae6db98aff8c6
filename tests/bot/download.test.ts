/**
 * The upload downloader: the size limit holds while the bytes arrive, not
 * only by what Telegram declared.
 */
import { describe, expect, it } from 'vitest';
import { createFileDownloader, FileTooLargeError } from '../../src/bot/download.js';

const MIB = 1024 * 1024;

/** A response whose body is `chunks` chunks of 1 MiB, made only when read; `pulled()` counts them. */
function lazyBody(chunks: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled === chunks) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(MIB).fill(0x41));
      },
    },
    { highWaterMark: 0 },
  );
  return { response: new Response(body, { headers }), pulled: () => pulled };
}

function downloader(response: Response, urls: string[] = []) {
  return createFileDownloader('1:test', 'http://api.test', {
    getFilePath: async (fileId) => `documents/${fileId}.txt`,
    fetchFile: (async (url: string) => {
      urls.push(url);
      return response;
    }) as typeof fetch,
  });
}

describe('createFileDownloader', () => {
  it('returns the bytes of a file within the limit, fetched from the file server path', async () => {
    const urls: string[] = [];
    const body = lazyBody(2);
    const bytes = await downloader(body.response, urls)('F1', 5 * MIB);
    expect(bytes.length).toBe(2 * MIB);
    expect(urls).toEqual(['http://api.test/file/bot1:test/documents/F1.txt']);
  });

  it('stops reading once a file passes the limit, whatever its declared size was', async () => {
    const body = lazyBody(100);
    const error = await downloader(body.response)('F1', 5 * MIB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect((error as FileTooLargeError).size).toBe(6 * MIB);
    expect(body.pulled()).toBe(6);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const body = lazyBody(100, { 'content-length': String(100 * MIB) });
    const error = await downloader(body.response)('F1', 5 * MIB).catch((e: unknown) => e);
    expect((error as FileTooLargeError).size).toBe(100 * MIB);
    expect(body.pulled()).toBe(0);
  });

  it('fails with the HTTP status when the file server refuses', async () => {
    const error = await downloader(new Response('gone', { status: 404 }))('F1', 5 * MIB).catch((e: unknown) => e);
    expect((error as Error).message).toBe('downloading documents/F1.txt failed: HTTP 404');
  });
});
