/**
 * The one error type the API client throws. `kind` says where the failure happened, because that
 * decides what a caller may do next: an `api` error was answered by Tencent (and may be billed);
 * an `http` error came from a gateway and a `network` or `timeout` error from the socket, and
 * whether the API processed the request then depends on the code (see retryPolicy.ts).
 */
export type TencentErrorKind = 'api' | 'http' | 'network' | 'timeout' | 'invalid-response';

export interface TencentCloudErrorDetails {
	kind: TencentErrorKind;
	code: string;
	message: string;
	action: string;
	requestId?: string;
	httpStatus?: number;
	/** Server clock from the Date header, when the server sent one (used to correct clock skew). */
	serverDate?: string;
	/** Tencent may have processed (and billed) the request this error answers: it was not sent again. */
	possiblyProcessed?: boolean;
}

export class TencentCloudError extends Error {
	readonly kind: TencentErrorKind;
	readonly code: string;
	readonly action: string;
	readonly requestId?: string;
	readonly httpStatus?: number;
	readonly serverDate?: string;
	readonly possiblyProcessed?: boolean;

	constructor(details: TencentCloudErrorDetails) {
		super(details.message);
		this.name = 'TencentCloudError';
		this.kind = details.kind;
		this.code = details.code;
		this.action = details.action;
		this.requestId = details.requestId;
		this.httpStatus = details.httpStatus;
		this.serverDate = details.serverDate;
		if (details.possiblyProcessed) this.possiblyProcessed = true;
	}
}

export function isTencentCloudError(error: unknown): error is TencentCloudError {
	return error instanceof TencentCloudError;
}

/** Error codes of Node's socket layer that mean "no answer came back". */
const NETWORK_ERROR_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EPIPE',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
]);

const TIMEOUT_ERROR_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Finds a socket error code on an error or anywhere along its `cause` chain. */
export function socketErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && (NETWORK_ERROR_CODES.has(code) || TIMEOUT_ERROR_CODES.has(code))) {
			return code;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

export function isTimeoutCode(code: string | undefined): boolean {
	return code !== undefined && TIMEOUT_ERROR_CODES.has(code);
}
