/**
 * Talking to the Telegram app that shows this page, by Telegram's Mini App
 * protocol: calls go out through the channel each client offers (mobile:
 * `TelegramWebviewProxy.postEvent`, desktop: `external.notify`, web: a
 * message to the parent frame); events come back through
 * `Telegram.WebView.receiveEvent` or a message. Outside Telegram nothing
 * happens. (Telegram's own telegram-web-app.js would do this, but it is
 * loaded from Telegram's servers, which the page's CSP does not allow.)
 */

type Handler = (data: unknown) => void;

interface TelegramWindow {
  TelegramWebviewProxy?: { postEvent(type: string, data: string): void };
  external?: { notify?: (message: string) => void };
  Telegram?: { WebView?: { receiveEvent?: (type: string, data: unknown) => void } };
  TelegramGameProxy_receiveEvent?: (type: string, data: unknown) => void;
}

const handlers = new Map<string, Set<Handler>>();

function dispatch(type: string, data: unknown): void {
  for (const handler of handlers.get(type) ?? []) handler(data);
}

/** Sends a call (`web_app_ready`, `web_app_setup_back_button`, …) to Telegram. */
export function postEvent(type: string, data: Record<string, unknown> = {}): void {
  const w = window as unknown as TelegramWindow;
  if (w.TelegramWebviewProxy) {
    w.TelegramWebviewProxy.postEvent(type, JSON.stringify(data));
  } else if (typeof w.external?.notify === 'function') {
    w.external.notify(JSON.stringify({ eventType: type, eventData: data }));
  } else if (window.parent !== window) {
    window.parent.postMessage(JSON.stringify({ eventType: type, eventData: data }), 'https://web.telegram.org');
  }
}

/** Calls `handler` for each event of `type` (`back_button_pressed`, `theme_changed`, …); returns the way to stop. */
export function onEvent(type: string, handler: Handler): () => void {
  let set = handlers.get(type);
  if (!set) handlers.set(type, (set = new Set()));
  set.add(handler);
  return () => set.delete(handler);
}

/** Starts listening on every channel Telegram's clients use to send events. */
export function listenToTelegram(): void {
  const w = window as unknown as TelegramWindow;
  w.Telegram ??= {};
  w.Telegram.WebView ??= {};
  w.Telegram.WebView.receiveEvent = dispatch;
  w.TelegramGameProxy_receiveEvent = dispatch;
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== 'https://web.telegram.org' || typeof event.data !== 'string') return;
    try {
      const message = JSON.parse(event.data) as { eventType?: unknown; eventData?: unknown };
      if (typeof message.eventType === 'string') dispatch(message.eventType, message.eventData);
    } catch {
      // Not one of Telegram's messages.
    }
  });
}
