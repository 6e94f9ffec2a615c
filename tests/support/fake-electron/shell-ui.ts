// The desktop's side in memory: tray icons, their menus, images and notifications. Trays and
// notifications are recorded where a test can read what the user would see and act as the
// user would (click the icon, a menu item or a notification).
import { asElectron, electronEvent, FakeEmitter, modelled } from './events';
import type { FakeWorld } from './world';

// ---- images ------------------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; undefined for anything that is not a PNG. */
function pngSize(buffer: Buffer): { width: number; height: number } | undefined {
  if (buffer.length < 24 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE) || buffer.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

interface Representation {
  scaleFactor: number;
  width: number;
  height: number;
  buffer: Buffer;
}

export class FakeNativeImage implements Pick<
  Electron.NativeImage,
  'addRepresentation' | 'isEmpty' | 'getSize' | 'getScaleFactors' | 'toPNG'
> {
  readonly representations: Representation[] = [];

  constructor() {
    return modelled(this, 'NativeImage');
  }

  /** Electron decodes PNG and JPEG; the fake, PNG only. Anything else adds nothing. */
  addRepresentation(options: Electron.AddRepresentationOptions): void {
    const size = options.buffer && pngSize(options.buffer);
    if (!options.buffer || !size) return;
    this.representations.push({ scaleFactor: options.scaleFactor ?? 1, ...size, buffer: options.buffer });
  }

  isEmpty(): boolean {
    return this.representations.length === 0;
  }

  /** In DIPs: the 1x representation's size. */
  getSize(scaleFactor = 1): Electron.Size {
    const rep = this.representations.find((r) => r.scaleFactor === scaleFactor) ?? this.representations[0];
    return rep
      ? { width: Math.round(rep.width / rep.scaleFactor), height: Math.round(rep.height / rep.scaleFactor) }
      : { width: 0, height: 0 };
  }

  getScaleFactors(): number[] {
    return this.representations.map((r) => r.scaleFactor);
  }

  toPNG(options?: Electron.ToPNGOptions): Buffer {
    const rep = this.representations.find((r) => r.scaleFactor === (options?.scaleFactor ?? 1)) ?? this.representations[0];
    return rep?.buffer ?? Buffer.alloc(0);
  }
}

export const fakeNativeImage = modelled(
  {
    createFromBuffer: (buffer, options) => {
      const image = new FakeNativeImage();
      image.addRepresentation({ buffer, scaleFactor: options?.scaleFactor ?? 1 });
      return asElectron<Electron.NativeImage>(image);
    },
    createEmpty: () => asElectron<Electron.NativeImage>(new FakeNativeImage()),
  } satisfies Pick<typeof Electron.NativeImage, 'createFromBuffer' | 'createEmpty'>,
  'nativeImage',
);

// ---- menus ---------------------------------------------------------------------------------

type ItemMembers = 'id' | 'label' | 'type' | 'enabled' | 'visible' | 'click';

export class FakeMenuItem implements Pick<Electron.MenuItem, ItemMembers> {
  readonly id: string;
  label: string;
  type: Electron.MenuItem['type'];
  enabled: boolean;
  visible: boolean;
  private readonly onClick: Electron.MenuItemConstructorOptions['click'];

  /** Electron's defaults: type `normal` (or `separator`), label '', enabled and visible. */
  constructor(options: Electron.MenuItemConstructorOptions) {
    this.id = options.id ?? '';
    this.label = options.label ?? '';
    this.type = options.type ?? 'normal';
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.onClick = options.click;
    return modelled(this, 'MenuItem');
  }

  /** What the menu does on a user's click: nothing for a disabled or hidden item. */
  click = (): void => {
    if (!this.enabled || !this.visible) return;
    const event: Electron.KeyboardEvent = { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, triggeredByAccelerator: false };
    this.onClick?.(asElectron<Electron.MenuItem>(this), undefined, event);
  };
}

export class FakeMenu implements Pick<Electron.Menu, 'items'> {
  readonly fakeItems: FakeMenuItem[];

  constructor(template: (Electron.MenuItemConstructorOptions | Electron.MenuItem)[]) {
    this.fakeItems = template.map((entry) =>
      entry instanceof FakeMenuItem ? entry : new FakeMenuItem(entry as Electron.MenuItemConstructorOptions),
    );
    return modelled(this, 'Menu');
  }

  get items(): Electron.MenuItem[] {
    return this.fakeItems.map((i) => asElectron<Electron.MenuItem>(i));
  }

  static buildFromTemplate(template: (Electron.MenuItemConstructorOptions | Electron.MenuItem)[]): Electron.Menu {
    return asElectron<Electron.Menu>(new FakeMenu(template));
  }
}
FakeMenu satisfies Pick<typeof Electron.Menu, 'buildFromTemplate'>;

// ---- trays ---------------------------------------------------------------------------------

export type TrayEvents = {
  click: [event: Electron.KeyboardEvent, bounds: Electron.Rectangle, position: Electron.Point];
};

type TrayMembers = 'setImage' | 'setToolTip' | 'setContextMenu' | 'isDestroyed' | 'destroy';

export class FakeTray extends FakeEmitter<TrayEvents> implements Pick<Electron.Tray, TrayMembers> {
  image: FakeNativeImage | string;
  tooltip = '';
  menu: FakeMenu | null = null;
  private destroyed = false;
  /** How many times each setter ran: the tray touches the OS only when something changed. */
  readonly updates = { image: 0, tooltip: 0, menu: 0 };

  constructor(
    world: FakeWorld,
    image: Electron.NativeImage | string,
    readonly guid?: string,
  ) {
    super();
    if (!world.app.isReady()) throw new Error('Cannot create Tray before app is ready');
    // Not Electron's documented behaviour: the stand-in for a desktop without a tray area,
    // the case main guards against.
    if (!world.options.trayAvailable) throw new Error('The desktop offers no tray');
    this.image = image as FakeNativeImage | string;
    const self = modelled(this, 'Tray');
    world.trays.push(self);
    return self;
  }

  setImage(image: Electron.NativeImage | string): void {
    this.alive();
    this.image = image as FakeNativeImage | string;
    this.updates.image += 1;
  }

  setToolTip(toolTip: string): void {
    this.alive();
    this.tooltip = toolTip;
    this.updates.tooltip += 1;
  }

  setContextMenu(menu: Electron.Menu | null): void {
    this.alive();
    this.menu = menu as unknown as FakeMenu | null;
    this.updates.menu += 1;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }

  // ---- the user's side ------------------------------------------------------------------------

  /** The visible menu items as the user reads them (separators as '---'). */
  get labels(): string[] {
    return (this.menu?.fakeItems ?? []).filter((i) => i.visible).map((i) => (i.type === 'separator' ? '---' : i.label));
  }

  item(id: string): FakeMenuItem | undefined {
    return this.menu?.fakeItems.find((i) => i.id === id);
  }

  /** A click on a menu item, as the user makes it (throws when there is no such item to see). */
  clickItem(id: string): void {
    const item = this.item(id);
    if (!item?.visible) throw new Error(`The tray menu shows no item '${id}'`);
    item.click();
  }

  clickIcon(): void {
    this.fire(
      'click',
      { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, triggeredByAccelerator: false },
      { x: 0, y: 0, width: 16, height: 16 },
      { x: 8, y: 8 },
    );
  }

  private alive(): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
  }
}

