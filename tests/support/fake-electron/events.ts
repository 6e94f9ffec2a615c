// The pieces every part of the in-memory Electron shares: Electron's event objects, emitters
// that fire events with the arguments Electron documents (checked against electron.d.ts in
// witnesses.ts), and the guard that makes any member the fake does not model fail loudly.
import { EventEmitter } from 'node:events';

/** An event's arguments, as Electron passes them to a listener. */
export type EventMap = Record<string, unknown[]>;

/** One listener per event of a map: what witnesses.ts hands to Electron's own `on` overloads. */
export type Listeners<E extends EventMap> = { [K in keyof E]: (...args: E[K]) => void };

/**
 * `Electron.Event<P>`: `preventDefault()` and `defaultPrevented`, plus the event's own fields,
 * as Electron builds it for each emission.
 */
export function electronEvent<P extends object = object>(params?: P): Electron.Event<P> {
  let prevented = false;
  const base = {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
  return Object.defineProperties(base, Object.getOwnPropertyDescriptors(params ?? {})) as Electron.Event<P>;
}

/**
 * Electron's emitters are Node EventEmitters (`on`, `once`, `off`, `removeAllListeners`...
 * come from Node, as in Electron). `fire` is the fake's side: Electron emitting `event`.
 */
export class FakeEmitter<E extends EventMap> extends EventEmitter {
  fire<K extends keyof E & string>(event: K, ...args: E[K]): boolean {
    return this.emit(event, ...args);
  }
}

/** Keys read by JavaScript itself, Node and Vitest's printing, never by main. */
const RUNTIME_KEYS = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  'constructor',
  'domain',
  'inspect',
  'toString',
  'valueOf',
]);

/**
 * Wraps a fake so that reading a member it does not model throws, naming it. Main code that
 * starts using another Electron member then fails here, loudly, until the fake models it,
 * instead of reading `undefined` and passing for the wrong reason.
 */
export function modelled<T extends object>(target: T, name: string): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || prop in t || RUNTIME_KEYS.has(prop) || /^[_$@]/.test(prop)) {
        return Reflect.get(t, prop, receiver) as unknown;
      }
      throw new TypeError(`The in-memory Electron does not model ${name}.${prop} (tests/support/fake-electron).`);
    },
  });
}

/**
 * A fake handed to main where Electron's type is expected. The one unchecked step: each fake's
 * modelled members are checked against Electron's own declarations where the fake is defined
 * (`implements Pick<Electron.X, ...>` / `satisfies`); the rest are absent, and `modelled()`
 * makes reading them throw.
 */
export function asElectron<T>(fake: object): T {
  return fake as T;
}
