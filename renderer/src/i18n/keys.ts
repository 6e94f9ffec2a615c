// Every key of the message files as a type, so a missing or misspelt key fails to compile:
// `t` (useT, explain's Translate) takes a MessageKey, and a key built at run time must be
// built from a typed union (an error code, a state) whose every member has a text.
import { isKeyOf, type MessageKeys } from '#common/message-keys';

import { en } from './locales/en';

export type MessageKey = MessageKeys<typeof en>;

/** The keys under `section` (e.g. `diagnostics.report`), without the section and its dot. */
export type KeysUnder<Section extends string> = MessageKey extends infer K ? (K extends `${Section}.${infer Rest}` ? Rest : never) : never;

export { isKeyOf };

type Tree = { readonly [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = '', out = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value !== 'string') {
      keysOf(value, `${prefix}${key}.`, out);
      continue;
    }
    out.add(`${prefix}${key}`);
    const plural = /^(.+)_(?:zero|one|two|few|many|other)$/.exec(key);
    if (plural) out.add(`${prefix}${plural[1]}`);
  }
  return out;
}

let allKeys: ReadonlySet<string> | undefined;

/** Whether a key that arrived as a string (a field issue's message from core) has a text. */
export function isMessageKey(key: string): key is MessageKey {
  allKeys ??= keysOf(en);
  return allKeys.has(key);
}

/** A message key from core as a key with a text: one the catalog lacks reads as "not valid". */
export function knownKey(key: string): MessageKey {
  return isMessageKey(key) ? key : 'validation.invalid';
}
