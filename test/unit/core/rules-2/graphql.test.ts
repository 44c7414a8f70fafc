import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { destructiveMutationFields, isDestructiveFieldName, readOperations } from '../../../../src/core/rules/lib/graphql';
import { graphqlCandidates } from '../../../../src/core/rules/lib/http-body';
import { destructiveFieldsInTexts } from '../../../../src/core/rules/http';

test('field names: camelCase, snake_case and PascalCase verbs; look-alike words are not verbs', () => {
  for (const n of ['volumeDelete', 'deleteProject', 'projectDestroy', 'purge_cache', 'DropTable', 'resetDatabase', 'wipeAll', 'removeMember', 'truncateLogs', 'eraseDevice']) {
    assert.ok(isDestructiveFieldName(n), n);
  }
  for (const n of ['deletedProjects', 'createProject', 'dropdownOptions', 'removedAt', 'updateUser', 'preset', 'undoDelete', 'restoreDeletedProject', 'cancelPurge', 'requestPasswordReset', 'resetApiToken']) {
    assert.equal(isDestructiveFieldName(n), false, n);
  }
  assert.ok(isDestructiveFieldName('resetPasswordsForAllUsersAndDeleteSessions'), 'a delete verb still counts next to password');
});

test('operations: aliases, variables, directives, fragments and nested fields', () => {
  assert.deepEqual(destructiveMutationFields('mutation { volumeDelete(volumeId: "v") }'), ['volumeDelete']);
  assert.deepEqual(destructiveMutationFields('mutation Gone($id: ID!) @tag { x: deleteProject(id: $id) { id } }'), ['deleteProject']);
  assert.deepEqual(destructiveMutationFields('mutation { ...F } fragment F on Mutation { serviceDelete(id: 1) }'), ['serviceDelete']);
  assert.deepEqual(destructiveMutationFields('mutation { ... on Mutation { envDelete(id: 1) } }'), ['envDelete']);
  assert.deepEqual(destructiveMutationFields('mutation { createUser(name: "deleteAll") { removeOnExit } }'), []);
  assert.deepEqual(destructiveMutationFields('mutation { volume { delete(id: "v") { ok } } }'), ['volume.delete']);
  assert.deepEqual(destructiveMutationFields('mutation { session { refresh { removedAt } } }'), []);
  assert.deepEqual(destructiveMutationFields('query { volume { delete } }'), []);
  assert.deepEqual(destructiveMutationFields('query { deleteRequests { id } }'), []);
  assert.deepEqual(destructiveMutationFields('# mutation { wipe }\nquery { me { id } }'), []);
  assert.deepEqual(destructiveMutationFields('query Q { a } mutation M { b: purgeAll }'), ['purgeAll']);
  assert.deepEqual(readOperations('{ me { id } }').map((o) => o.type), ['query']);
});

test('broken documents fall back to reporting destructive names after `mutation`', () => {
  assert.deepEqual(destructiveMutationFields('mutation { volumeDelete(volumeId: "abc'), ['volumeDelete']);
  assert.deepEqual(destructiveMutationFields('mutation'), []);
});

test('bodies: JSON, batched, double-encoded, broken JSON, form and URL encodings', () => {
  const incident = '{"query":"mutation { volumeDelete(volumeId: \\"…\\") }"}';
  assert.deepEqual(destructiveFieldsInTexts([incident]), ['volumeDelete']);
  assert.deepEqual(destructiveFieldsInTexts(['[{"query":"query { a }"},{"query":"mutation { b: projectDelete(id: 1) }"}]']), ['projectDelete']);
  assert.deepEqual(destructiveFieldsInTexts([JSON.stringify(JSON.stringify({ query: 'mutation { dropTable(name: "t") }' }))]), ['dropTable']);
  assert.deepEqual(destructiveFieldsInTexts(['{"query":"mutation { volumeDelete(volumeId: \\"$VOL\\") }", broken']), ['volumeDelete']);
  assert.deepEqual(destructiveFieldsInTexts(['query=mutation%20%7B%20deleteUser(id%3A%201)%20%7D']), ['deleteUser']);
  assert.deepEqual(destructiveFieldsInTexts(['{"query":"mutation { \\u0076olumeDelete(volumeId: 1) }"}']), ['volumeDelete']);
  assert.deepEqual(destructiveFieldsInTexts(['{"query":"query { me { id } }","variables":{"note":"mutation { deleteAll }"}}']).length, 1);
  assert.deepEqual(destructiveFieldsInTexts(['{"query":"query { me { id } }"}']), []);
  assert.ok(graphqlCandidates('a=1&query=x').includes('x'));
});

test('GraphQL reader never throws and is linear on hostile input', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      destructiveMutationFields(`mutation {${s}`);
      destructiveFieldsInTexts([`{"query":"mutation ${s}"}`, s]);
    }),
    { numRuns: 500 },
  );
  const started = performance.now();
  destructiveMutationFields(`mutation ${'{ a('.repeat(30_000)}`);
  destructiveFieldsInTexts([`{"query":"${'\\\\"'.repeat(50_000)}`]);
  destructiveMutationFields(`mutation ${'{ ... on M '.repeat(50_000)}`);
  isDestructiveFieldName('A'.repeat(100_000));
  assert.ok(performance.now() - started < 2000);
});
