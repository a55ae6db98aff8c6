import { Api } from 'grammy';

/**
 * A file over the size the caller takes. `size` is the size Telegram or the
 * file server declared, or the bytes received when the download was stopped.
 */
export class FileTooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`file over ${maxBytes} bytes (${size} bytes)`);
    this.name = 'FileTooLargeError';
  }
}

/** How the downloader reaches Telegram; tests pass fakes. */
export interface DownloaderOptions {
  /** The file server's fetch (default the global `fetch`). */
  readonly fetchFile?: typeof fetch;
  /** getFile: the file's path on the file server (default a grammY `Api` call). */
  readonly getFilePath?: (fileId: string) => Promise<string | undefined>;
}

/**
 * The real `BotDeps.downloadFile`: getFile, then the file from
 * `${apiRoot}/file/bot${token}/${file_path}`, streamed and stopped as soon
 * as it passes `maxBytes` (a declared Content-Length over it is refused
 * before reading), so the limit holds whatever Telegram's `file_size` said.
 * Throws `FileTooLargeError` for that, any other error when Telegram fails.
 */
export function createFileDownloader(
  token: string,
  apiRoot: string,
  options: DownloaderOptions = {},
): (fileId: string, maxBytes: number) => Promise<Uint8Array> {
  const fetchFile = options.fetchFile ?? fetch;
  const api = new Api(token, { apiRoot });
  const getFilePath = options.getFilePath ?? (async (fileId: string) => (await api.getFile(fileId)).file_path);
  return async (fileId, maxBytes) => {
    const filePath = await getFilePath(fileId);
    if (!filePath) throw new Error(`Telegram gave no path for file ${fileId}`);
    const response = await fetchFile(`${apiRoot}/file/bot${token}/${filePath}`);
    if (!response.ok) throw new Error(`downloading ${filePath} failed: HTTP ${response.status}`);
    return readAtMost(response, maxBytes);
  };
}

/** The body of `response`, or `FileTooLargeError` as soon as it passes `maxBytes`. */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new FileTooLargeError(declared, maxBytes);
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw new FileTooLargeError(received, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
