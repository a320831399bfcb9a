/** The built-in actions as a list, derived from `./index.ts` (one line per action there). */
import type { SandboxAction } from '../action';
import * as actions from './index';

export const BUILTIN_ACTIONS: readonly SandboxAction[] = Object.values(actions);
