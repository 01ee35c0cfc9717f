// @ts-check
// The e2e's campaign (issue #14) and user coupon life cycle (issue #13) in real n8n: workflows run with
// `n8n execute`, the shipped confirm example active behind `n8n start`, the sandbox in the runner's process.
'use strict';

const { createHash, createPrivateKey, createPublicKey, verify } = require('crypto');
const fixtures = require('./fixtures');
const couponFixtures = require('./coupon-fixtures');
const { outputOf, executionsOf, executionData, waitForExecutions } = require('./executions');

const { ACCOUNT_TYPES, nodeName } = couponFixtures;
const PREFIX = { serviceProvider: '/v3/marketing/partner/product-coupon', brand: '/brand/marketing/product-coupon' };
const SEND_EVENT = { serviceProvider: 'PRODUCT_COUPON_SP.SEND', brand: 'PRODUCT_COUPON.SEND' };

/** This account's requests among `requests`, as "METHOD path-without-prefix-and-query status". */
function requestLines(requests, accountType) {
	return requests.map((r) => `${r.method} ${r.path.split('?')[0].replace(PREFIX[accountType], '')} ${r.status}`);
}

/** The run's error, if any, as text (the node, its message and description). */
function runError(run) {
	const error = run?.data?.resultData?.error;
	if (!error) return undefined;
	return `${error.node?.name ?? ''}: ${error.message}${error.description ? ` — ${error.description}` : ''}`;
}

/** The `meta` part of a multipart body (as the sandbox logged it, utf8). */
function metaPart(body) {
	const m = /content-disposition: form-data; name="meta"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/i.exec(body);
	return m ? m[1] : undefined;
}

/**
 * Checks, independently of the sandbox, that a request's Authorization is an RSA-SHA256 signature by the account's
 * private key over METHOD\nPATH\nTIMESTAMP\nNONCE\n<signed body>\n. @returns {string | null} the problem
 */
function signatureProblem(request, signedBody, credential) {
	const header = String(request.headers.authorization ?? '');
	const space = header.indexOf(' ');
	const fields = Object.fromEntries(header.slice(space + 1).split(',').map((pair) => {
		const m = /^([a-z_]+)="([^"]*)"$/.exec(pair);
		return m ? [m[1], m[2]] : ['?', pair];
	}));
	if (!fields.signature || !fields.timestamp || !fields.nonce_str) return `Authorization has no signature, timestamp or nonce_str: ${header.slice(0, space)}`;
	const message = `${request.method}\n${request.path}\n${fields.timestamp}\n${fields.nonce_str}\n${signedBody}\n`;
	const publicKey = createPublicKey(createPrivateKey(credential.privateKey));
	return verify('sha256', Buffer.from(message), publicKey, Buffer.from(fields.signature, 'base64')) ? null : 'the signature does not verify over the meta JSON with the account\'s key';
}

/**
 * Issue #14 through `n8n execute`: a PNG read from disk by n8n's Read/Write Files from Disk node, uploaded with
 * Image → Upload, then Product Coupon → Create with the image URL, for each account type.
 * Needs: each account's brand seeded (`brands`) and a notify URL set (the Set → Get run before did it).
 */
