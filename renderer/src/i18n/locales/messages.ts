// The shape every language must have: the English keys, each value a string. Assigning an
// object literal to it fails to compile when a key is missing or extra.
import type { en } from './en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export type Messages = Shape<typeof en>;
