/**
 * The sandbox's asynchronous document check, shared by the four card actions of both API
 * generations. Apply checks the request as Tencent documents it, reads the front image's scenario
 * (sandbox/actions/testImages.ts) and issues a token; the result stays PROCESSING for a number of
 * polls and/or seconds, then answers the scenario's final status, the same every time. Unknown,
 * expired and other-generation tokens are refused. See sandbox/README.md, "Document verification".
 */
import { randomBytes } from 'crypto';

import {
	CARD_VERIFICATION_REGIONS,
	GENERATIONS,
	isBackSideRequired,
	maxDocumentImageBytes,
	NATIONALITIES,
	type CardVerificationGeneration,
} from '../../lib/tencent/pendingVerifications/cardVerification/generations';
import type { SandboxActionContext, SandboxActionFacts, SandboxActionHandler } from '../action';
import { invalidParameterValue, missingParameter, SandboxApiError } from '../errors';
import { imageFromBase64, imageFromUrl, isGiven, type ImageErrorCodes, type LoadedImage } from './imageInput';
import { requiredString } from '../params';
import { readImageScenario, SANDBOX_PORTRAIT, type ImageScenario } from './testImages';

export interface CardVerificationSandboxOptions {
	/** Result requests answered PROCESSING before the final status; default 1. */
	processingPolls?: number;
	/** And at least this long after Apply (sandbox clock); default 0. */
	processingSeconds?: number;
	/** `AsyncCardVerificationPollingWaitTime` of the faceid generation's Apply; default 1. */
	pollingWaitTime?: number;
	/** `AsyncCardVerificationMaxPollingTimes`; default 10. */
	maxPollingTimes?: number;
	/** A token older than this is refused as expired; default one day. */
	tokenTtlSeconds?: number;
}

/** Both vocabularies: a scenario may name either; each generation answers in its own. */
const FINAL_STATUS: Readonly<Record<CardVerificationGeneration, Readonly<Record<string, string>>>> = {
	faceid: { PASSED: 'PASSED', WARNING: 'WARNING', REJECTED: 'REJECTED', COMPLETED: 'PASSED', ABNORMAL: 'REJECTED' },
	ocr: { PASSED: 'COMPLETED', WARNING: 'COMPLETED', REJECTED: 'ABNORMAL', COMPLETED: 'COMPLETED', ABNORMAL: 'ABNORMAL' },
};

/** WarnInfo when the scenario names none: the faceid generation's is free text. */
const DEFAULT_WARNINGS: Readonly<Record<CardVerificationGeneration, Readonly<Record<string, string[]>>>> = {
	faceid: { WARNING: ['The document may be a photocopy'], REJECTED: ['The document appears to have been edited'] },
	ocr: { WARNING: ['ScreenshotSuspected'], REJECTED: ['FakeSuspected'], ABNORMAL: ['FakeSuspected'] },
};

/** A scenario `result` of PROCESSING never finishes (for time-out tests). */
const NEVER_FINISHES = 'PROCESSING';

const IMAGE_CODES: ImageErrorCodes = {
	empty: 'InvalidParameterValue.InvalidFileContentSize',
	undecodable: 'InvalidParameter.EngineImageDecodeFailed',
	tooLarge: 'FailedOperation.ImageSizeTooLarge',
	download: 'ResourceUnavailable.ImageDownloadError',
};

interface IssuedToken {
	generation: CardVerificationGeneration;
	issuedAt: number;
	polls: number;
	nationality: string;
	cardType: string;
	scenario: ImageScenario;
	hasBack: boolean;
	returnHeadImage: boolean;
}

const valueLimit = (message: string): SandboxApiError =>
	new SandboxApiError('InvalidParameterValue.InvalidParameterValueLimit', message);

export class CardVerificationSimulator {
	private readonly tokens = new Map<string, IssuedToken>();
	private readonly requestTimes = new Map<string, number[]>();
	readonly options: Required<CardVerificationSandboxOptions>;

