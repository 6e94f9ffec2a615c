// BrowserWindow, its WebContents and frames, in memory. A window records the options it was
// built with; its page loads go through the default session's request filter and, for a
// registered scheme, the protocol handler, as in Electron. What the page itself does (navigate,
// window.open, ask for a permission, attach a <webview>, call IPC) is driven by the test through
// the helpers, which emit exactly the events Electron documents for each.
import { asElectron, electronEvent, FakeEmitter, modelled } from './events';
import type { FakeWorld } from './world';

// ---- frames --------------------------------------------------------------------------------

type FrameMembers = 'processId' | 'routingId' | 'url' | 'isDestroyed';

export class FakeWebFrame implements Pick<Electron.WebFrameMain, FrameMembers> {
  private disposed = false;
  private currentUrl: string;

  constructor(
    private readonly pid: number,
    private readonly rid: number,
    url: string,
  ) {
    this.currentUrl = url;
    return modelled(this, 'WebFrameMain');
  }

  // Electron throws on reading a frame whose render frame is gone.
  get processId(): number {
    return this.alive().pid;
  }

  get routingId(): number {
    return this.alive().rid;
  }

  get url(): string {
    return this.alive().currentUrl;
  }

  isDestroyed(): boolean {
    return this.disposed;
  }

  /** The fake's side: the document changed. */
  setUrl(url: string): void {
    this.currentUrl = url;
  }

  dispose(): void {
    this.disposed = true;
  }

  private alive(): this {
    if (this.disposed) throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    return this;
  }
}

// ---- web contents ---------------------------------------------------------------------------

export type WebContentsEvents = {
  'will-navigate': [
    details: Electron.Event<Electron.WebContentsWillNavigateEventParams>,
    url: string,
    isInPlace: boolean,
    isMainFrame: boolean,
    frameProcessId: number,
    frameRoutingId: number,
  ];
  'will-frame-navigate': [details: Electron.Event<Electron.WebContentsWillFrameNavigateEventParams>];
  'will-redirect': [
    details: Electron.Event<Electron.WebContentsWillRedirectEventParams>,
    url: string,
    isInPlace: boolean,
    isMainFrame: boolean,
    frameProcessId: number,
    frameRoutingId: number,
  ];
  'will-attach-webview': [event: Electron.Event, webPreferences: Electron.WebPreferences, params: Record<string, string>];
  'render-process-gone': [event: Electron.Event, details: Electron.RenderProcessGoneDetails];
  destroyed: [];
};

type WebContentsMembers = 'id' | 'mainFrame' | 'getURL' | 'send' | 'isDestroyed' | 'setWindowOpenHandler' | 'loadURL';

type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

export class FakeWebContents extends FakeEmitter<WebContentsEvents> implements Pick<Electron.WebContents, WebContentsMembers> {
  readonly id: number;
  private frame: FakeWebFrame;
  private currentUrl = '';
  private destroyed = false;
  private openHandler: WindowOpenHandler | undefined;
  /** What main sent the page, in order. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  /** The last response the page was served from a protocol handler. */
  lastResponse: Response | undefined;

  constructor(private readonly world: FakeWorld) {
    super();
    this.id = world.nextId();
    this.frame = new FakeWebFrame(world.nextId(), 1, '');
    return modelled(this, 'WebContents');
  }

  get mainFrame(): Electron.WebFrameMain {
    return asElectron<Electron.WebFrameMain>(this.frame);
  }

  get fakeMainFrame(): FakeWebFrame {
    return this.frame;
  }

  getURL(): string {
    return this.currentUrl;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.openHandler = handler;
  }

