// How the renderer reaches core: the Electron preload's window.tessera when running in the
// app, otherwise the browser host's WebSocket carrying the very same contract.
import {
  ACCESS_KEY_FRAGMENT,
  type AppEvent,
  METHODS,
  type Result,
  type TesseraApi,
  WEB_SOCKET_PATH,
  type WireMessage,
} from '#common/contract';

declare global {
  interface Window {
    tessera?: TesseraApi;
  }
}

export type ConnectionState = 'open' | 'closed';

const KEY_STORAGE = 'tessera-access-key';
const connectionListeners = new Set<(state: ConnectionState) => void>();

/** Called when the browser host goes away (the app window itself never loses its bridge). */
export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

/** The access key from the URL fragment, kept for reloads and removed from the address bar. */
function accessKey(): string {
  const fragment = new URLSearchParams(window.location.hash.slice(1)).get(ACCESS_KEY_FRAGMENT);
  if (fragment) {
    sessionStorage.setItem(KEY_STORAGE, fragment);
    window.history.replaceState(null, '', window.location.pathname);
  }
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

function webSocketApi(): Promise<TesseraApi> {
  const url = new URL(WEB_SOCKET_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set(ACCESS_KEY_FRAGMENT, accessKey());
  const ws = new WebSocket(url);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: AppEvent) => void>();
  let nextId = 1;

  ws.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as WireMessage;
    if ('event' in data) {
      for (const listener of listeners) listener(data.event);
      return;
    }
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  });
  ws.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'internal' } });
    pending.clear();
    for (const listener of connectionListeners) listener('closed');
  });

  const call = (method: string, input?: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      if (ws.readyState !== WebSocket.OPEN) return resolve({ ok: false, error: { code: 'internal' } });
      const id = nextId++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, input }));
    });

  const api = Object.fromEntries(METHODS.map((m) => [m, (input?: unknown) => call(m, input)])) as unknown as TesseraApi;
  api.onEvent = (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () => {
      for (const listener of connectionListeners) listener('open');
      resolve(api);
    });
    ws.addEventListener('error', () => reject(new Error('The Tessera host refused the connection.')));
  });
}

let connecting: Promise<TesseraApi> | undefined;

/** The API, connecting once on first use. */
export function getApi(): Promise<TesseraApi> {
  return (connecting ??= window.tessera ? Promise.resolve(window.tessera) : webSocketApi());
}
