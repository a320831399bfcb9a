/**
 * The clock requests are signed with. Tencent refuses a timestamp more than 5 minutes off its own
 * clock (AuthFailure.SignatureExpire) and says what its clock reads in the answer's Date header:
 * adopting that offset lets a machine with a wrong clock keep working until NTP fixes it.
 */

/**
 * Server clock minus local clock, in ms, from an HTTP Date header (whole seconds) received at
 * `receivedAtMs`; undefined when the header is missing or unreadable.
 */
export function clockOffsetMs(serverDate: string | undefined, receivedAtMs: number): number | undefined {
	if (!serverDate) return undefined;
	const serverMs = Date.parse(serverDate);
	if (Number.isNaN(serverMs)) return undefined;
	// The header is truncated to the second: the server's clock was somewhere in the next 1000 ms.
	return serverMs + 500 - receivedAtMs;
}

export class SigningClock {
	private offset = 0;

	constructor(private readonly localNow: () => number = Date.now) {}

	/** Unix seconds to sign with: the local clock plus the offset learned from the server. */
	timestamp(): number {
		return Math.floor((this.localNow() + this.offset) / 1000);
	}

	/** The correction in whole seconds (0 until a server date was adopted). */
	get offsetSeconds(): number {
		return Math.round(this.offset / 1000);
	}

	/** Adopts the server's clock from its Date header; false when the header is unusable. */
	correctFrom(serverDate: string | undefined): boolean {
		const offset = clockOffsetMs(serverDate, this.localNow());
		if (offset === undefined) return false;
		this.offset = offset;
		return true;
	}
}
