// A contract method's input after dispatch() parsed it with the method's schema.
import type { z } from 'zod';

import type { Contract, Method } from '#common/contract';

export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
