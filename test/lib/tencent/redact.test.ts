import { maskPersonalData, REDACTED, scrubText, scrubValue } from '../../../lib/tencent/redact';

describe('maskPersonalData', () => {
	it("masks names and ID numbers the way Tencent does, at any depth, and keeps other fields", () => {
		const answer = {
			Result: '0',
			Name: '韦小宝',
			IdCard: '11010119900307803x',
			Sim: 88.5,
			Address: '北京市东城区',
			CardInfo: { HKIDCard: { CnName: '陳大文', EnName: 'CHAN, Tai Man', IdNum: 'C123456(9)' }, MLIDCard: null },
			List: [{ FullName: 'Ana Lima' }],
		};
		expect(maskPersonalData(answer)).toEqual({
			Result: '0',
			Name: '韦**',
			IdCard: '1****************x',
			Sim: 88.5,
			Address: '北京市东城区',
			CardInfo: { HKIDCard: { CnName: '陳**', EnName: 'C************', IdNum: 'C********)' }, MLIDCard: null },
			List: [{ FullName: 'A*******' }],
		});
		expect(answer.Name).toBe('韦小宝');
	});

	it('masks bank card and phone fields: the last four digits of a card, the prefix and last four of a phone', () => {
		expect(maskPersonalData({ BankCard: '6222020200001234567', Phone: '13800138000', Mobile: '15000150000', Bank: 'ICBC' })).toEqual({
			BankCard: '***************4567',
			Phone: '138****8000',
			Mobile: '150****0000',
			Bank: 'ICBC',
		});
	});

	it('leaves non-text values in name fields alone', () => {
		expect(maskPersonalData({ Name: null, IdCard: 42 })).toEqual({ Name: null, IdCard: 42 });
	});
});

describe('scrubText', () => {
	const secretKey = 'LEAKCANARY-SECRETKEY-0123456789';

	it('replaces secrets, masks 18-character ID numbers and drops long base64 runs', () => {
		const photo = 'iVBORw0KGgo' + 'A'.repeat(400) + '==';
		const text = `key ${secretKey} id 11010119900307803X and 110101199003078034, photo ${photo} end`;
		const scrubbed = scrubText(text, [secretKey, undefined, '']);
		expect(scrubbed).toBe(
			`key ${REDACTED} id 1****************X and 1****************4, photo [413 characters of base64 removed] end`,
		);
	});

	it('redacts what an excerpt cut half-way: the start of a secret, the start of an ID number', () => {
		const text = `HTTP 502: <pre>key=${secretKey.slice(0, 12)}… [item 1]`;
		expect(scrubText(text, [secretKey])).toBe(`HTTP 502: <pre>key=${REDACTED}… [item 1]`);
		expect(scrubText('id 11010519850615… [item 0]')).toBe('id 1************5… [item 0]');
	});

	it('masks a mobile number and a bank card number standing alone, as carriers and banks show them', () => {
		expect(scrubText('phone 13800138000, card 6222020200001234567 [item 3]')).toBe('phone 138****8000, card ***************4567 [item 3]');
		// Beside a letter too (an escaped newline in an echoed body), and after a star.
		expect(scrubText('body {"a":"x\\n13800138000","b":"*6222020200001234567"}')).toBe('body {"a":"x\\n138****8000","b":"****************4567"}');
		// A longer run of digits is neither.
		expect(scrubText('account 12345678901234567890')).toBe('account 12345678901234567890');
	});

	it('leaves numbers that are not standalone 18-character IDs, and very short "secrets"', () => {
		const text = 'RequestId 5f3c9a6e-1234, account 1101011990030780341234, code -2, a';
		expect(scrubText(text, ['a'])).toBe(text);
	});
});

describe('scrubValue', () => {
	it('scrubs every string of a nested value, keeps the shape and cuts cycles', () => {
		const value: Record<string, unknown> = { message: 'bad 11010119900307803X', nested: [{ token: 'tok-SESSION-1234' }], n: 1 };
		value.self = value;
		expect(scrubValue(value, ['tok-SESSION-1234'])).toEqual({
			message: 'bad 1****************X',
			nested: [{ token: REDACTED }],
			n: 1,
			self: '[Circular]',
		});
	});
});