  /**
   * Resolves once loaded; rejects when the load fails (Electron's did-fail-load): the session's
   * request filter cancelled it, or the scheme's handler threw. A registered scheme is served by
   * its protocol handler (any status loads, as a page); http(s) pages are taken as loaded
   * without fetching anything (their content is not modelled).
   */
  async loadURL(url: string, _options?: Electron.LoadURLOptions): Promise<void> {
    // After its renderer died, a load starts a new renderer process, with a new main frame.
    if (this.frame.isDestroyed() && !this.destroyed) this.frame = new FakeWebFrame(this.world.nextId(), 1, '');
    const allowed = await this.world.defaultSession.filter({ url, method: 'GET', resourceType: 'mainFrame', webContents: this });
    if (!allowed) throw new Error(`ERR_BLOCKED_BY_CLIENT (-20) loading '${url}'`);
    if (this.world.protocol.handles(url)) {
      try {
        this.lastResponse = await this.world.protocol.fetch(url);
      } catch (err) {
        throw new Error(`ERR_FAILED (-2) loading '${url}'`, { cause: err });
      }
    }
    this.currentUrl = url;
    this.frame.setUrl(url);
    this.world.loaded(this);
  }

  // ---- the page's side --------------------------------------------------------------------

  /**
   * The page (or a frame of it) navigating to `url`: will-frame-navigate for any frame, and
   * will-navigate for the main frame, each preventable; resolves whether it went ahead.
   */
  async navigate(url: string, frame: FakeWebFrame = this.frame): Promise<boolean> {
    const isMainFrame = frame === this.frame;
    const params = { url, isSameDocument: false, isMainFrame, frame: asElectron<Electron.WebFrameMain>(frame), initiator: null };
    const frameEvent = electronEvent(params);
    this.fire('will-frame-navigate', frameEvent);
    if (frameEvent.defaultPrevented) return false;
    if (isMainFrame) {
      const event = electronEvent(params);
      this.fire('will-navigate', event, url, false, true, frame.processId, frame.routingId);
      if (event.defaultPrevented) return false;
      await this.loadURL(url);
      return true;
    }
    frame.setUrl(url);
    return true;
  }

  /** A server redirect during a main-frame navigation; resolves whether it was followed. */
  redirect(url: string): boolean {
    const frame = this.frame;
    const event = electronEvent({
      url,
      isSameDocument: false,
      isMainFrame: true,
      frame: asElectron<Electron.WebFrameMain>(frame),
      initiator: null,
    });
    this.fire('will-redirect', event, url, false, true, frame.processId, frame.routingId);
    return !event.defaultPrevented;
  }

  /**
   * window.open / target=_blank: the handler decides; with none, or `allow`, Electron opens a
   * new window. Returns that window, or null (what the page's window.open returns when denied).
   */
  windowOpen(url: string, features = ''): Electron.BrowserWindow | null {
    const details: Electron.HandlerDetails = {
      url,
      frameName: '',
      features,
      disposition: 'new-window',
      referrer: { url: this.currentUrl, policy: 'strict-origin-when-cross-origin' },
    };
    const response = this.openHandler?.(details) ?? { action: 'allow' };
    if (response.action === 'deny') return null;
    return new this.world.module.BrowserWindow(response.overrideBrowserWindowOptions ?? {});
  }

  /** A <webview> about to attach; resolves whether it may. */
  attachWebview(params: Record<string, string>): boolean {
    const event = electronEvent();
    this.fire('will-attach-webview', event, { nodeIntegration: false }, params);
    return !event.defaultPrevented;
  }

  /** The renderer process ended: its frames are gone, the page shows nothing. */
  renderProcessGone(details: Electron.RenderProcessGoneDetails): void {
    this.frame.dispose();
    this.currentUrl = '';
    this.fire('render-process-gone', electronEvent(), details);
  }

  /** The page is on `url` without any navigation event: a state main must not trust. */
  showElsewhere(url: string): void {
    this.currentUrl = url;
    this.frame.setUrl(url);
  }

  /** A frame inside the page (same renderer process), on `url`. */
  addSubframe(url: string): FakeWebFrame {
    return new FakeWebFrame(this.frame.processId, this.world.nextId(), url);
  }

  /** `ipcRenderer.invoke(channel, ...args)` from `frame` (the main frame by default). */
  invoke(channel: string, args: unknown[], frame: FakeWebFrame | null = this.frame): Promise<unknown> {
    return this.world.ipcMain.invoke(this, frame, channel, args);
  }

  /** The page asking for a permission, as Chromium asks the session's handler. */
  requestPermission(permission: string, details: { requestingUrl: string; isMainFrame: boolean }): Promise<boolean> {
    return this.world.defaultSession.requestPermission(this, permission, details);
  }

