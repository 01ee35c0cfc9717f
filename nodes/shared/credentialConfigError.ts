/** Thrown for a credential that cannot work as filled in; the message names the field, never its value. */
export class CredentialConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialConfigError';
	}
}
