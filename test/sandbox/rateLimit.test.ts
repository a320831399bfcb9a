import { ImageRecognitionV2 } from '../../lib/tencent/actions/ImageRecognitionV2';
import { defineSandboxAction, startSandbox, type Sandbox } from '../../sandbox/server';
import { PerActionRateLimiter } from '../../sandbox/rateLimiter';
import { callSigned, errorCode, manualClock } from './helpers';

// A second action, defined by hand (the catalogue does not know it), to show that limits are counted per action.
const Echo = defineSandboxAction({
	name: 'Echo',
	service: 'faceid',
	version: '2018-03-01',
	handler: (params) => ({ Echo: params.Value ?? null }),
});
// A stand-in taking its facts from the definition: the rate limit comes with them.
const ImageRecognitionV2StandIn = defineSandboxAction(ImageRecognitionV2, { handler: Echo.handler });

const MATCH = JSON.stringify({ Name: 'Wei Xiaobao', IdCard: '110101199003070011' });

describe('per-action rate limit, fixed 1 s windows of the sandbox clock', () => {
	// 0.5 s into a second, so +0.4 s stays in the window and +0.5 s starts the next one.
	const clock = manualClock(Date.UTC(2026, 0, 15, 12, 0, 0) + 500);
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ now: clock.now, actions: [Echo, ImageRecognitionV2StandIn], rateWindow: 'fixed' });
	});
	afterAll(() => sandbox.close());

	const burst = (count: number, action: string, body = '{}') =>
		Promise.all(Array.from({ length: count }, () => callSigned(sandbox.url, { timestamp: clock.seconds(), action, body })));

	test('the 101st IdCardVerification in one second is refused; other actions and the next second are not', async () => {
		const first100 = await burst(100, 'IdCardVerification', MATCH);
		expect(first100.map((answer) => answer.Response.Result)).toEqual(Array(100).fill('0'));

		clock.ms += 400;
		const [extra] = await burst(1, 'IdCardVerification', MATCH);
		expect(errorCode(extra)).toBe('RequestLimitExceeded');
		expect(sandbox.requests.at(-1)).toMatchObject({ code: 'RequestLimitExceeded', billable: false });

		const [echo] = await burst(1, 'Echo', '{"Value":1}');
		expect(echo.Response).toMatchObject({ Echo: 1 });

		clock.ms += 100;
		const [nextSecond] = await burst(1, 'IdCardVerification', MATCH);
		expect(nextSecond.Response.Result).toBe('0');
	});

	test("ImageRecognitionV2 allows its definition's 20 per second by default", async () => {
		expect(ImageRecognitionV2.rateLimit).toBe(20);
		expect(ImageRecognitionV2StandIn.rateLimit).toBe(20);
		clock.ms += 1000;
		const answers = await burst(21, 'ImageRecognitionV2');
		expect(answers.filter((answer) => errorCode(answer) === 'RequestLimitExceeded')).toHaveLength(1);
	});

	test('a hand-made action without a rate limit gets the catalogue default (100)', async () => {
		clock.ms += 1000;
		const answers = await burst(101, 'Echo');
		expect(answers.filter((answer) => errorCode(answer) === 'RequestLimitExceeded')).toHaveLength(1);
	});
});

describe('per-action rate limit, sliding one-second window (the default)', () => {
	test('100 at 0.5 s, then the 101st at 1.4 s is refused (the fixed count would admit it); at 1.5 s the window has moved on', async () => {
		const clock = manualClock(Date.UTC(2026, 0, 15, 12, 0, 0) + 500);
		const sandbox = await startSandbox({ now: clock.now });
		try {
			const call = () => callSigned(sandbox.url, { timestamp: clock.seconds(), body: MATCH });
			const first = await Promise.all(Array.from({ length: 100 }, call));
			expect(first.every((answer) => answer.Response.Result === '0')).toBe(true);
			clock.ms += 900;
			expect(errorCode(await call())).toBe('RequestLimitExceeded');
			clock.ms += 100;
			expect((await call()).Response.Result).toBe('0');
		} finally {
			await sandbox.close();
		}
	});

	test('a refused request does not count; a time exactly one second later is outside the window', () => {
		const limiter = new PerActionRateLimiter(() => 2);
		expect(limiter.tryAcquire('A', 1000)).toEqual({ allowed: true });
		expect(limiter.tryAcquire('A', 1500)).toEqual({ allowed: true });
		expect(limiter.tryAcquire('A', 1999)).toEqual({ allowed: false, limit: 2 });
		expect(limiter.tryAcquire('A', 2000)).toEqual({ allowed: true });
		expect(limiter.tryAcquire('A', 2499)).toEqual({ allowed: false, limit: 2 });
	});
});

describe('rate limit configuration', () => {
	test('options.rateLimits overrides the default for one action', async () => {
		const clock = manualClock(Date.UTC(2026, 0, 15, 12, 0, 0));
		const sandbox = await startSandbox({ now: clock.now, rateLimits: { IdCardVerification: 2 } });
		try {
			const codes = [];
			for (let i = 0; i < 3; i++) {
				const answer = await callSigned(sandbox.url, { timestamp: clock.seconds(), body: MATCH });
				codes.push(errorCode(answer) ?? answer.Response.Result);
			}
			expect(codes).toEqual(['0', '0', 'RequestLimitExceeded']);
		} finally {
			await sandbox.close();
		}
	});

	test('refused requests do not count, and Infinity disables the limit', () => {
		const limiter = new PerActionRateLimiter((action) => (action === 'Free' ? Infinity : 1), 'fixed');
		expect(limiter.tryAcquire('A', 1000)).toEqual({ allowed: true });
		expect(limiter.tryAcquire('A', 1999)).toEqual({ allowed: false, limit: 1 });
		expect(limiter.tryAcquire('A', 2000)).toEqual({ allowed: true });
		for (let i = 0; i < 200; i++) expect(limiter.tryAcquire('Free', 1000).allowed).toBe(true);
	});
});
