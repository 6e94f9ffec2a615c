// The shape every language of the command line must have: the English keys, each a string.
import type { MessageKeys } from '#common/message-keys';

import type { en } from './en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export type CliMessages = Shape<typeof en>;

/** A key of the command line's catalog: a misspelt one fails to compile. */
export type CliKey = MessageKeys<typeof en>;
