// The shape every language of the command line must have: the English keys, each a string.
import type { en } from './en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export type CliMessages = Shape<typeof en>;
