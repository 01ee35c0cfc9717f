import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { unexpectedAnswer } from '../answer';
import { ItemParameters } from '../itemParameters';
import type { ItemApi } from '../types';
import { productCouponPath } from '../productCouponScope';
import { imageTypeOf, MAX_IMAGE_BYTES, uploadFilename } from './imageFile';

export const option = {
	name: 'Upload',
	description: 'Upload an image (JPG, BMP or PNG, at most 2 MB) for coupon images; outputs its image_url',
	action: 'Upload an image',
};

const binaryPropertyName: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the image',
	description: 'The binary property of the input item that holds the image',
};

export const description: INodeProperties[] = [binaryPropertyName];

/** POST /media/upload-image (digest #3): multipart, signed over the meta JSON {filename, sha256}. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const property = params.value<string>('binaryPropertyName', 'data');
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const file = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	if (file.length > MAX_IMAGE_BYTES) {
		throw params.refuse(binaryPropertyName, `holds ${file.length} bytes; WeChat Pay takes images of at most ${MAX_IMAGE_BYTES} (2 MB)`, 'make the image smaller');
	}
	const kind = imageTypeOf(file);
	if (!kind) throw params.refuse(binaryPropertyName, `holds a file that is not a JPG, BMP or PNG image (${binary.mimeType || 'unknown type'})`, 'convert it to PNG or JPG');
	const meta = JSON.stringify({ filename: uploadFilename(binary.fileName, kind), sha256: createHash('sha256').update(file).digest('hex') });
	const { body } = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'media', 'upload-image'),
		upload: { meta, file, filename: JSON.parse(meta).filename as string, contentType: kind.type },
		readBack: 'Upload it again: each upload gives a URL of its own.',
	});
	// WeChat Pay's documents name the field image_url; older pages say media_url (digest §8).
	const url = body?.image_url ?? body?.media_url;
	if (typeof url !== 'string') throw unexpectedAnswer(this, itemIndex, 'an image_url', 'an image upload answer');
	return body as IDataObject;
}
