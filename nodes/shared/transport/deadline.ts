/**
 * The request's Timeout as a deadline for the whole exchange, answer included (axios's own timeout only notices a
 * silent connection), joined with n8n's cancel signal when the execution has one: the signal aborts with the
 * cancel signal's reason when the execution is cancelled, and with a TimeoutError once the Timeout has passed —
 * what AbortSignal.any([cancel, AbortSignal.timeout(ms)]) gives.
 *
 * Built without a timer and a composite per request: on Node 20 those cost about as much as the rest of signing a
 * request, and on Node 24 every composite stays registered with the execution's cancel signal (WeakRefs,
 * finalization cells, its timer) for as long as the execution runs, about 0.5 KB per item of a long run. Here the
 * requests that share a Timeout share one timer (they expire in the order they started), each execution's cancel
 * signal has one listener for all its requests, and a request leaves both when its exchange ends (endDeadline,
 * called by the transport) or, for other callers of the credential, when its deadline passes.
 */

interface Deadline {
	/** Undefined once the exchange has ended or the deadline has fired. */
	controller: AbortController | undefined;
	/** performance.now() at which it expires. */
	at: number;
	followers: Set<Deadline> | undefined;
}

/** Pending deadlines of one Timeout, oldest first, and whether its timer is set. */
interface Queue {
	entries: Deadline[];
	armed: boolean;
}

const queues = new Map<number, Queue>();
const followersOf = new WeakMap<AbortSignal, Set<Deadline>>();
const underWay = new WeakMap<object, Deadline>();

const MAX_TIMER_MS = 4294967295;

function timeoutReason(): DOMException {
	return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

function finish(entry: Deadline): AbortController | undefined {
	const { controller } = entry;
	entry.controller = undefined;
	entry.followers?.delete(entry);
	entry.followers = undefined;
	return controller;
}

/** Fires the expired deadlines of a queue, drops the ended ones before them, and sets its timer for the next. */
function expire(timeoutMs: number, queue: Queue): void {
	queue.armed = false;
	const now = performance.now();
	let first = 0;
	while (first < queue.entries.length) {
		const entry = queue.entries[first];
		if (entry.controller !== undefined && entry.at > now) break;
		first += 1;
		finish(entry)?.abort(timeoutReason());
	}
	queue.entries = first === 0 ? queue.entries : queue.entries.slice(first);
	if (queue.entries.length === 0) queues.delete(timeoutMs);
	else arm(timeoutMs, queue, queue.entries[0].at - now);
}

function arm(timeoutMs: number, queue: Queue, delayMs: number): void {
	queue.armed = true;
	// A timer that does not keep the process alive, as AbortSignal.timeout's own.
	AbortSignal.timeout(Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(delayMs)))).addEventListener('abort', () => expire(timeoutMs, queue), {
		once: true,
	});
}

function followersOfSignal(cancel: AbortSignal): Set<Deadline> {
	let followers = followersOf.get(cancel);
	if (!followers) {
		const members = new Set<Deadline>();
		cancel.addEventListener(
			'abort',
			() => {
				for (const member of [...members]) finish(member)?.abort(cancel.reason);
			},
			{ once: true },
		);
		followersOf.set(cancel, members);
		followers = members;
	}
	return followers;
}

/** A signal for one exchange of `request`: aborted by `cancel`, or once `timeoutMs` have passed. */
export function startDeadline(request: object, timeoutMs: number, cancel: AbortSignal | undefined): AbortSignal {
	if (!Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > MAX_TIMER_MS) {
		// Not a timer delay: AbortSignal.timeout refuses it as it always did.
		const deadline = AbortSignal.timeout(timeoutMs);
		return cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	}
	const controller = new AbortController();
	if (cancel?.aborted) {
		controller.abort(cancel.reason);
		return controller.signal;
	}
	const entry: Deadline = { controller, at: performance.now() + timeoutMs, followers: undefined };
	if (cancel) {
		entry.followers = followersOfSignal(cancel);
		entry.followers.add(entry);
	}
	let queue = queues.get(timeoutMs);
	if (!queue) {
		queue = { entries: [], armed: false };
		queues.set(timeoutMs, queue);
	}
	queue.entries.push(entry);
	if (!queue.armed) arm(timeoutMs, queue, timeoutMs);
	underWay.set(request, entry);
	return controller.signal;
}

/** The exchange of `request` is over (answered, failed or refused): its deadline and cancel link are let go. */
export function endDeadline(request: object): void {
	const entry = underWay.get(request);
	if (!entry) return;
	underWay.delete(request);
	finish(entry);
}
