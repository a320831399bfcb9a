import { actionSequenceProblem, FACE_ACTIONS, LIVENESS_FAILED_OPERATIONS, LIVENESS_RESULTS } from '../../../../lib/tencent/actions/liveness';

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
	for (const fault of ['LivessSystemError', 'LipNetFailed', 'UnKnown']) expect(rule(fault)).toMatchObject({ status: 'review', billable: false, retryable: true });
});
