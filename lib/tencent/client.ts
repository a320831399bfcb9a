/**
 * Tencent Cloud API 3.0 client: serialises a request once, hands it to a transport (n8n's HTTP
 * helper inside the node, undici in tooling), and turns whatever comes back into either the typed
 * `Response` or one `TencentCloudError`. No n8n import.
 */
import type { ActionDefinition, BaseResponse } from './actions/common';
import { isTimeoutCode, socketErrorCode, TencentCloudError } from './errors';
import { serialiseRequestBody } from './requestBody';

export interface TransportRequest {
	action: string;
	service: string;
	version: string;
	region?: string;
	/**
	 * The JSON body, serialised once: these exact bytes are signed and sent. A Buffer (its UTF-8
	 * bytes) when the request carries an image, so no full-size copy of it exists as a string.
	 */
	body: string | Buffer;
	timeoutMs?: number;
	signal?: AbortSignal;
}

export interface TransportResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** Sends a request and returns the raw answer; throws only when no HTTP answer arrived. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export interface CallOptions {
	region?: string;
	timeoutMs?: number;
	signal?: AbortSignal;
	/** Filled by a retrying client: how many attempts the call took, and how many Tencent may have billed. */
	attempts?: AttemptLog;
}

export interface AttemptLog {
	/** Requests sent for this call. */
	sent: number;
	/** Of those, the ones that failed after Tencent may have processed (and billed) them. */
	possiblyProcessed: number;
}

export class TencentCloudClient {
	constructor(
		private readonly transport: Transport,
		private readonly defaults: { region?: string; timeoutMs?: number } = {},
	) {}

	async call<Req, Res extends BaseResponse>(
		action: ActionDefinition<Req, Res>,
		params: Req,
		options: CallOptions = {},
	): Promise<Res> {
		const request: TransportRequest = {
			action: action.name,
			service: action.service,
			version: action.version,
			region: options.region ?? this.defaults.region,
			body: serialiseRequestBody(params),
			timeoutMs: options.timeoutMs ?? this.defaults.timeoutMs,
			signal: options.signal,
		};

		let response: TransportResponse;
		try {
			response = await this.transport(request);
		} catch (error) {
			throw transportFailure(action.name, error, options.signal);
		}
		return parseResponse(action, response);
	}
}

function transportFailure(action: string, error: unknown, signal?: AbortSignal): TencentCloudError {
	if (error instanceof TencentCloudError) return error;
	if (signal?.aborted) {
		return new TencentCloudError({ kind: 'network', code: 'RequestAborted', action, message: 'The request was cancelled' });
	}
	const code = socketErrorCode(error);
	if (isTimeoutCode(code)) {
		return new TencentCloudError({
			kind: 'timeout',
			code: code ?? 'ETIMEDOUT',
			action,
			message: 'No answer from Tencent Cloud before the timeout; the request may still have been processed',
		});
	}
	const reason = error instanceof Error ? error.message : String(error);
	return new TencentCloudError({
		kind: 'network',
		code: code ?? 'NetworkError',
		action,
		message: `Could not reach Tencent Cloud: ${reason}`,
	});
}

function headerValue(headers: TransportResponse['headers'], name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** First characters of a body that is not Tencent's, for the error message (an HTML page, say). */
function excerpt(body: string): string {
	const text = body.replace(/\s+/g, ' ').trim();
	return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

export function parseResponse<Req, Res extends BaseResponse>(
	action: ActionDefinition<Req, Res>,
	response: TransportResponse,
): Res {
	const serverDate = headerValue(response.headers, 'date');
	const base = { action: action.name, httpStatus: response.statusCode, serverDate };

	let parsed: unknown;
	let isJson = true;
	try {
		parsed = JSON.parse(response.body);
	} catch {
		isJson = false;
	}

	// Tencent answers every API-level failure with HTTP 200; any other status came from a proxy or gateway.
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const apiError = isJson ? readApiError(parsed) : undefined;
		throw new TencentCloudError({
			...base,
			kind: 'http',
			code: apiError?.code ?? `HTTP${response.statusCode}`,
			requestId: apiError?.requestId,
			message: apiError
				? `${apiError.code}: ${apiError.message}`
				: `HTTP ${response.statusCode} from the endpoint${response.body ? `: ${excerpt(response.body)}` : ''}`,
		});
	}

	if (!isJson) {
		throw new TencentCloudError({
			...base,
			kind: 'invalid-response',
			code: 'InvalidResponse.NotJson',
			message: `The answer is not JSON: ${excerpt(response.body) || '(empty body)'}`,
		});
	}

	const apiError = readApiError(parsed);
	if (apiError) {
		throw new TencentCloudError({ ...base, kind: 'api', ...apiError });
	}

	const envelope = parsed as { Response?: unknown } | null;
	if (!envelope || typeof envelope !== 'object' || !('Response' in envelope)) {
		throw new TencentCloudError({
			...base,
			kind: 'invalid-response',
			code: 'InvalidResponse.NoResponse',
			message: 'The answer is JSON but has no "Response" object: not a Tencent Cloud API answer',
		});
	}

	const result = action.responseSchema.safeParse(envelope.Response);
	if (!result.success) {
		const issue = result.error.issues[0];
		const requestId = (envelope.Response as { RequestId?: unknown } | null)?.RequestId;
		throw new TencentCloudError({
			...base,
			kind: 'invalid-response',
			code: 'InvalidResponse.Schema',
			requestId: typeof requestId === 'string' ? requestId : undefined,
			message: `The ${action.name} answer does not match its documented shape: ${issue.path.join('.') || 'Response'} ${issue.message}`,
		});
	}
	return result.data;
}

function readApiError(parsed: unknown): { code: string; message: string; requestId?: string } | undefined {
	const response = (parsed as { Response?: { Error?: unknown; RequestId?: unknown } } | null)?.Response;
	const error = response?.Error as { Code?: unknown; Message?: unknown } | undefined;
	if (!error || typeof error.Code !== 'string') return undefined;
	return {
		code: error.Code,
		message: typeof error.Message === 'string' ? error.Message : error.Code,
		requestId: typeof response?.RequestId === 'string' ? response.RequestId : undefined,
	};
}