async function checkCampaign({ report, n8n, sandbox, credentials, brands, banner, seen }) {
	const before = sandbox.requests.length;
	const result = await report.step(`n8n execute --id=${couponFixtures.ids.campaign} (campaign: read a PNG from disk → upload → create, both account types)`, () =>
		n8n.execute(couponFixtures.ids.campaign),
	);
	seen['n8n execute (campaign)'] = JSON.stringify(result.run);
	const runData = result.run?.data?.resultData?.runData;
	await report.check('campaign: the run finished without error', (assert) => {
		assert.equal(runError(result.run), undefined);
	});
	await report.check('campaign: "Read banner" (Read/Write Files from Disk) gives the PNG as binary data', (assert) => {
		const item = runData?.['Read banner']?.[0]?.data?.main?.[0]?.[0];
		assert.ok(item?.binary?.data, `no binary data: ${JSON.stringify(item)?.slice(0, 300)}`);
		assert.equal(item.binary.data.mimeType, 'image/png');
		assert.equal(item.binary.data.fileName, couponFixtures.BANNER_FILE);
	});
	const sha256 = createHash('sha256').update(banner).digest('hex');
	for (const accountType of ACCOUNT_TYPES) {
		const credential = credentials[accountType];
		const accountId = sandbox.account(credential).id;
		const received = sandbox.requests.slice(before).filter((r) => r.accountId === accountId);
		let imageUrl;
		await report.check(`campaign, ${accountType}: Upload outputs an image_url on wxpaylogo.qpic.cn that the sandbox stored`, (assert) => {
			const out = outputOf(runData, nodeName('Upload image', accountType));
			assert.equal(out?.length, 1, JSON.stringify(out));
			imageUrl = out[0].image_url;
			assert.match(imageUrl, /^https:\/\/wxpaylogo\.qpic\.cn\//);
			assert.deepEqual(sandbox.uploadedImages(credential), [imageUrl]);
		});
		await report.check(`campaign, ${accountType}: the sandbox got a multipart upload of the PNG, signed over its meta JSON`, (assert) => {
			const upload = received.find((r) => r.path === `${PREFIX[accountType]}/media/upload-image`);
			assert.ok(upload, `no upload among ${JSON.stringify(requestLines(received, accountType))}`);
			assert.equal(upload.status, 200);
			assert.match(String(upload.headers['content-type']), /^multipart\/form-data; boundary=/);
			const meta = metaPart(upload.body);
			assert.equal(meta, JSON.stringify({ filename: couponFixtures.BANNER_FILE, sha256 }));
			assert.equal(signatureProblem(upload, meta, credential), null);
		});
		await report.check(`campaign, ${accountType}: Create outputs a product coupon, AUDITING, showing the uploaded image, with its stock`, (assert) => {
			const out = outputOf(runData, nodeName('Create coupon', accountType));
			assert.equal(out?.length, 1, JSON.stringify(out));
			assert.match(String(out[0].product_coupon_id), /^\d+$/);
			assert.equal(out[0].state, 'AUDITING');
			assert.equal(out[0].display_info?.image_url, imageUrl);
			assert.ok(out[0].stock?.stock_id, JSON.stringify(out[0].stock));
		});
		await report.check(`campaign, ${accountType}: the create body the sandbox got holds the fields and the uploaded image`, (assert) => {
			const create = received.find((r) => r.path === `${PREFIX[accountType]}/product-coupons`);
			assert.ok(create, `no create among ${JSON.stringify(requestLines(received, accountType))}`);
			assert.equal(create.status, 200);
			const body = JSON.parse(create.body);
			const { brand_id: brandId, out_request_no: outRequestNo, stock, ...rest } = body;
			assert.equal(brandId, accountType === 'brand' ? undefined : brands[accountType].brand_id);
			assert.match(String(outRequestNo), /^N8N/);
			assert.deepEqual(
				{ scope: rest.scope, type: rest.type, usage_mode: rest.usage_mode, single_usage_info: rest.single_usage_info, display_info: rest.display_info },
				{
					scope: 'ALL',
					type: 'NORMAL',
					usage_mode: 'SINGLE',
					single_usage_info: { normal_coupon: { threshold: 5000, discount_amount: 500 } },
					display_info: { name: '5 off 50', image_url: imageUrl, background_url: imageUrl },
				},
			);
			assert.equal(stock?.stock_send_rule?.max_count, 1000);
			assert.equal(stock?.stock_send_rule?.max_count_per_user, 2);
			assert.equal(stock?.notify_config?.notify_appid, brands[accountType].appid);
			assert.equal(stock?.usage_rule_display_info?.usage_description, 'Show the coupon at the till');
		});
		await report.check(`campaign, ${accountType}: the sandbox saw exactly the upload and the create, both 200`, (assert) => {
			assert.deepEqual(requestLines(received, accountType), ['POST /media/upload-image 200', 'POST /product-coupons 200']);
		});
	}
}

/** POST /rest/workflows/:id/activate, as the editor's Activate / Publish does (n8n 1.123 and 2.41 alike). */
async function activateAsEditor(n8n, cookie, workflowId) {
	const [row] = await n8n.query('SELECT versionId FROM workflow_entity WHERE id = ?', [workflowId]);
	const res = await fetch(`${n8n.baseUrl}/rest/workflows/${workflowId}/activate`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ versionId: row?.versionId }),
		signal: AbortSignal.timeout(30_000),
	});
	return { status: res.status, text: await res.text() };
}

