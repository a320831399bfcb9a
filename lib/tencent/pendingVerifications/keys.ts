/**
 * The two names the registry protocol gives out, spelled here only: the owner of this process's
 * leases, and the key of a reservation (an Apply call about to be sent, before Tencent has handed
 * out a token).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** This process, as lease owner: host, pid and a random part (a restarted process is someone else). */
export const PROCESS_OWNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

const RESERVATION_PREFIX = 'apply:';

/** A fresh reservation key: never a Tencent token, never polled. */
export function newReservationKey(): string {
	return `${RESERVATION_PREFIX}${randomUUID()}`;
}

/** Whether a registry key is a reservation rather than a token Tencent handed out. */
export function isReservationKey(key: string): boolean {
	return key.startsWith(RESERVATION_PREFIX);
}
