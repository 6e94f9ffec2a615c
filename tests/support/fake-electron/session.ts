// Sessions, their request filter (webRequest.onBeforeRequest) and permission handlers, and the
// protocol module, in memory. Every page load and every `session.fetch` passes the session's
// filter first, as in Chromium; a registered scheme is answered by its `protocol.handle`
// handler with a real Fetch API Request and Response.
import { asElectron, modelled } from './events';
import type { FakeWebContents } from './windows';
import type { FakeWorld } from './world';

type BeforeRequestListener = NonNullable<Parameters<Electron.WebRequest['onBeforeRequest']>[0]>;

export class FakeWebRequest implements Pick<Electron.WebRequest, 'onBeforeRequest'> {
  private listener: BeforeRequestListener | null = null;
  private nextRequestId = 1;

  constructor() {
    return modelled(this, 'WebRequest');
  }

  onBeforeRequest(filter: Electron.WebRequestFilter, listener: BeforeRequestListener | null): void;
  onBeforeRequest(listener: BeforeRequestListener | null): void;
  onBeforeRequest(a: Electron.WebRequestFilter | BeforeRequestListener | null, _listener?: BeforeRequestListener | null): void {
    if (typeof a === 'function' || a === null) {
      this.listener = a;
      return;
    }
    // URL patterns are not modelled: main filters every request.
    throw new Error('The in-memory Electron does not model webRequest filters with URL patterns.');
  }

  /** Runs the listener (one per session, as in Electron); resolves whether the request may go. */
  async allows(request: {
    url: string;
    method: string;
    resourceType: Electron.OnBeforeRequestListenerDetails['resourceType'];
    webContents?: FakeWebContents;
  }): Promise<boolean> {
    const listener = this.listener;
    if (!listener) return true;
    const details: Electron.OnBeforeRequestListenerDetails = {
      id: this.nextRequestId++,
      url: request.url,
      method: request.method,
      resourceType: request.resourceType,
      referrer: '',
      timestamp: Date.now(),
      uploadData: [],
      ...(request.webContents
        ? {
            webContentsId: request.webContents.id,
            webContents: asElectron<Electron.WebContents>(request.webContents),
            frame: request.webContents.mainFrame,
          }
        : {}),
    };
    // Electron holds the request until the callback is called.
    const response = await new Promise<Electron.CallbackResponse>((resolve) => listener(details, resolve));
    return !response.cancel;
  }
}

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];
type DevicePermissionHandler = Parameters<Electron.Session['setDevicePermissionHandler']>[0];
type Permission = Parameters<NonNullable<PermissionRequestHandler>>[1];

type SessionMembers =
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setSpellCheckerEnabled'
  | 'isSpellCheckerEnabled'
  | 'webRequest'
  | 'fetch';

export class FakeSession implements Pick<Electron.Session, SessionMembers> {
  private readonly requests = new FakeWebRequest();
  private requestHandler: PermissionRequestHandler = null;
  private checkHandler: PermissionCheckHandler = null;
  private deviceHandler: DevicePermissionHandler = null;
  private spellChecker = true;

  constructor(
    readonly partition: string,
    readonly options: Electron.FromPartitionOptions | undefined,
  ) {
    return modelled(this, 'Session');
  }

  get webRequest(): Electron.WebRequest {
    return asElectron<Electron.WebRequest>(this.requests);
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.checkHandler = handler;
  }

  setDevicePermissionHandler(handler: DevicePermissionHandler): void {
    this.deviceHandler = handler;
  }

  setSpellCheckerEnabled(enable: boolean): void {
    this.spellChecker = enable;
  }

  isSpellCheckerEnabled(): boolean {
    return this.spellChecker;
  }

  /**
   * The session's network stack: the request filter, then the network for http(s). Electron's
   * fetch rejects a cancelled request with net::ERR_BLOCKED_BY_CLIENT.
   */
  async fetch(input: string | Request, init?: RequestInit & { bypassCustomProtocolHandlers?: boolean }): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    const method = init?.method ?? (typeof input === 'string' ? 'GET' : input.method);
    if (!(await this.requests.allows({ url, method, resourceType: 'other' }))) throw new Error('net::ERR_BLOCKED_BY_CLIENT');
    const scheme = url.slice(0, url.indexOf(':') + 1);
    if (scheme !== 'http:' && scheme !== 'https:') throw new TypeError(`The in-memory Electron fetches http(s) only, not ${scheme}`);
    return fetch(input, init);
  }

  // ---- the fake's side ------------------------------------------------------------------------

  filter(request: Parameters<FakeWebRequest['allows']>[0]): Promise<boolean> {
    return this.requests.allows(request);
  }

  /** Without a handler Electron grants every permission. */
  requestPermission(
    contents: FakeWebContents,
    permission: string,
    details: { requestingUrl: string; isMainFrame: boolean },
  ): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(asElectron<Electron.WebContents>(contents), permission as Permission, resolve, details));
  }

  checkPermission(
    contents: FakeWebContents | null,
    permission: string,
    requestingOrigin: string,
    details: Electron.PermissionCheckHandlerHandlerDetails,
  ): boolean {
    const handler = this.checkHandler;
    if (!handler) return true;
    return handler(contents ? asElectron<Electron.WebContents>(contents) : null, permission as Permission, requestingOrigin, details);
  }

  /** A page asking for a USB, HID or serial device; without a handler Chromium asks the user (taken as yes). */
  checkDevicePermission(details: Electron.DevicePermissionHandlerHandlerDetails): boolean {
    return this.deviceHandler ? this.deviceHandler(details) : true;
  }
}

// ---- protocol ----------------------------------------------------------------------------------

type ProtocolHandler = Parameters<Electron.Protocol['handle']>[1];

export class FakeProtocol implements Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'isProtocolHandled'> {
  private readonly privileged = new Map<string, Electron.Privileges>();
  private readonly handlers = new Map<string, ProtocolHandler>();
  private registered = false;

  constructor(private readonly world: FakeWorld) {
    return modelled(this, 'protocol');
  }

  /** Electron: only before `ready`, and only once. */
  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    if (this.world.app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    if (this.registered) throw new Error('protocol.registerSchemesAsPrivileged can be called only once');
    this.registered = true;
    for (const s of customSchemes) this.privileged.set(s.scheme, s.privileges ?? {});
  }

  /** Electron: the protocol module is usable once the app is ready; one handler per scheme. */
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.world.app.isReady()) throw new Error('protocol.handle can only be used after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  // ---- the fake's side ------------------------------------------------------------------------

  privilegesOf(scheme: string): Electron.Privileges | undefined {
    return this.privileged.get(scheme);
  }

  handles(url: string): boolean {
    return this.handlers.has(url.slice(0, url.indexOf(':')));
  }

  /** A request for `url` as the page would make it, answered by the scheme's handler. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.handlers.get(url.slice(0, url.indexOf(':')));
    if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME: ${url}`);
    return handler(new Request(url, init));
  }
}
