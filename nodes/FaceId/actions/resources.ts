/**
 * The node's resources (version 2 on): what is checked. Each operation names its resource; the
 * editor lists a resource once an operation belongs to it, in this order.
 */
export const RESOURCES = [
	{ value: 'identityCard', name: 'Identity Card', description: 'A mainland China resident ID card: its number, name and photo' },
	{ value: 'face', name: 'Face', description: "A person's face, compared with the photo on record" },
	{ value: 'bankCard', name: 'Bank Card', description: "A bank card: whether it is the person's, with the mobile number the bank holds" },
	{ value: 'phone', name: 'Phone', description: 'A mainland China mobile number: in service, how long in use, whose it is' },
	{ value: 'document', name: 'Document', description: 'A foreign ID document (ID card, passport, driving license), checked asynchronously' },
	{
		value: 'verificationLink',
		name: 'Verification Link',
		description: "Tencent's hosted check: the customer opens a link and shows their ID document and face",
	},
] as const;

export type FaceIdResource = (typeof RESOURCES)[number]['value'];
