import { BoundedMap } from '../shared/transport/boundedMap';

/**
 * The signatures of callbacks accepted in the last minutes, in this process: a callback sent again with the same
 * signature (a replay inside WeChat Pay's 5-minute window) is acknowledged without starting the workflow again.
 * WeChat Pay's own retries of an event it saw unacknowledged are signed anew, so they are not repeats here.
 * Each entry lives until its timestamp leaves the window, after which the signature check refuses it anyway.
 */
export class ReplayMemory {
	private readonly expiries = new BoundedMap<string, number>(20_000);

	/** Whether this signature was accepted before and is still inside the window. */
	seen(signature: string, nowMs = Date.now()): boolean {
		const expiry = this.expiries.get(signature);
		if (expiry === undefined) return false;
		if (expiry > nowMs) return true;
		this.expiries.delete(signature);
		return false;
	}

	remember(signature: string, expiresAtMs: number): void {
		this.expiries.set(signature, expiresAtMs);
	}
}

/** The trigger's memory, shared by every trigger in this process. */
export const acceptedCallbacks = new ReplayMemory();