  /** `navigator.permissions.query` and friends: the session's check handler. */
  checkPermission(permission: string, requestingOrigin: string, details: Electron.PermissionCheckHandlerHandlerDetails): boolean {
    return this.world.defaultSession.checkPermission(this, permission, requestingOrigin, details);
  }

  /** The fake's side: the window went away. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.frame.dispose();
    this.fire('destroyed');
  }
}

// ---- windows ----------------------------------------------------------------------------------

export type WindowEvents = {
  close: [event: Electron.Event];
  closed: [];
  'ready-to-show': [];
  show: [];
  hide: [];
  'session-end': [event: Electron.WindowSessionEndEvent];
  'enter-full-screen': [];
  'leave-full-screen': [];
};

type WindowMembers =
  | 'id'
  | 'webContents'
  | 'show'
  | 'hide'
  | 'focus'
  | 'isFocused'
  | 'isVisible'
  | 'minimize'
  | 'isMinimized'
  | 'restore'
  | 'isFullScreen'
  | 'setFullScreen'
  | 'isDestroyed'
  | 'loadURL'
  | 'close'
  | 'destroy';

export class FakeBrowserWindow extends FakeEmitter<WindowEvents> implements Pick<Electron.BrowserWindow, WindowMembers> {
  readonly id: number;
  /** The options the window was created with, as given. */
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly contents: FakeWebContents;
  private visible: boolean;
  private focused = false;
  private minimized = false;
  private fullScreen = false;
  private destroyed = false;
  private shownOnce = false;

  constructor(
    private readonly world: FakeWorld,
    options: Electron.BrowserWindowConstructorOptions = {},
  ) {
    super();
    if (!world.app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    this.id = world.nextId();
    this.options = options;
    this.visible = options.show ?? true;
    this.contents = new FakeWebContents(world);
    const self = modelled(this, 'BrowserWindow');
    world.windows.push(self);
    world.app.fire('web-contents-created', electronEvent(), this.webContents);
    world.app.fire('browser-window-created', electronEvent(), asElectron<Electron.BrowserWindow>(self));
    return self;
  }

  get webContents(): Electron.WebContents {
    return asElectron<Electron.WebContents>(this.contents);
  }

  show(): void {
    this.alive();
    this.minimized = false;
    this.focused = true;
    if (this.visible) return;
    this.visible = true;
    this.fire('show');
  }

  hide(): void {
    this.alive();
    this.focused = false;
    if (!this.visible) return;
    this.visible = false;
    this.fire('hide');
  }

  focus(): void {
    this.alive();
    this.focused = true;
  }

  isFocused(): boolean {
    return this.focused;
  }

  isVisible(): boolean {
    return this.visible;
  }

  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  isFullScreen(): boolean {
    return this.fullScreen;
  }

  /** The change completes (and its event comes) later, as after the OS's animation. */
  setFullScreen(flag: boolean): void {
    if (flag === this.fullScreen) return;
    this.fullScreen = flag;
    setImmediate(() => this.fire(flag ? 'enter-full-screen' : 'leave-full-screen'));
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  loadURL(url: string, options?: Electron.LoadURLOptions): Promise<void> {
    return this.contents.loadURL(url, options);
  }

  /** As the close button: `close` (preventable), then, unless prevented, the window goes. */
  close(): void {
    if (this.destroyed) return;
    const event = electronEvent();
    this.fire('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  /** No `close` event; `closed` is guaranteed. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.contents.destroy();
    const at = this.world.windows.findIndex((w) => w.id === this.id);
    if (at !== -1) this.world.windows.splice(at, 1);
    this.fire('closed');
    if (this.world.windows.length === 0) this.world.app.lastWindowClosed();
  }

  // ---- the fake's side ------------------------------------------------------------------------

  /** First paint after the first load, as Electron's ready-to-show. */
  painted(): void {
    if (this.shownOnce) return;
    this.shownOnce = true;
    this.fire('ready-to-show');
  }

  /** Windows ending the session (log off, shut down): session-end. */
  endSession(reasons: Electron.WindowSessionEndEvent['reasons']): void {
    this.fire('session-end', electronEvent({ reasons }));
  }

  private alive(): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
  }
}
