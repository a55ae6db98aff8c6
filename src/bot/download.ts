import { Api } from 'grammy';

/**
 * The real `BotDeps.downloadFile`: getFile, then the file from
 * `${apiRoot}/file/bot${token}/${file_path}`. The Bot API serves files up to
 * 20 MB this way; a larger one fails at getFile with Telegram's own message.
 */
export function createFileDownloader(
  token: string,
  apiRoot: string,
  fetchFile: typeof fetch = fetch,
): (fileId: string) => Promise<Uint8Array> {
  const api = new Api(token, { apiRoot });
  return async (fileId) => {
    const file = await api.getFile(fileId);
    if (!file.file_path) throw new Error(`Telegram gave no path for file ${fileId}`);
    const response = await fetchFile(`${apiRoot}/file/bot${token}/${file.file_path}`);
    if (!response.ok) throw new Error(`downloading ${file.file_path} failed: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}
