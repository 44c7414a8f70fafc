// The demo's fake provider API records destructive mutations instead of performing them, and only
// answers the demo's own token, so the demo can show "what would have been deleted".
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error plain ESM module without type declarations
import { DEMO_TOKEN, startFakeApi } from '../../../demo/server/fake-graphql.mjs';

async function post(url: string, token: string, query: string): Promise<{ status: number; body: { data?: Record<string, unknown>; errors?: unknown[] } }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> } };
}

test('records the incident mutation as what it would have deleted', async () => {
  const api = await startFakeApi();
  try {
    const r = await post(api.graphqlUrl, DEMO_TOKEN, 'mutation { volumeDelete(volumeId: "vol-prod-9a7e") }');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.data, { volumeDelete: true });
    assert.equal(api.deletions.length, 1);
    assert.equal(api.deletions[0].mutation, 'volumeDelete');
    assert.match(api.deletions[0].wouldDelete, /production-db .* 14 backups/);
  } finally {
    await api.stop();
  }
});

test('rejects any other token and records nothing', async () => {
  const api = await startFakeApi();
  try {
    const r = await post(api.graphqlUrl, 'not-the-demo-token', 'mutation { volumeDelete(volumeId: "vol-prod-9a7e") }');
    assert.equal(r.status, 401);
    assert.equal(api.deletions.length, 0);
  } finally {
    await api.stop();
  }
});

test('read-only queries are answered and not recorded', async () => {
  const api = await startFakeApi();
  try {
    const r = await post(api.graphqlUrl, DEMO_TOKEN, '{ volumes { id name } }');
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(r.body.data?.volumes));
    assert.equal(api.deletions.length, 0);
  } finally {
    await api.stop();
  }
});

test('listens on 127.0.0.1 only', async () => {
  const api = await startFakeApi();
  try {
    assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    await api.stop();
  }
});
