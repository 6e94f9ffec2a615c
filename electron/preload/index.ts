// The bridge between the sandboxed renderer and main: window.tessera, one named method per
// contract channel (derived from the contract, so the two cannot drift) and one event feed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import { type AppEvent, channelName, EVENT_CHANNEL, METHODS, type TesseraApi } from '#common/contract';

const api = Object.fromEntries(
  METHODS.map((method) => [method, (input?: unknown) => ipcRenderer.invoke(channelName(method), input)]),
) as unknown as TesseraApi;

api.onEvent = (listener) => {
  const forward = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  };
};

contextBridge.exposeInMainWorld('tessera', api);
