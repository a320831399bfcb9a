/**
 * What the two hosted flows' result actions answer for a session at a moment: the web flow's
 * `ErrorCode` and `VerificationDetailList`, China's `Text` with its `LivenessDetail`. Codes and
 * messages are Tencent's; the people and documents are fictional. See ./hostedVerificationSimulator.ts.
 */
import { TEST_IDENTITIES } from '../identities';
import type { HostedAttemptRecord, HostedSession, HostedSessionState } from './hostedVerificationSimulator';
import { SANDBOX_PORTRAIT, testPng } from './testImages';
import { testMp4 } from './testVideos';

type Verdict = readonly [code: number, message: string];

const WEB = {
	pass: [0, 'Success'],
	fail: [1002, 'Suspected spoofed recording.'],
	retry: [1003, 'Face detection failed, please try again.'],
	abandon: [1410, 'User exited voluntarily'],
	expired: [15, 'Token expired'],
	timedOut: [1409, 'Verification process timed out'],
} as const satisfies Record<string, Verdict>;

const CHINA = {
	pass: [0, '成功'],
	fail: [2016, '无法判断为同一人,请确认身份后重试'],
	retry: [1004, '活体检测未通过'],
	notFinished: [17, '本次流程未完成'],
	expired: [15, 'Token 过期,请重试'],
} as const satisfies Record<string, Verdict>;

const SIMILARITY = { pass: 92.31, fail: 41.2 } as const;

const BEST_FRAME = SANDBOX_PORTRAIT.toString('base64');
const CARD_IMAGE = testPng().toString('base64');
const VIDEO = testMp4().toString('base64');

/** A fictional Hong Kong identity card (the card simulator's too). */
const HK_ID_CARD = {
	HKIDCard: { CnName: '陳大文', EnName: 'CHAN, Tai Man', TelexCode: '7115 1129 2429', Sex: 'M', Birthday: '01-01-1990', Permanent: 1, IdNum: 'A123456(3)', Symbol: '***AZ', FirstIssueDate: '01-79', CurrentIssueDate: '15-09-18' },
};

/** Whom China's answer names when the start gave no Name / IdCard: a registered test identity. */
const DEFAULT_PERSON = TEST_IDENTITIES.find((row) => row.name === '张三')!;

export function webVerificationResult(session: HostedSession, state: HostedSessionState): Record<string, unknown> {
	const checkMode = Number(session.config?.CheckMode ?? 2);
	const answer = {
		ErrorCode: null as number | null,
		ErrorMsg: null as string | null,
		VerificationDetailList: session.attempts.map((attempt) => webDetail(attempt, checkMode)),
		VideoBase64: null,
		BestFrameBase64: null as string | null,
		OCRResult: null as unknown[] | null,
		Extra: session.extra ?? null,
	};
	const verdict = state === 'expired' ? WEB.expired : state === 'timedOut' ? WEB.timedOut : session.final ? WEB[session.final] : undefined;
	if (!verdict) return answer;
	[answer.ErrorCode, answer.ErrorMsg] = verdict;
	if (session.final === 'pass') {
		answer.BestFrameBase64 = checkMode === 4 ? null : BEST_FRAME;
		answer.OCRResult = checkMode === 1 || checkMode === 4 ? [{ IsPass: true, CardImageBase64: CARD_IMAGE, CardBackImageBase64: null, NormalCardInfo: HK_ID_CARD, WarnCardInfos: [] }] : [];
	}
	return answer;
}

/** CheckMode 2 (default) and 1 compare the face; 3 is liveness only; 4 is the document only. */
function webDetail(attempt: HostedAttemptRecord, checkMode: number): Record<string, unknown> {
	const [code, message] = WEB[attempt.choice];
	const live = checkMode !== 4;
	const compared = attempt.choice === 'pass' && (checkMode === 1 || checkMode === 2);
	const liveness = attempt.choice === 'pass' ? WEB.pass : ([code, message] as const);
	return {
		ErrorCode: code,
		ErrorMsg: message,
		LivenessErrorCode: live ? liveness[0] : null,
		LivenessErrorMsg: live ? liveness[1] : null,
		CompareErrorCode: compared ? 0 : null,
		CompareErrorMsg: compared ? 'Success' : null,
		ReqTimestamp: attempt.at,
		Similarity: compared ? SIMILARITY.pass : null,
		Seq: attempt.seq,
	};
}

export function detectInfoResult(session: HostedSession, state: HostedSessionState, infoType: string): Record<string, unknown> {
	const person = { Name: session.name ?? DEFAULT_PERSON.name, IdCard: session.idCard ?? DEFAULT_PERSON.idCard };
	const liveness = session.attempts.map((attempt) => chinaDetail(attempt, person));
	const done = session.final === 'pass' || session.final === 'fail' ? session.final : undefined;
	const empty = { IdCardData: null, BestFrame: null, VideoData: null };
	if (!done) {
		// Leaving closes the page: China reports it as unfinished until the token runs out.
		const [ErrCode, ErrMsg] = state === 'expired' ? CHINA.expired : CHINA.notFinished;
		return { Text: { ErrCode, ErrMsg, Extra: session.extra ?? null, LivenessDetail: liveness }, ...empty };
	}
	const [ErrCode, ErrMsg] = CHINA[done];
	const wants = (part: string) => infoType === '0' || infoType.includes(part);
	return {
		Text: {
			ErrCode,
			ErrMsg,
			IdCard: person.IdCard,
			Name: person.Name,
			LiveStatus: 0,
			LiveMsg: '成功',
			Comparestatus: ErrCode,
			Comparemsg: ErrMsg,
			Sim: SIMILARITY[done].toFixed(2),
			Extra: session.extra ?? null,
			LivenessDetail: liveness,
		},
		IdCardData: wants('2') ? { OcrFront: CARD_IMAGE, OcrBack: null } : null,
		BestFrame: wants('3') ? { BestFrame: BEST_FRAME, BestFrames: [] } : null,
		VideoData: wants('4') ? { LivenessVideo: VIDEO } : null,
	};
}

function chinaDetail(attempt: HostedAttemptRecord, person: { Name: string; IdCard: string }): Record<string, unknown> {
	const [code, message] = CHINA[attempt.choice];
	const compared = attempt.choice !== 'retry';
	return {
		ReqTime: String(attempt.at),
		Seq: attempt.seq,
		Idcard: person.IdCard,
		Name: person.Name,
		Sim: compared ? SIMILARITY[attempt.choice as 'pass' | 'fail'].toFixed(2) : '0.00',
		// A failed liveness attempt is free; a compared face is charged, match or not.
		IsNeedCharge: compared,
		Errcode: code,
		Errmsg: message,
		Livestatus: compared ? 0 : code,
		Livemsg: compared ? '成功' : message,
		Comparestatus: compared ? code : null,
		Comparemsg: compared ? message : null,
	};
}
