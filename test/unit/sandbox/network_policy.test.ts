// The sandbox's network policy as data: host patterns, matching, and the tighten-only merge (a
// repository-level source may add deny entries or narrow the allow-list, never widen what the user set).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolvePolicy, type PolicySource } from '../../../src/core/policy';
import { decideHost, isLoopbackAddress, loopbackAllowed, loopbackForwards, mergeNetwork, parseHostPattern } from '../../../src/core/sandbox/network';

const user = (v: unknown): PolicySource => ({ level: 'user', label: 'user settings', values: { 'airlock.sandboxNetwork': v } });
const workspace = (v: unknown): PolicySource => ({ level: 'workspace', label: 'workspace settings', values: { 'airlock.sandboxNetwork': v } });
const file = (v: unknown): PolicySource => ({ level: 'policyFile', label: '.airlock/policy.json', values: { sandboxNetwork: v } });

describe('host patterns', () => {
  test('names, *.suffix, IPs, each with an optional port; anything else is refused with one line', () => {
    assert.deepEqual(parseHostPattern('Backboard.Railway.com'), { host: 'backboard.railway.com', wildcard: false });
    assert.deepEqual(parseHostPattern('*.railway.app'), { host: 'railway.app', wildcard: true });
    assert.deepEqual(parseHostPattern('127.0.0.1:5173'), { host: '127.0.0.1', wildcard: false, port: 5173 });
    assert.deepEqual(parseHostPattern('[::1]:8080'), { host: '::1', wildcard: false, port: 8080 });
    for (const bad of ['https://api.example.com', 'api.example.com/v1', '*', 'a.*.com', 'a b', '', 'x.com:0', 'x.com:70000', '*.[::1]']) {
      const r = parseHostPattern(bad);
      assert.equal(typeof r, 'string', bad);
      assert.ok(!(r as string).includes('\n'));
    }
  });

  test('a wildcard matches every name below it, not the name itself; a port narrows', () => {
    const net = { deny: ['*.railway.app', 'backboard.railway.com', 'db.example.com:5432'] };
    assert.deepEqual(decideHost(net, 'x.up.railway.app', 443), { allowed: false, why: 'deny-list' });
    assert.deepEqual(decideHost(net, 'BACKBOARD.railway.com.', 443), { allowed: false, why: 'deny-list' });
    assert.deepEqual(decideHost(net, 'railway.app', 443), { allowed: true });
    assert.deepEqual(decideHost(net, 'db.example.com', 443), { allowed: true });
    assert.deepEqual(decideHost(net, 'db.example.com', 5432), { allowed: false, why: 'deny-list' });
    const allow = { deny: ['evil.anthropic.com'], allow: ['*.anthropic.com', 'registry.npmjs.org'] };
    assert.deepEqual(decideHost(allow, 'api.anthropic.com', 443), { allowed: true });
    assert.deepEqual(decideHost(allow, 'evil.anthropic.com', 443), { allowed: false, why: 'deny-list' });
    assert.deepEqual(decideHost(allow, 'backboard.railway.com', 443), { allowed: false, why: 'allow-list' });
    assert.deepEqual(decideHost({ deny: [], allow: [] }, 'registry.npmjs.org', 443), { allowed: false, why: 'allow-list' });
  });

  test("the host's loopback needs an exact allow-list entry with its port", () => {
    const net = { deny: [], allow: ['127.0.0.1:5173', '*.example.com'] };
    assert.ok(loopbackAllowed(net, '127.0.0.1', 5173));
    assert.ok(!loopbackAllowed(net, '127.0.0.1', 22));
    assert.ok(!loopbackAllowed({ deny: [] }, '127.0.0.1', 5173));
    assert.deepEqual(loopbackForwards(net), [{ host: '127.0.0.1', port: 5173 }]);
    for (const a of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1', '0.0.0.0', 'app.localhost']) assert.ok(isLoopbackAddress(a), a);
    for (const a of ['10.0.0.1', '192.168.1.1', 'example.com', '::2']) assert.ok(!isLoopbackAddress(a), a);
  });
});

describe('tighten-only merge', () => {
  test('nothing set: open; the user may set either list', () => {
    assert.equal(resolvePolicy([]).policy.sandboxNetwork, undefined);
    const r = resolvePolicy([user({ allow: ['*.anthropic.com'], deny: ['x.com'] })]);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.policy.sandboxNetwork, { deny: ['x.com'], allow: ['*.anthropic.com'] });
  });

  test('a workspace source may add deny entries and switch open to an allow-list', () => {
    const r = resolvePolicy([user({ deny: ['a.com'] }), workspace({ deny: ['*.railway.app'] }), file({ allow: ['api.anthropic.com'] })]);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.policy.sandboxNetwork, { deny: ['a.com', '*.railway.app'], allow: ['api.anthropic.com'] });
  });

  test('a workspace source cannot widen the user’s allow-list: only what both allow stays', () => {
    const r = resolvePolicy([user({ allow: ['*.anthropic.com', 'registry.npmjs.org'] }), file({ allow: ['api.anthropic.com', 'backboard.railway.com', '*.npmjs.org'] })]);
    assert.deepEqual(r.policy.sandboxNetwork?.allow?.sort(), ['api.anthropic.com', 'registry.npmjs.org']);
    const none = resolvePolicy([user({ allow: ['a.com'] }), workspace({ allow: ['b.com'] })]);
    assert.deepEqual(none.policy.sandboxNetwork?.allow, [], 'disjoint lists leave nothing allowed, never more');
  });

  test('a workspace source cannot remove deny entries or go back to open', () => {
    const r = resolvePolicy([user({ deny: ['a.com'], allow: ['*.com'] }), workspace({ deny: [] }), file({})]);
    assert.deepEqual(r.policy.sandboxNetwork, { deny: ['a.com'], allow: ['*.com'] });
  });

  test('a bad pattern or shape is an error naming the key, and changes nothing', () => {
    const r = resolvePolicy([user({ deny: ['a.com'] }), file({ deny: ['https://b.com/x'] }), workspace({ allowed: ['x'] })]);
    assert.equal(r.errors.length, 2);
    for (const e of r.errors) assert.match(e, /airlock\.sandboxNetwork/);
    assert.deepEqual(r.policy.sandboxNetwork, { deny: ['a.com'] });
  });

  test('command-line flags are tighten-only as well', () => {
    const base = { deny: ['a.com'], allow: ['*.example.com'] };
    assert.deepEqual(mergeNetwork(base, { deny: ['b.com'], allow: ['api.example.com', 'other.org'] }, true), { network: { deny: ['a.com', 'b.com'], allow: ['api.example.com'] }, errors: [] });
    assert.deepEqual(mergeNetwork(undefined, { deny: [], allow: [] }, true).network, { deny: [], allow: [] });
    assert.equal(mergeNetwork(undefined, { deny: ['bad host'] }, true).errors.length, 1);
  });
});
