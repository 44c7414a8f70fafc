// package.json's Settings UI entries must be exactly what the zod schema generates.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { policySettingsProperties } from '../../../../src/core/policy/settings';

test('package.json contributes.configuration matches the policy schema (run node scripts/gen-settings.mjs)', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const actual = pkg.contributes?.configuration?.properties ?? {};
  const generated = policySettingsProperties();
  for (const [key, value] of Object.entries(generated)) assert.deepEqual(actual[key], value, `${key} differs from the schema`);
  assert.ok(Object.keys(generated).length >= 7);
});

test('every policy setting has a description and a default', () => {
  for (const [key, value] of Object.entries(policySettingsProperties())) {
    assert.ok(typeof value.markdownDescription === 'string' && value.markdownDescription.length > 20, key);
    assert.ok('default' in value, key);
  }
  assert.equal(policySettingsProperties()['airlock.unprotectedPaths'].scope, 'application');
});
