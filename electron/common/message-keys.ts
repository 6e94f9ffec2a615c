// The keys of a message catalog as a type, for the renderer's, main's and the command line's
// i18next: a missing or misspelt key fails to compile.

/** i18next picks `key_one` / `key_other` by `count`; the caller names `key`. */
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Named<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base | K : K;

/** Every dotted path to a text in `Catalog` (`tray.open`), plural forms also by their base name. */
export type MessageKeys<Catalog, Prefix extends string = ''> = {
  [K in keyof Catalog & string]: Catalog[K] extends string ? `${Prefix}${Named<K>}` : MessageKeys<Catalog[K], `${Prefix}${K}.`>;
}[keyof Catalog & string];

/** Whether `key` is one of `section`'s own keys (never one of Object's, such as `constructor`). */
export function isKeyOf<T extends object>(section: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(section, key);
}
