// The shape every language's texts must have: English's keys, any strings.
import type { MessageKeys } from '#common/message-keys';

import type { en } from './en';

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export type MainTexts = Strings<typeof en>;

/** A key of main's catalog: `texts.t('tray.opn')` fails to compile. */
export type MainKey = MessageKeys<typeof en>;