	constructor(options: CardVerificationSandboxOptions = {}) {
		this.options = {
			processingPolls: options.processingPolls ?? 1,
			processingSeconds: options.processingSeconds ?? 0,
			pollingWaitTime: options.pollingWaitTime ?? 1,
			maxPollingTimes: options.maxPollingTimes ?? 10,
			tokenTtlSeconds: options.tokenTtlSeconds ?? 86_400,
		};
	}

	/**
	 * The handler of one of the four card actions: its generation and step (Apply or result) are
	 * read from GENERATIONS, which lists each generation's two action definitions.
	 */
	handlerFor(action: SandboxActionFacts): SandboxActionHandler {
		for (const generation of Object.keys(GENERATIONS) as CardVerificationGeneration[]) {
			const { apply, getResult } = GENERATIONS[generation];
			if (action.name === apply.name) return (params, ctx) => this.apply(generation, params, ctx);
			if (action.name === getResult.name) return (params, ctx) => this.result(generation, params, ctx);
		}
		throw new Error(`${action.name} is not an action of the document check`);
	}

	/** How many tokens were issued (tests check that a retry never applied twice). */
	get issued(): number {
		return this.tokens.size;
	}

	/** Sandbox-clock times of the result requests for a token (tests check the polling pace). */
	pollTimes(token: string): readonly number[] {
		return this.requestTimes.get(token) ?? [];
	}

	async apply(generation: CardVerificationGeneration, params: Record<string, unknown>, ctx: SandboxActionContext) {
		if (!ctx.region) throw missingParameter('Region');
		if (!(CARD_VERIFICATION_REGIONS as readonly string[]).includes(ctx.region)) {
			throw new SandboxApiError('UnsupportedRegion', `The action does not support the region \`${ctx.region}\`.`);
		}
		const nationality = requiredString(params, 'Nationality');
		if (!NATIONALITIES.some((entry) => entry.code === nationality)) {
			throw invalidParameterValue('Nationality', NATIONALITIES.map((entry) => entry.code).join(', '));
		}
		const cardType = requiredString(params, 'CardType');
		if (!GENERATIONS[generation].cardTypes.includes(cardType)) {
			throw invalidParameterValue('CardType', GENERATIONS[generation].cardTypes.join(', '));
		}
		const limit = maxDocumentImageBytes(generation);
		const front = await this.loadImage(params, 'Front', limit);
		if (!front) throw valueLimit('One of ImageUrlFront and ImageBase64Front must be provided.');
		const back = await this.loadImage(params, 'Back', limit);
		if (!back && isBackSideRequired(nationality, cardType)) {
			throw valueLimit(`The back of a ${nationality} ${cardType} is required: provide ImageUrlBack or ImageBase64Back.`);
		}
		if (params.ReturnHeadImage !== undefined && typeof params.ReturnHeadImage !== 'boolean') {
			throw invalidParameterValue('ReturnHeadImage', 'true or false');
		}

		const token = `${generation === 'ocr' ? 'ext' : 'cv'}-${randomBytes(12).toString('hex')}`;
		this.tokens.set(token, {
			generation,
			issuedAt: ctx.now,
			polls: 0,
			nationality,
			cardType,
			scenario: readImageScenario(front.bytes) ?? {},
			hasBack: back !== undefined,
			returnHeadImage: params.ReturnHeadImage === true,
		});
		if (generation === 'ocr') return { CardVerificationToken: token };
		return {
			CardVerificationToken: token,
			AsyncCardVerificationMaxPollingTimes: this.options.maxPollingTimes,
			AsyncCardVerificationPollingWaitTime: this.options.pollingWaitTime,
		};
	}

	/** Tencent's priority: the URL when both are given. */
	private async loadImage(params: Record<string, unknown>, side: 'Front' | 'Back', limit: number): Promise<LoadedImage | undefined> {
		if (isGiven(params[`ImageUrl${side}`])) return await imageFromUrl(`ImageUrl${side}`, params[`ImageUrl${side}`], limit, IMAGE_CODES);
		if (isGiven(params[`ImageBase64${side}`])) return imageFromBase64(`ImageBase64${side}`, params[`ImageBase64${side}`], limit, IMAGE_CODES);
		return undefined;
	}

