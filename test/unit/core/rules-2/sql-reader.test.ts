import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findMongoDataLoss, findRedisFlush, findSqlDataLoss } from '../../../../src/core/rules/lib/sql';

const kinds = (sql: string, dialect?: 'mysql'): string[] => findSqlDataLoss(sql, dialect).map((f) => `${f.kind} ${f.target}`);

test('SQL: drops, truncates and WHERE-less writes are found with their target', () => {
  assert.deepEqual(kinds('DROP TABLE users'), ['drop TABLE users']);
  assert.deepEqual(kinds('drop table if exists "Order Items" cascade;'), ['drop TABLE Order Items']);
  assert.deepEqual(kinds('DROP DATABASE app_production'), ['drop DATABASE app_production']);
  assert.deepEqual(kinds('DROP MATERIALIZED VIEW stats'), ['drop MATERIALIZED VIEW stats']);
  assert.deepEqual(kinds('TRUNCATE TABLE ONLY events RESTART IDENTITY'), ['truncate events']);
  assert.deepEqual(kinds('DELETE FROM public.users;'), ['delete-all public.users']);
  assert.deepEqual(kinds('UPDATE accounts SET balance = 0'), ['update-all accounts']);
  assert.deepEqual(kinds('ALTER TABLE users DROP COLUMN IF EXISTS ssn'), ['drop-column users.ssn']);
  assert.deepEqual(kinds('SELECT 1; DELETE FROM t; SELECT 2'), ['delete-all t']);
});

test('SQL: a WHERE that always holds is no WHERE at all', () => {
  assert.equal(kinds('DELETE FROM t WHERE 1=1').length, 1);
  assert.equal(kinds('DELETE FROM t WHERE true').length, 1);
  assert.equal(kinds('DELETE FROM t WHERE 1 = 2').length, 0);
  assert.equal(kinds('DELETE FROM t WHERE id = 1').length, 0);
});

test('SQL: text in strings, identifiers and comments is data', () => {
  assert.deepEqual(kinds("SELECT 'DROP TABLE users'"), []);
  assert.deepEqual(kinds('SELECT "drop" FROM t'), []);
  assert.deepEqual(kinds('-- DROP TABLE users\nSELECT 1'), []);
  assert.deepEqual(kinds('/* TRUNCATE t; */ SELECT 1'), []);
  assert.deepEqual(kinds("# DROP TABLE users\nSELECT 1", 'mysql'), []);
  assert.deepEqual(kinds("INSERT INTO notes VALUES ('it''s fine; DELETE FROM x')"), []);
  assert.deepEqual(kinds('CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM t $$ LANGUAGE sql'), []);
});

test('SQL: prose that starts like SQL but names nothing is not a statement', () => {
  assert.deepEqual(kinds('drop table'), []);
  assert.deepEqual(kinds('update the docs'), []);
  assert.deepEqual(kinds('truncate'), []);
});

test('SQL: keywords that are not statements do not count', () => {
  assert.deepEqual(kinds('CREATE TABLE a (id int REFERENCES b ON DELETE CASCADE ON UPDATE CASCADE)'), []);
  assert.deepEqual(kinds('SELECT * FROM jobs FOR UPDATE SKIP LOCKED'), []);
  assert.deepEqual(kinds('GRANT DELETE, UPDATE ON t TO app'), []);
  assert.deepEqual(kinds('ALTER TABLE t DROP CONSTRAINT t_pkey'), []);
  assert.deepEqual(kinds('ALTER TABLE t ALTER COLUMN c DROP NOT NULL'), []);
  assert.deepEqual(kinds('EXPLAIN DELETE FROM t'), []);
  assert.deepEqual(kinds('UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1)').map((x) => x.split(' ')[0]), ['update-all']);
});

test('SQL: statements that run nested are read', () => {
  assert.equal(kinds('EXPLAIN ANALYZE DELETE FROM t').length, 1);
  assert.equal(kinds('WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d').length, 1);
  assert.equal(kinds('DO $$ BEGIN EXECUTE \'x\'; DROP TABLE t; END $$').length, 1);
  assert.equal(kinds("EXECUTE IMMEDIATE 'DROP TABLE t'").length, 1);
  assert.equal(kinds("EXEC('TRUNCATE TABLE t')").length, 1);
});

test('Mongo: destructive calls found, filtered deletes and comments not', () => {
  assert.equal(findMongoDataLoss('db.dropDatabase()').length, 1);
  assert.equal(findMongoDataLoss('db["dr" + "opDatabase"]()').length, 1);
  assert.equal(findMongoDataLoss("db['dropDatabase']()").length, 1);
  assert.equal(findMongoDataLoss('db.events.find({type: "dr" + "op"})').length, 0);
  assert.equal(findMongoDataLoss('db.users.drop()')[0].target, 'users');
  assert.equal(findMongoDataLoss('db.getCollection("a b").deleteMany({})')[0].target, 'a b');
  assert.equal(findMongoDataLoss('db.c.updateMany({}, {$set: {x: 1}})').length, 1);
  assert.equal(findMongoDataLoss('db.c.deleteMany({ old: true })').length, 0);
  assert.equal(findMongoDataLoss('db.c.bulkWrite([{ deleteMany: { filter: {} } }])').length, 1);
  assert.equal(findMongoDataLoss('// db.dropDatabase()\ndb.c.find()').length, 0);
});

test('Redis: FLUSHALL/FLUSHDB as a command word only', () => {
  assert.equal(findRedisFlush(['flushall']), 'FLUSHALL');
  assert.equal(findRedisFlush(['GET k', ' FLUSHDB ASYNC']), 'FLUSHDB');
  assert.equal(findRedisFlush(['GET flushall']), undefined);
  assert.equal(findRedisFlush(["EVAL return redis.call('flushall') 0"]), 'FLUSHALL');
});

test('SQL reader never throws and stays fast on arbitrary and huge input', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      findSqlDataLoss(`DROP ${s}`);
      findSqlDataLoss(`DELETE ${s}`, 'mysql');
      findMongoDataLoss(`db.${s}.drop(`);
    }),
    { numRuns: 500 },
  );
  const huge = `DELETE FROM t WHERE ${"a = '(' AND ".repeat(50_000)}`;
  const started = performance.now();
  findSqlDataLoss(huge);
  findMongoDataLoss(`deleteMany(${' '.repeat(200_000)}`);
  findMongoDataLoss(`drop ${'/*'.repeat(100_000)}`);
  assert.ok(performance.now() - started < 2000, 'linear-time reading');
});
