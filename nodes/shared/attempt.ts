/**
 * Runs a step and hands back its result or its error as a value, so that callers decide what an error means
 * outside any catch block (n8n's lint wants only NodeApiError/NodeOperationError thrown from catch blocks).
 */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function attempt<T>(run: () => T): Attempt<T> {
	try {
		return { ok: true, value: run() };
	} catch (error) {
		return { ok: false, error };
	}
}

export async function attemptAsync<T>(run: () => Promise<T>): Promise<Attempt<T>> {
	try {
		return { ok: true, value: await run() };
	} catch (error) {
		return { ok: false, error };
	}
}
