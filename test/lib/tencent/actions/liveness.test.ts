import { actionSequenceProblem, FACE_ACTIONS, LIVENESS_FAILED_OPERATIONS, LIVENESS_RESULTS, VALIDATE_DATA_RULES } from '../../../../lib/tencent/actions/liveness';

test('an action sequence is one or two of the actions 1 to 4, separated by a comma', () => {
	expect(Object.keys(FACE_ACTIONS)).toEqual(['1', '2', '3', '4']);
	for (const valid of ['1', '4,2', '3, 3']) expect(actionSequenceProblem(valid)).toBeUndefined();
	for (const invalid of ['', '5', '1,2,3', 'blink', '1;2']) expect(actionSequenceProblem(invalid)).toMatch(/^must be one or two actions/);
});

test('liveness verdicts: a live, matching face passes; spoofs fail and are billed; recording problems go to review unbilled; engine faults may be retried', () => {
	expect(LIVENESS_RESULTS.Success).toMatchObject({ status: 'passed', billable: true });
	const rule = (code: string) => LIVENESS_FAILED_OPERATIONS[`FailedOperation.${code}`];
	for (const spoof of ['LivessDetectFake', 'SilentPictureLiveFail', 'LivessDetectFail', 'CompareLowSimilarity']) expect(rule(spoof)).toMatchObject({ status: 'failed', billable: true });
	for (const recording of ['SilentTooShort', 'ActionLightDark', 'LipVoiceLow', 'SilentMultiFaceFail']) {
		expect(rule(recording)).toMatchObject({ status: 'review', billable: false, retryable: false });
	}
	// The same code in the photo checks: its words fit both, the authority's photo or the user's own.
	expect(rule('CompareLowSimilarity').description).toBe('The face does not match the photo it was compared with (low similarity)');
	for (const fault of ['LivessSystemError', 'LipNetFailed', 'UnKnown']) expect(rule(fault)).toMatchObject({ status: 'review', billable: false, retryable: true });
});

test('ValidateData per action: China takes digits (LIP) and digits separated by commas (ACTION), the international comparison one or two of 1-4; SILENT none', () => {
	const { china, international } = VALIDATE_DATA_RULES;
	expect([china.LIP?.('5721'), china.ACTION?.('2,1'), china.ACTION?.('2,1,3')]).toEqual([undefined, undefined, undefined]);
	expect(china.LIP?.('57a1')).toMatch(/digits/);
	expect(china.ACTION?.('blink')).toMatch(/GetActionSequence/);
	expect(international.ACTION?.('2,1,3')).toMatch(/one or two actions/);
	expect([china.SILENT, international.SILENT, international.LIP]).toEqual([undefined, undefined, undefined]);
});
