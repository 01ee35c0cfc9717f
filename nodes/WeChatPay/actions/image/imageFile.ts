/** The image types WeChat Pay's image upload takes, told by their first bytes (digest §8): JPG, BMP, PNG. */
const SIGNATURES: Array<{ type: string; extension: string; starts: number[] }> = [
	{ type: 'image/jpeg', extension: 'jpg', starts: [0xff, 0xd8, 0xff] },
	{ type: 'image/png', extension: 'png', starts: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
	{ type: 'image/bmp', extension: 'bmp', starts: [0x42, 0x4d] },
];

/** WeChat Pay's limit for an uploaded image. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** What the bytes are, by their content, or undefined when they are none of the three. */
export function imageTypeOf(bytes: Buffer): (typeof SIGNATURES)[number] | undefined {
	return SIGNATURES.find(({ starts }) => starts.every((byte, index) => bytes[index] === byte));
}

/** The file name sent in meta: at most 150 characters, ending in .jpg, .png or .bmp as the content is (digest §8). */
export function uploadFilename(given: string | undefined, kind: (typeof SIGNATURES)[number]): string {
	const base = (given ?? '').replace(/[^\w.-]/g, '_');
	const extension = /\.([A-Za-z]+)$/.exec(base)?.[1]?.toLowerCase();
	const named = extension === kind.extension ? base : `${base.replace(/\.[A-Za-z]*$/, '') || 'image'}.${kind.extension}`;
	return named.length > 150 ? `image.${kind.extension}` : named;
}
