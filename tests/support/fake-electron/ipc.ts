// ipcMain in memory: one handler per channel (a second registration throws, as in Electron),
// and invocations built the way Electron builds them: an IpcMainInvokeEvent naming the sending
// web contents and frame. A handler's throw reaches the page as Electron's wrapped error.
import { asElectron, FakeEmitter, modelled } from './events';
import type { FakeWebContents, FakeWebFrame } from './windows';

type InvokeHandler = Parameters<Electron.IpcMain['handle']>[1];

export class FakeIpcMain extends FakeEmitter<Record<string, unknown[]>> implements Pick<Electron.IpcMain, 'handle' | 'removeHandler'> {
  private readonly handlers = new Map<string, InvokeHandler>();

  constructor() {
    super();
    return modelled(this, 'ipcMain');
  }

  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  // ---- the fake's side ------------------------------------------------------------------------

  get channels(): string[] {
    return [...this.handlers.keys()];
  }

  /** `ipcRenderer.invoke` from `frame` of `sender`: what the page's promise settles with. */
  async invoke(sender: FakeWebContents, frame: FakeWebFrame | null, channel: string, args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    let prevented = false;
    const event: Electron.IpcMainInvokeEvent = {
      sender: asElectron<Electron.WebContents>(sender),
      senderFrame: frame ? asElectron<Electron.WebFrameMain>(frame) : null,
      frameId: frame?.isDestroyed() === false ? frame.routingId : -1,
      processId: sender.fakeMainFrame.isDestroyed() ? -1 : sender.fakeMainFrame.processId,
      type: 'frame',
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    };
    // Arguments cross the process boundary by structured clone.
    const cloned = structuredClone(args);
    try {
      return structuredClone(await (handler(event, ...cloned) as Promise<unknown>));
    } catch (err) {
      throw new Error(`Error invoking remote method '${channel}': ${String(err)}`, { cause: err });
    }
  }
}
