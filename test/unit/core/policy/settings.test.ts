// package.json's Settings UI entries must be exactly what the two zod sources generate: the policy
// schema and the editor's own settings. Nothing else may stand there.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { policySettingsProperties } from '../../../../src/core/policy/settings';
import { editorSettingsProperties } from '../../../../src/editor/settings';

test('package.json contributes.configuration is exactly the generated settings (run node scripts/gen-settings.mjs)', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const actual = pkg.contributes?.configuration?.properties ?? {};
  const generated = { ...policySettingsProperties(), ...editorSettingsProperties() };
  for (const [key, value] of Object.entries(generated)) assert.deepEqual(actual[key], value, `${key} differs from its schema`);
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(generated).sort(), 'a setting in package.json has no schema, or one is missing');
  assert.ok(Object.keys(policySettingsProperties()).length >= 7);
  assert.ok(Object.keys(editorSettingsProperties()).length >= 8);
});

test('every setting has a description and a default', () => {
  for (const [key, value] of Object.entries({ ...policySettingsProperties(), ...editorSettingsProperties() })) {
    assert.ok(typeof value.markdownDescription === 'string' && value.markdownDescription.length > 20, key);
    assert.ok(typeof value.description === 'string' && !value.description.includes('`'), key);
    assert.ok('default' in value, key);
  }
  assert.equal(policySettingsProperties()['airlock.unprotectedPaths'].scope, 'application');
});

test('a workspace (which agents can write) cannot switch off a safeguard: those settings are user-only', () => {
  const editor = editorSettingsProperties();
  for (const key of ['airlock.watch.terminals', 'airlock.watch.files', 'airlock.terminal.blankCredentialVariables', 'airlock.hiding.ignoreFiles', 'airlock.watch.massDelete.count']) {
    assert.equal(editor[key].scope, 'application', key);
  }
});