/** Polls (bounded) until `predicate()` holds. */
async function until(what, predicate, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * Issue #13 in real n8n: the shipped confirm example imported and activated (as the editor does) behind the
 * running `n8n start`, for each account type; the notify URL set to its public https URL (the sandbox forwards it
 * to the production URL on 127.0.0.1); Send → the sandbox's SEND callback → the example confirms; then
 * Get Many → Get (EFFECTIVE) → Redeem → Return. Both workflows run with `n8n execute` beside the server.
 */
async function checkCouponLifecycle({ report, n8n, flavour, sandbox, credentials, seeded, cookie, seen }) {
	const exampleId = (accountType) => fixtures.ids.examples.confirm[accountType];
	const productionUrl = (accountType) => fixtures.triggerUrl(n8n, fixtures.confirmExampleWebhookId(accountType));

	for (const accountType of ACCOUNT_TYPES) {
		await report.step(`activate the confirm example (${accountType}) as the editor does (POST /rest/workflows/:id/activate), until its production webhook is registered`, async () => {
			const reply = await activateAsEditor(n8n, cookie, exampleId(accountType));
			seen[`activation reply (${accountType})`] = reply.text;
			if (reply.status !== 200) throw new Error(`POST /rest/workflows/${exampleId(accountType)}/activate answered ${reply.status}: ${reply.text.slice(0, 500)}`);
			await n8n.waitForWebhook(productionUrl(accountType));
		});
		// WeChat Pay calls the public https URL; a reverse proxy there forwards to this n8n.
		sandbox.forwardCallbacks(couponFixtures.lifecycleNotifyUrl(accountType), productionUrl(accountType));
	}

	const before = sandbox.requests.length;
	const sent = await report.step(`n8n execute --id=${couponFixtures.ids.send} beside n8n start (set notify URL → send, both account types)`, () =>
		n8n.execute(couponFixtures.ids.send),
	);
	seen['n8n execute (set notify URL → send)'] = JSON.stringify(sent.run);
	const sentData = sent.run?.data?.resultData?.runData;
	await report.check('life cycle: set notify URL → send finished without error', (assert) => {
		assert.equal(runError(sent.run), undefined);
	});
	/** @type {Record<string, string>} */
	const codes = {};
	for (const accountType of ACCOUNT_TYPES) {
		await report.check(`life cycle, ${accountType}: Set notify URL sets the example's public URL; Send gives a CONFIRMING coupon`, (assert) => {
			const set = outputOf(sentData, nodeName('Set notify URL', accountType));
			assert.equal(set?.[0]?.notify_url, couponFixtures.lifecycleNotifyUrl(accountType));
			const out = outputOf(sentData, nodeName('Send coupon', accountType));
			assert.equal(out?.length, 1, JSON.stringify(out));
			assert.equal(out[0].coupon_state, 'CONFIRMING');
			assert.match(String(out[0].coupon_code), /^\S+$/);
			codes[accountType] = out[0].coupon_code;
		});
	}

	for (const accountType of ACCOUNT_TYPES) {
		const code = codes[accountType];
		const attempts = () => sandbox.callbackDeliveries.filter((d) => d.couponCode === code);
		await report.check(`life cycle, ${accountType}: the sandbox's ${SEND_EVENT[accountType]} callback reaches the example's production URL, answered 204 at the first attempt`, async (assert) => {
			assert.ok(code, 'no coupon sent');
			await until(`a SEND callback for ${code}`, () => attempts().length > 0);
			const [first] = attempts();
			assert.deepEqual(
				{ eventType: first.eventType, notifyUrl: first.notifyUrl, url: first.url, status: first.status, error: first.error },
				{ eventType: SEND_EVENT[accountType], notifyUrl: couponFixtures.lifecycleNotifyUrl(accountType), url: productionUrl(accountType), status: 204, error: undefined },
			);
		});
		let executionId;
		await report.check(`life cycle, ${accountType}: the callback starts one successful webhook execution of the example`, async (assert) => {
			const rows = await waitForExecutions(n8n, exampleId(accountType), (r) => r.some((e) => !['new', 'running', 'waiting'].includes(e.status)));
			assert.deepEqual(rows.map((e) => [e.status, e.mode]), [['success', 'webhook']]);
			executionId = rows[0].id;
		});
		await report.check(`life cycle, ${accountType}: its saved data: "Coupon received" holds the event, "Confirm coupon" outputs the coupon EFFECTIVE with confirm_request_no = coupon_code`, async (assert) => {
			assert.ok(executionId, 'no execution');
			const data = await executionData(n8n, flavour, executionId);
			seen[`saved execution of the confirm example (${accountType})`] = JSON.stringify(data);
			const [event] = outputOf(data.resultData.runData, 'Coupon received') ?? [];
			assert.equal(event?.event_type, SEND_EVENT[accountType]);
			assert.equal(event.resource?.coupon_code, code);
			const confirmed = outputOf(data.resultData.runData, 'Confirm coupon');
			assert.equal(confirmed?.length, 1, JSON.stringify(confirmed));
			assert.deepEqual(
				{ coupon_code: confirmed[0].coupon_code, coupon_state: confirmed[0].coupon_state, confirm_request_no: confirmed[0].confirm_request_no },
				{ coupon_code: code, coupon_state: 'EFFECTIVE', confirm_request_no: code },
			);
		});
	}

	const redeemed = await report.step(`n8n execute --id=${couponFixtures.ids.redeem} beside n8n start (get many → get → redeem → return, both account types)`, () =>
		n8n.execute(couponFixtures.ids.redeem),
	);
	seen['n8n execute (get many → get → redeem → return)'] = JSON.stringify(redeemed.run);
	const redeemedData = redeemed.run?.data?.resultData?.runData;
	await report.check('life cycle: get many → get → redeem → return finished without error', (assert) => {
		assert.equal(runError(redeemed.run), undefined);
	});
	for (const accountType of ACCOUNT_TYPES) {
		const code = codes[accountType];
		await report.check(`life cycle, ${accountType}: Get Many finds the one coupon, Get shows it EFFECTIVE, Redeem → USED, Return → EFFECTIVE`, (assert) => {
			const states = ['Find coupon', 'Get coupon', 'Redeem coupon', 'Return coupon'].map((what) =>
				(outputOf(redeemedData, nodeName(what, accountType)) ?? []).map((o) => `${o.coupon_code} ${o.coupon_state}`),
			);
			assert.deepEqual(states, [[`${code} EFFECTIVE`], [`${code} EFFECTIVE`], [`${code} USED`], [`${code} EFFECTIVE`]]);
		});
		await report.check(`life cycle, ${accountType}: the sandbox saw set, send, one confirm (from the example), list, get, use, return, all 200; the coupon ends EFFECTIVE, confirmed with its code`, (assert) => {
			const accountId = sandbox.account(credentials[accountType]).id;
			const received = sandbox.requests.slice(before).filter((r) => r.accountId === accountId);
			const user = `/users/${couponFixtures.OPENID}/coupons`;
			assert.deepEqual(requestLines(received, accountType), [
				'POST /notify-configs 200',
				`POST ${user} 200`,
				`POST ${user}/${code}/confirm 200`,
				`GET ${user} 200`,
				`GET ${user}/${code} 200`,
				`POST ${user}/${code}/use 200`,
				`POST ${user}/${code}/return 200`,
			]);
			const stored = sandbox.userCoupon(credentials[accountType], code);
			assert.deepEqual({ state: stored?.coupon_state, confirm_request_no: stored?.confirm_request_no }, { state: 'EFFECTIVE', confirm_request_no: code });
		});
		await report.check(`life cycle, ${accountType}: one SEND callback in all, and one execution of the example`, async (assert) => {
			assert.deepEqual(sandbox.callbackDeliveries.filter((d) => d.couponCode === code).map((d) => d.status), [204]);
			assert.equal((await executionsOf(n8n, exampleId(accountType))).length, 1);
		});
	}
}

module.exports = { checkCampaign, checkCouponLifecycle };
