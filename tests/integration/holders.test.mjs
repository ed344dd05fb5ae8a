// GET /api/v1/holders (eco-requests): the information holders — ministries,
// committees, the Fund, and the akimats and environmental departments of the
// 17 oblasts and the cities of Astana, Almaty and Shymkent — with names in
// kk/ru/en, region and parent body.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { client } from './lib/http.mjs';

const c = client('127.0.0.19');

const REGIONS = ['abai', 'akmola', 'aktobe', 'almaty_region', 'atyrau', 'east_kazakhstan',
    'jambyl', 'jetisu', 'karaganda', 'kostanay', 'kyzylorda', 'mangystau', 'north_kazakhstan',
    'pavlodar', 'turkistan', 'ulytau', 'west_kazakhstan', 'astana', 'almaty_city', 'shymkent'];

describe('information holders', () => {
	test('eco-requests answers its health check', async () => {
		const res = await c.get('/healthz/requests');
		assert.equal(res.status, 200);
		assert.equal(res.json.handler, 'eco-requests');
	});

	test('GET /api/v1/holders: every holder with id, code, names in three languages and region', async () => {
		const res = await c.get('/api/v1/holders');
		assert.equal(res.status, 200, res.body.slice(0, 300));
		const items = res.json.items;
		assert.ok(items.length >= 60, `${items.length} holders`);
		for (const h of items) {
			assert.ok(Number.isInteger(h.id) && h.id > 0, JSON.stringify(h));
			assert.match(h.code, /^[a-z][a-z0-9_]+$/);
			for (const lang of ['kk', 'ru', 'en'])
				assert.ok(typeof h.name[lang] === 'string' && h.name[lang].length > 0, `${h.code} ${lang}`);
			assert.ok(h.region === null || REGIONS.includes(h.region), `${h.code}: ${h.region}`);
		}
		const codes = new Set(items.map((h) => h.code));
		for (const region of REGIONS)
			assert.ok(items.some((h) => h.region === region && h.kind === 'akimat'), `akimat of ${region}`);
		assert.ok(items.some((h) => h.kind === 'ministry' && h.region === null), 'a ministry');
		assert.ok(items.some((h) => h.kind === 'fund'), 'the Fund');
		for (const h of items)
			assert.ok(h.parent === null || codes.has(h.parent), `${h.code}: parent ${h.parent}`);
		assert.equal(codes.size, items.length, 'codes are unique');
	});

	test('changes are the administrators\' (holders-admin.test.mjs): 401 anonymous, 405 DELETE', async () => {
		const res = await c.post('/api/v1/holders', { json: {} });
		assert.equal(res.status, 401);
		assert.equal((await c.request('DELETE', '/api/v1/holders')).status, 405);
	});
});
