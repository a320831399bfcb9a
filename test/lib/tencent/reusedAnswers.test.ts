import { Base64Bytes } from '../../../lib/tencent/requestBody';
import { requestFingerprint, ReusedAnswers } from '../../../lib/tencent/reusedAnswers';

describe('requestFingerprint', () => {
	test('the same check gives the same fingerprint; another action, field or image another', () => {
		const base = requestFingerprint('IdCardVerification', { Name: '张三', IdCard: '110105198506150022' });
		expect(requestFingerprint('IdCardVerification', { Name: '张三', IdCard: '110105198506150022' })).toBe(base);
		expect(requestFingerprint('IdCardOCRVerification', { Name: '张三', IdCard: '110105198506150022' })).not.toBe(base);
		expect(requestFingerprint('IdCardVerification', { Name: '李四', IdCard: '110105198506150022' })).not.toBe(base);
		const photo = (bytes: number[]) => requestFingerprint('ImageRecognitionV2', { ImageBase64: new Base64Bytes(Buffer.from(bytes)) });
		expect(photo([1, 2, 3])).toBe(photo([1, 2, 3]));
		expect(photo([1, 2, 3])).not.toBe(photo([1, 2, 4]));
	});

	test('an image is hashed from its bytes, never turned into base64 text', () => {
		const toJson = jest.spyOn(Base64Bytes.prototype, 'toJSON');
		try {
			requestFingerprint('ImageRecognitionV2', { ImageBase64: new Base64Bytes(Buffer.alloc(1024 * 1024, 7)) });
			expect(toJson).not.toHaveBeenCalled();
		} finally {
			toJson.mockRestore();
		}
	});

	test('holds no personal data: a hex digest only', () => {
		expect(requestFingerprint('IdCardVerification', { Name: '张三', IdCard: '110105198506150022' })).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('ReusedAnswers', () => {
	test('an answer is found in its scope only, and forgotten after ten minutes', () => {
		let now = 0;
		const answers = new ReusedAnswers<string>(() => now);
		answers.set('execution-1\nnode', 'f1', 'answer');
		expect(answers.get('execution-1\nnode', 'f1')).toBe('answer');
		expect(answers.get('execution-2\nnode', 'f1')).toBeUndefined();
		expect(answers.get('execution-1\nnode', 'f2')).toBeUndefined();
		now = 10 * 60_000 + 1;
		expect(answers.get('execution-1\nnode', 'f1')).toBeUndefined();
	});

	test('old entries are dropped when new ones arrive, so memory stays bounded', () => {
		let now = 0;
		const answers = new ReusedAnswers<number>(() => now);
		for (let index = 0; index < 5; index++) answers.set('s', `old-${index}`, index);
		now = 11 * 60_000;
		answers.set('s', 'new', 1);
		expect(answers.size).toBe(1);
	});
});
