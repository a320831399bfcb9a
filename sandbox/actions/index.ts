/** Every action the sandbox answers by default; add each new `actions/<ActionName>.ts` here. */
import type { SandboxAction } from '../action';
import { IdCardVerificationAction } from './IdCardVerification';

export const BUILTIN_ACTIONS: readonly SandboxAction[] = [IdCardVerificationAction];