	result(generation: CardVerificationGeneration, params: Record<string, unknown>, ctx: SandboxActionContext) {
		if (!ctx.region) throw missingParameter('Region');
		const token = requiredString(params, 'CardVerificationToken');
		const issued = this.tokens.get(token);
		if (!issued || issued.generation !== generation) {
			throw new SandboxApiError('InvalidParameterValue', `The CardVerificationToken \`${token}\` does not exist.`);
		}
		if (ctx.now - issued.issuedAt > this.options.tokenTtlSeconds * 1000) {
			throw new SandboxApiError('InvalidParameterValue', `The CardVerificationToken \`${token}\` has expired.`);
		}
		issued.polls++;
		this.requestTimes.set(token, [...this.pollTimes(token), ctx.now]);
		const requested = (issued.scenario.result ?? 'PASSED').toUpperCase();
		const stillProcessing =
			requested === NEVER_FINISHES ||
			issued.polls <= this.options.processingPolls ||
			ctx.now < issued.issuedAt + this.options.processingSeconds * 1000;
		if (stillProcessing) {
			return generation === 'ocr' ? { Status: 'PROCESSING', CardVerificationToken: token } : { Status: 'PROCESSING' };
		}
		const status = FINAL_STATUS[generation][requested] ?? FINAL_STATUS[generation].PASSED;
		const warnings = issued.scenario.warn ?? DEFAULT_WARNINGS[generation][requested] ?? [];
		const card = cardInfo(issued, generation);
		if (generation === 'ocr') {
			return {
				Status: status,
				WarnInfo: warnings,
				CardInfo: card.general,
				BackCardInfo: issued.hasBack ? { Address: card.general.Address } : null,
				CardVerificationToken: token,
				HeadImageBase64: issued.returnHeadImage ? SANDBOX_PORTRAIT.toString('base64') : '',
			};
		}
		return {
			Status: status,
			WarnInfo: warnings,
			Nationality: issued.nationality === 'AUTO' ? 'SGP' : issued.nationality,
			CardType: issued.cardType === 'AUTO' ? 'ID_CARD' : issued.cardType,
			CardSubType: null,
			CardInfo: { [card.kind]: card.fields },
			IDVerificationToken: null,
		};
	}
}

/** Fictional card data: the scenario's `name` when it gives one. */
function cardInfo(issued: IssuedToken, generation: CardVerificationGeneration) {
	const fullName = issued.scenario.name ?? 'TAN AH KOW';
	const birthday = '1990-01-01';
	const general = {
		LicenseNumber: 'S1234567D',
		FullName: fullName,
		Sex: 'M',
		Birthday: birthday,
		Nationality: issued.nationality === 'AUTO' ? 'SGP' : issued.nationality,
		ExpirationDate: '2031-12-31',
		IssuedDate: '2021-12-31',
		Address: '1 SANDBOX ROAD, #01-01, SINGAPORE 000001',
	};
	if (generation === 'faceid' && issued.cardType === 'PASSPORT') {
		return {
			kind: 'InternationalIDPassport',
			fields: { LicenseNumber: 'E1234567A', FullName: fullName, Birthday: birthday, Sex: 'M', DateOfExpiration: '2031-12-31', IssuingCountry: general.Nationality, NationalityCode: general.Nationality },
			general,
		};
	}
	if (generation === 'faceid' && issued.nationality === 'HKG') {
		return {
			kind: 'HKIDCard',
			fields: { CnName: '陳大文', EnName: 'CHAN, Tai Man', Sex: 'M', Birthday: '01-01-1990', Permanent: 1, IdNum: 'A123456(3)', Symbol: '***AZ' },
			general,
		};
	}
	return { kind: 'GeneralCard', fields: general, general };
}

/** The instance behind the built-in actions (default options). */
export const DEFAULT_CARD_VERIFICATIONS = new CardVerificationSimulator();
