/**
 * The "Verify Name, ID Number and Validity" operation (CheckIdNameDate). Its request: name, number
 * and the card's two dates as Tencent wants them, read the ways people and CRMs write them and
 * checked before sending. Then through n8n's engine against the sandbox: the card's own dates pass,
 * other dates or another name fail, input and service problems go to Review unbilled.
 */
import { checkIdNameDate } from '../../../../../nodes/FaceId/actions/operations/checkIdNameDate.operation';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { executeContext, failure } from './support/executeContext';
import { routedRun } from './support/routedRun';

const ZHANG_SAN = { name: '张三', idCard: '110105198506150022' };
const build = (parameters: Record<string, unknown>) => checkIdNameDate.buildRequest.call(executeContext({ parameters: { ...ZHANG_SAN, ...parameters } }), 0);

describe('the request', () => {
	test('{ Name, IdCard, ValidityBegin, ValidityEnd }: dates as YYYYMMDD whichever way they were written', async () => {
		expect(await build({ validFrom: '2015.07.01', validUntil: '2035-07-01' })).toStrictEqual({
			Name: '张三',
			IdCard: '110105198506150022',
			ValidityBegin: '20150701',
			ValidityEnd: '20350701',
		});
		expect(await build({ validFrom: '2015-07-01T00:00:00.000+08:00', validUntil: '20350701' })).toMatchObject({ ValidityBegin: '20150701' });
		expect(await build({ validFrom: '2015年7月1日', validUntil: '2035/7/1' })).toMatchObject({ ValidityBegin: '20150701', ValidityEnd: '20350701' });
		// A Date is an instant: its day in China, where the card was issued (midnight in Beijing is 16:00 UTC the day before).
		expect(await build({ validFrom: new Date('2015-06-30T16:00:00Z'), validUntil: '20350701' })).toMatchObject({ ValidityBegin: '20150701' });
	});

	test('a card valid for life: "long-term", 长期 or 00000000 all send 00000000', async () => {
		for (const validUntil of ['long-term', '长期', 'Long Term', '00000000']) {
			expect(await build({ validFrom: '20150513', validUntil })).toMatchObject({ ValidityEnd: '00000000' });
		}
	});

	test.each([
		[{ validFrom: '20150231', validUntil: '20350701' }, 'Valid From must be a date such as 20150701 or 2015-07-01 [item 0]'],
		[{ validFrom: '2999-01-01', validUntil: '20350701' }, 'Valid From lies in the future [item 0]'],
		[{ validFrom: 'long-term', validUntil: '20350701' }, 'Valid From must be a date: only Valid Until can be long-term [item 0]'],
		[{ validFrom: '20150701', validUntil: '20150701' }, 'Valid Until must come after Valid From [item 0]'],
		[{ validFrom: '20150701', validUntil: 'next year' }, 'Valid Until must be a date such as 20350701 or 2035-07-01, or "long-term" [item 0]'],
		[{ validFrom: '', validUntil: '20350701' }, 'Valid From is empty [item 0]'],
	])('%j is refused before sending: %s', async (dates, message) => {
		const error = await failure(() => build(dates));
		expect(error.message).toBe(message);
	});
});

describe('through the engine, against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const CASES: Array<[item: Record<string, string>, route: string, code: string, billable: boolean, retryable: boolean]> = [
		[{ ...ZHANG_SAN, from: '20150701', until: '20350701' }, 'Passed', '0', true, false],
		[{ name: 'Chen Jing', idCard: '440305199505132561', from: '20150513', until: '长期' }, 'Passed', '0', true, false],
		[{ ...ZHANG_SAN, from: '20050701', until: '20150701' }, 'Failed', '-1', true, false], // an earlier card's dates
		[{ ...ZHANG_SAN, from: '20150701', until: '长期' }, 'Failed', '-1', true, false], // the right start, the wrong end
		[{ ...ZHANG_SAN, name: '李四', from: '20150701', until: '20350701' }, 'Failed', '-1', true, false],
		[{ ...ZHANG_SAN, idCard: '110105198506150023', from: '20150701', until: '20350701' }, 'Review', '-2', false, false],
		[{ ...ZHANG_SAN, name: 'R2D2', from: '20150701', until: '20350701' }, 'Review', '-3', false, false],
		[{ ...ZHANG_SAN, from: '20350701', until: '20150701' }, 'Review', '-4', false, false], // the node's check is off
		[{ name: '赵六', idCard: '310101199202280035', from: '20150701', until: '20350701' }, 'Review', '-6', false, true],
		[{ name: '周七', idCard: '320106199305120062', from: '20150701', until: '20350701' }, 'Review', '-7', false, false],
		[{ name: '孙八', idCard: '110102197501010051', from: '20150701', until: '20350701' }, 'Review', '-8', false, true],
	];

	test("each outcome class leaves by its output, with Tencent's code and billing", async () => {
		const parameters = {
			operation: 'checkIdNameDate',
			name: '={{ $json.name }}',
			idCard: '={{ $json.idCard }}',
			validFrom: '={{ $json.from }}',
			validUntil: '={{ $json.until }}',
			options: { validateBeforeSending: false },
		};
		const run = await routedRun(sandbox, parameters, CASES.map(([item]) => item));
		expect(CASES.map(([item], index) => [item, run.routes[index], run.outcomes[index].code, run.outcomes[index].billable, run.outcomes[index].retryable])).toEqual(CASES);
		// Each item asked once: a busy service or a used-up daily limit is not asked again.
		expect(sandbox.requests).toHaveLength(CASES.length);
		expect(run.billed).toBe(5);
	});
});