// ---- notifications -----------------------------------------------------------------------------

export type NotificationEvents = {
  show: [event: Electron.Event];
  click: [event: Electron.Event];
  close: [details: Electron.Event<Electron.NotificationCloseEventParams>];
  failed: [event: Electron.Event, error: string];
};

export class FakeNotification
  extends FakeEmitter<NotificationEvents>
  implements Pick<Electron.Notification, 'show' | 'close' | 'title' | 'body'>
{
  title: string;
  body: string;
  readonly icon: Electron.NotificationConstructorOptions['icon'];

  constructor(
    private readonly world: FakeWorld,
    options: Electron.NotificationConstructorOptions = {},
  ) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    this.icon = options.icon;
    return modelled(this, 'Notification');
  }

  show(): void {
    this.world.notifications.push(this);
    this.fire('show', electronEvent());
  }

  close(): void {
    this.fire('close', electronEvent({ reason: 'applicationHidden' as const }));
  }

  // ---- the user's side ------------------------------------------------------------------------

  click(): void {
    this.fire('click', electronEvent());
  }

  dismiss(): void {
    this.fire('close', electronEvent({ reason: 'userCanceled' as const }));
  }

  /** The OS could not show it (Windows reports why). */
  fail(error: string): void {
    this.fire('failed', electronEvent(), error);
  }
}
