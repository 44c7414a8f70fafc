// ORM and framework commands that drop or reset a whole database: prisma, rails/rake, django, laravel,
// supabase, drizzle, sequelize, typeorm, knex, ecto. Seen through npx/pnpm/yarn/bunx, bundle exec,
// python manage.py, php artisan, sail, docker compose exec … (see lib/runners).
import { guessEnvironment } from '../environment';
import { normalizePath } from '../paths';
import { commandViews, onlyDescribes, type CommandView } from './lib/runners';
import { hasOption, optionValue, positionals } from './lib/words';
import type { RuleContext, RuleMatch, ShellRule, SimpleCommand } from './types';
import { inlineScript } from './lib/scripts';
import { foldConcatenation } from '../effects/code_scan';

interface OrmSpec {
  name: string;
  /** The runner-view names `test` can match (see ShellRule.viewNames); every other view is skipped. */
  viewNames: readonly string[];
  reason: string;
  severity?: 'high' | 'critical';
  /** Returns what would be lost (shown as the target) when the view runs a destructive command. */
  test(v: CommandView, ctx: RuleContext): string | undefined;
  examples: ShellRule['examples'];
}

function environment(cmd: SimpleCommand): RuleMatch['environment'] {
  const env = Object.entries(cmd.assignments).map(([k, v]) => `${k}=${v}`);
  return guessEnvironment([...env, cmd.text]);
}

function ormRule(spec: OrmSpec): ShellRule {
  const names = new Set(spec.viewNames);
  return {
    id: `orm.${spec.name}`,
    pack: 'orm',
    kind: 'shell',
    viewNames: spec.viewNames,
    severity: spec.severity ?? 'critical',
    reason: spec.reason,
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        // Only the declared programs: classify() relies on it to skip this rule for every other command.
        if (!names.has(v.name) || onlyDescribes(v) || onTestDatabase(cmd, v, ctx)) continue;
        const target = spec.test(v, ctx);
        if (target !== undefined) return { target, environment: environment(cmd), detail: `${v.name} ${v.args.slice(0, 3).join(' ')}` };
      }
      return undefined;
    },
    examples: spec.examples,
  };
}

/**
 * `MIX_ENV=test mix ecto.reset`: the test database, which Phoenix's own test alias recreates on every run, when the
 * project's config/test.exs names it literally (`database: "app_test"`) and takes nothing from the environment.
 * Rails and Laravel are not given this: an inherited `DATABASE_URL` (or `DB_DATABASE`) overrides the test
 * configuration there, so the database a test-environment reset reaches cannot be told from the files.
 */
function onTestDatabase(cmd: SimpleCommand, v: CommandView, ctx: RuleContext): boolean {
  if (v.name !== 'mix' || cmd.assignments['MIX_ENV'] !== 'test' || v.args.some((a) => a.startsWith('MIX_ENV=')) || !ctx.facts || ctx.cwd === undefined) return false;
  if (Object.keys(cmd.assignments).some((k) => k !== 'MIX_ENV')) return false;
  // (the generated config appends the test partition to the name: `"app_test#{System.get_env("MIX_TEST_PARTITION")}"`)
  const text = ctx.facts.readText(normalizePath('config/test.exs', { cwd: ctx.cwd }), 64 * 1024)?.replace(/#\{System\.get_env\(\s*"MIX_TEST_PARTITION"\s*\)\}/g, '');
  return text !== undefined && /\bdatabase:\s*"[\w-]*test[\w-]*"/.test(text) && !/System\.(?:get_env|fetch_env)|\burl:/.test(text);
}

/**
 * Whether EF Core migrations named after `target` exist in the project's Migrations folder (`20240601120000_AddPayments.cs`
 * after `Initial`): updating the database to `target` reverts them.
 */
function laterEfMigrations(target: string, project: string | undefined, ctx: RuleContext): boolean {
  if (!ctx.facts || ctx.cwd === undefined || !/^[\w.-]+$/.test(target)) return false;
  const dir = normalizePath(project !== undefined ? project.replace(/\/[^/]*\.csproj$/, '') : '.', { cwd: ctx.cwd });
  const names = ctx.facts.listDir(`${dir.replace(/\/+$/, '')}/Migrations`)?.names ?? [];
  const stamps = names.map((n) => /^(\d{14})_(\w+)\.cs$/.exec(n)).filter((m): m is RegExpExecArray => m !== null);
  const at = stamps.find((m) => m[2] === target || `${m[1]}_${m[2]}` === target);
  return at !== undefined && stamps.some((m) => m[1]! > at[1]!);
}

/** Whether the app's migrations folder (found beside manage.py's usual layouts) holds migrations numbered after `target`. */
function laterDjangoMigrations(app: string, target: string, ctx: RuleContext): boolean {
  if (!ctx.facts || ctx.cwd === undefined || !/^[A-Za-z_]\w*$/.test(app)) return false;
  const n = Number(target.slice(0, 4));
  for (const dir of [`${app}`, `apps/${app}`, `src/${app}`]) {
    const listing = ctx.facts.listDir(`${ctx.cwd.replace(/\/+$/, '')}/${dir}/migrations`);
    if (listing !== undefined) return listing.names.some((f) => /^\d{4}_\w*\.py$/.test(f) && Number(f.slice(0, 4)) > n);
  }
  return false;
}

const words = (v: CommandView): string[] => positionals(v.args, new Set(['--schema', '-e', '--env', '--config', '-c', '--database', '--settings', '--project-ref', '--db-url']));

/** Rake-style tasks: any positional task, with `db:drop:all`-style suffixes. */
function rakeTask(v: CommandView, tasks: string[]): string | undefined {
  return words(v).find((w) => tasks.some((t) => w === t || w.startsWith(`${t}:`) || w.startsWith(`${t}[`)));
}

/**
 * ORM calls in code that drop every table or delete every row: SQLAlchemy/Flask-SQLAlchemy `drop_all()`,
 * Django `call_command('flush')` and `Model.objects.all().delete()`, `session.query(Model).delete()` (no filter),
 * Rails `Model.delete_all` / `destroy_all` on a whole model.
 */
const ORM_CODE_LOSS: { re: RegExp; what: string }[] = [
  { re: /\.\s*drop_all\s*\(/, what: 'drop_all() (every table)' },
  // ActiveRecord migrations' API called directly: `connection.drop_table(t)`, `drop_table :orders`
  { re: /\bconnection\s*\.\s*(?:drop_table|drop_database|purge)\b|\.\s*purge_current_database\b/, what: 'drop_table / drop_database on the connection' },
  { re: /\bcall_command\s*\(\s*["'](?:flush|reset_db|sqlflush)["']/, what: "call_command('flush') (every row)" },
  { re: /\.\s*objects\s*\.\s*all\s*\(\s*\)\s*\.\s*delete\s*\(/, what: 'objects.all().delete() (every row)' },
  { re: /\.\s*objects\s*\.\s*delete\s*\(/, what: 'objects.delete() (every row)' },
  { re: /\.\s*query\s*\(\s*[\w.]+\s*\)\s*\.\s*delete\s*\(/, what: 'query(Model).delete() without a filter (every row)' },
  // (Ecto's `Repo.delete_all(query)` is judged by its argument, below)
  { re: /\b(?!Repo\b)[A-Z]\w*(?:\s*\.\s*(?:all|unscoped|in_batches|find_in_batches)(?:\s*\([^()]*\))?)*\s*\.\s*(?:delete_all|destroy_all)\b/, what: 'delete_all/destroy_all on a whole model' },
  { re: /\b[A-Z]\w*(?:\s*\.\s*(?:all|unscoped))?\s*\.\s*find_each\s*(?:\(\s*&:\s*destroy\s*\)|\{\s*\|\s*(\w+)\s*\|\s*\1\s*\.\s*destroy!?\s*\})/, what: 'find_each(&:destroy) on a whole model' },
  // Flask-SQLAlchemy `User.query.delete()`; Django `objects.filter().delete()` / `exclude().delete()` with no condition
  { re: /\b[A-Z]\w*\s*\.\s*query\s*\.\s*delete\s*\(/, what: 'Model.query.delete() without a filter (every row)' },
  { re: /\.\s*objects\s*\.\s*(?:filter|exclude|all)\s*\(\s*\)\s*(?:\.\s*all\s*\(\s*\)\s*)?\.\s*delete\s*\(/, what: 'objects.filter().delete() with no condition (every row)' },
  // Prisma and Mongoose `deleteMany()` / `deleteMany({})`; Sequelize `destroy({ truncate: true })` / `where: {}`; knex `.del()`
  { re: /\.\s*deleteMany\s*\(\s*(?:\{\s*(?:where\s*:\s*\{\s*\}\s*)?\}\s*)?\)/, what: 'deleteMany() with no filter (every row)' },
  { re: /\.\s*destroy\s*\(\s*\{[^}]*\b(?:truncate\s*:\s*true|where\s*:\s*\{\s*\})/, what: 'destroy() of every row' },
  { re: /\bknex\s*\(\s*["'`][\w.]+["'`]\s*\)\s*\.\s*(?:del|delete|truncate)\s*\(\s*\)/, what: "knex('table').del() of every row" },
  { re: /\bgetRepository\s*\([^()]*\)\s*\.\s*clear\s*\(\s*\)/, what: 'TypeORM repository.clear() (every row)' },
  // Ecto: `Repo.delete_all(Schema)` on a bare schema (a query with `where:` is not every row); Django's unfiltered update
  { re: /\bRepo\s*\.\s*delete_all!?\s*\(\s*[A-Z][\w.]*\s*[,)]/, what: 'Repo.delete_all(Schema) (every row)' },
  { re: /\.\s*objects\s*\.\s*(?:all\s*\(\s*\)\s*\.\s*)?update\s*\(/, what: 'objects.update() of every row' },
  // Rails `Model.update_all(…)` on a whole model overwrites the column in every row
  { re: /\b(?!Repo\b)[A-Z]\w*(?:\s*\.\s*(?:all|unscoped))?\s*\.\s*update_all\s*\(/, what: 'update_all on a whole model (every row overwritten)' },
  // Job queues and the Redis behind them: Sidekiq's queues and sets cleared, a Redis database flushed from code
  { re: /\bSidekiq::(?:Queue|ScheduledSet|RetrySet|DeadSet)\b[^\n;]*?\.\s*clear\b|\beach\s*\(\s*&:\s*clear\s*\)/, what: 'Sidekiq queues or job sets cleared' },
  { re: /\.\s*flush_?(?:db|all)\b|&:\s*flush_?(?:db|all)\b/i, what: 'a Redis database flushed' },
];
const ORM_CODE_RUNNERS = ['python', 'python3', 'python2', 'py', 'ruby', 'manage.py', 'django-admin', 'rails', 'flask', 'node', 'nodejs', 'bun', 'deno', 'tsx', 'ts-node', 'mix', 'elixir'];
const ORM_SCRIPT_EXT = /\.(?:py|rb)$/;

/** Code the command runs: `-c`/`-e` text or stdin, `manage.py shell -c …`, `rails runner '…'`, or a script file it names. */
function ormCodeOf(cmd: SimpleCommand, ctx: RuleContext): string[] {
  const out: string[] = [];
  const inline = inlineScript(cmd);
  if (inline !== undefined) out.push(inline);
  const args = cmd.args;
  const shell = args.findIndex((a) => a === 'shell' || a === 'runner' || a === 'r' || a === 'console' || a === 'c');
  // `echo 'Order.delete_all' | bin/rails console`, `rails c <<RB`: the console reads its code from stdin
  if (shell >= 0 && (args[shell] === 'console' || args[shell] === 'c')) {
    if (cmd.stdin !== undefined) out.push(cmd.stdin);
  } else if (shell >= 0) {
    const c = args.findIndex((a, k) => k > shell && (a === '-c' || a === '--command'));
    if (c >= 0 && args[c + 1] !== undefined) out.push(args[c + 1]);
    else if (args[shell] !== 'shell' && args[shell + 1] !== undefined) out.push(args[shell + 1]);
    if (cmd.stdin !== undefined) out.push(cmd.stdin);
  }
  if (inline === undefined && /^(?:python|ruby|py)/.test(cmd.name ?? '')) {
    const file = args.find((a) => !a.startsWith('-'));
    if (file !== undefined && ORM_SCRIPT_EXT.test(file)) {
      const text = ctx.readFile?.(file);
      if (text !== undefined) out.push(text.slice(0, 200_000));
    }
  }
  return out;
}

const ORM_CODE_RULE: ShellRule = {
  id: 'orm.code-drop-all',
  pack: 'orm',
  kind: 'shell',
  names: ORM_CODE_RUNNERS,
  severity: 'critical',
  reason: 'Runs ORM code that drops every table or deletes or overwrites every row (drop_all(), Django flush, objects.all().delete() or objects.update(), an unfiltered query delete, delete_all, update_all), or empties job queues or a Redis database.',
  defaultDecision: 'ask',
  match(cmd, ctx) {
    if (cmd.name === undefined || !ORM_CODE_RUNNERS.includes(cmd.name)) return undefined;
    for (const code of ormCodeOf(cmd, ctx)) {
      const folded = foldConcatenation(code);
      const hit = ORM_CODE_LOSS.find(({ re }) => re.test(folded));
      if (hit) return { target: 'database', environment: environment(cmd), detail: hit.what };
    }
    return undefined;
  },
  examples: {
    flag: [
      'python3 -c "from app import db; db.drop_all()"',
      'python -c "from models import Base, engine; Base.metadata.drop_all(engine)"',
      'python manage.py shell -c "from django.core.management import call_command; call_command(\'flush\', interactive=False)"',
      'python manage.py shell -c "from shop.models import Order; Order.objects.all().delete()"',
      'python3 -c "from app.db import session, User; session.query(User).delete(); session.commit()"',
      "rails runner 'User.delete_all'",
      'ruby -e "require_relative \'config/environment\'; Order.destroy_all"',
      'python3 - <<EOF\nfrom app import db\ndb.drop_all()\nEOF',
      'python3 -c "from app import db; from app.models import User; User.query.delete(); db.session.commit()"',
      "bin/rails runner 'User.in_batches.destroy_all'",
      "rails runner 'User.find_each(&:destroy)'",
      "python manage.py shell -c 'from accounts.models import User; User.objects.filter().delete()'",
      `node -e "const {PrismaClient}=require('@prisma/client'); new PrismaClient().user.deleteMany().then(()=>process.exit())"`,
      `node -e "require('./models').User.destroy({ truncate: true })"`,
      `node -e "const knex=require('./db'); knex('users').del().then(()=>process.exit())"`,
      "mix run -e 'App.Repo.delete_all(App.Subscription)'",
      'python manage.py shell -c "from core.models import Invoice; Invoice.objects.update(total_cents=0)"',
      "bin/rails runner 'Customer.update_all(email: nil)'",
      "bin/rails runner 'Sidekiq::Queue.new(\"critical\").clear'",
      "bin/rails runner 'Sidekiq::Queue.all.each(&:clear)'",
      "bin/rails runner 'Sidekiq.redis(&:flushdb)'",
      "echo 'Order.delete_all' | bin/rails console",
      "bin/rails c <<'RB'\nOrder.delete_all\nRB",
      "bin/rails runner 'ActiveRecord::Base.connection.tables.each { |t| ActiveRecord::Base.connection.drop_table(t, force: :cascade) }'",
      'python3 -c "import redis; redis.Redis(host=\'cache.prod\').flushall()"',
    ],
    allow: [
      'python3 -c "from app import db; db.create_all()"',
      'python manage.py shell -c "from shop.models import Order; Order.objects.filter(id=3).delete()"',
      'python3 -c "session.query(User).filter(User.id == 3).delete()"',
      "rails runner 'User.where(id: 3).delete_all'",
      'python3 -c "import json; print(json.dumps({}))"',
      'python manage.py shell',
      "mix run -e 'App.Repo.delete_all(from s in App.Subscription, where: s.id == 1)'",
      'python manage.py shell -c "from core.models import Invoice; Invoice.objects.filter(id=3).update(total_cents=0)"',
      'python3 -c "from app.models import User; print(User.query.count())"',
      "rails runner 'User.where(active: false).in_batches.destroy_all'",
      `node -e "new (require('@prisma/client').PrismaClient)().user.deleteMany({ where: { id: 3 } })"`,
      `node -e "require('./models').User.destroy({ where: { id: 3 } })"`,
      "bin/rails runner 'Customer.where(id: 3).update_all(email: nil)'",
      "bin/rails runner 'Sidekiq::Queue.all.each { |q| puts q.size }'",
      "bin/rails runner 'Rails.cache.clear'",
      "echo 'puts Order.count' | bin/rails console",
      'python3 -c "import redis; print(redis.Redis().dbsize())"',
    ],
  },
};

export const ORM_RULES: ShellRule[] = [
  ormRule({
    name: 'prisma-reset',
    viewNames: ['prisma'],
    reason: 'Prisma drops the database (migrate reset) or recreates it from the schema (db push --force-reset / --accept-data-loss): all data is lost.',
    test(v) {
      if (v.name !== 'prisma') return undefined;
      const w = words(v);
      if (w[0] === 'migrate' && w[1] === 'reset') return 'database (prisma migrate reset)';
      if (w[0] === 'db' && w[1] === 'push' && hasOption(v.args, ['--force-reset', '--accept-data-loss'])) return 'database (prisma db push)';
      return undefined;
    },
    examples: {
      // `npm run db:reset` reads the script from package.json (the examples' files define db:reset and db:migrate)
      flag: ['npx prisma migrate reset', 'pnpm prisma migrate reset --force', 'npx prisma db push --force-reset', 'yarn prisma db push --accept-data-loss', 'DATABASE_URL=$PROD_URL npx prisma migrate reset -f', 'npm run db:reset', 'pnpm db:reset', 'npm run --silent db:reset'],
      allow: ['npx prisma migrate dev', 'npx prisma db push', 'npx prisma generate', 'npx prisma migrate deploy', 'npx prisma studio', 'npm run db:migrate', 'npm test'],
    },
  }),
  ormRule({
    name: 'rails-db-drop',
    viewNames: ['rails', 'rake'],
    reason: 'Rails/rake drops or rebuilds the database (db:drop, db:reset, db:schema:load, db:purge): all rows are lost.',
    test(v) {
      if (v.name !== 'rails' && v.name !== 'rake') return undefined;
      const task = rakeTask(v, ['db:drop', 'db:reset', 'db:schema:load', 'db:purge', 'db:structure:load', 'db:migrate:reset', 'db:truncate_all', 'db:seed:replant', 'db:fixtures:load']);
      if (task !== undefined) return task;
      // `db:migrate VERSION=0` (or db:migrate:down to 0) reverts every migration, dropping the tables they made
      return words(v).some((w) => w === 'db:migrate' || w === 'db:rollback') && v.args.some((a) => /^VERSION=0+$/.test(a) || /^STEP=\d{3,}$/.test(a)) ? 'database (every migration reverted)' : undefined;
    },
    examples: {
      flag: ['rails db:drop', 'bin/rails db:reset', 'bundle exec rake db:drop db:create db:migrate', 'RAILS_ENV=production bin/rails db:schema:load DISABLE_DATABASE_ENVIRONMENT_CHECK=1', 'rails db:drop:all', 'bin/rails db:seed:replant', 'bin/rails db:fixtures:load', 'bin/rails db:migrate VERSION=0', 'RAILS_ENV=test bin/rails db:reset', 'RAILS_ENV=test rails db:drop:all'],
      allow: ['rails db:migrate', 'bin/rails db:seed', 'bundle exec rake db:migrate:status', 'rails console', 'rails db:rollback'],
    },
  }),
  ormRule({
    name: 'django-flush',
    viewNames: ['manage.py', 'django-admin'],
    reason: 'Django flush/reset_db deletes every row in the database (reset_db drops and recreates it); migrating an app to zero or back to an earlier migration drops what the later ones added.',
    test(v, ctx) {
      if (v.name !== 'manage.py' && v.name !== 'django-admin') return undefined;
      const w = words(v);
      if (w[0] === 'flush' || w[0] === 'reset_db') return `database (${w[0]})`;
      // `migrate <app> zero` unapplies every migration of the app: its tables are dropped
      if (w[0] === 'migrate' && w[2] === 'zero') return `tables of ${w[1]} (migrate zero)`;
      // `migrate <app> 0001` with later migrations on disk: those are unapplied (their tables and columns dropped)
      if (w[0] === 'migrate' && w[1] !== undefined && /^\d{4}/.test(w[2] ?? '') && laterDjangoMigrations(w[1], w[2]!, ctx)) return `migrations of ${w[1]} after ${w[2]} (rolled back)`;
      return undefined;
    },
    examples: {
      flag: ['python manage.py flush', 'python3 manage.py flush --noinput', './manage.py reset_db --noinput', 'django-admin flush --settings=app.settings.prod', 'poetry run python manage.py flush --no-input', 'python manage.py migrate billing zero'],
      allow: ['python manage.py migrate', 'python manage.py runserver', 'python manage.py shell', './manage.py test', 'python manage.py migrate billing 0007', 'python manage.py sqlflush'],
    },
  }),
  ormRule({
    name: 'laravel-fresh',
    viewNames: ['artisan'],
    reason: 'Laravel drops every table (migrate:fresh, db:wipe) or rolls back every migration (migrate:reset/refresh).',
    test(v) {
      if (v.name !== 'artisan') return undefined;
      const w = words(v)[0];
      // `artisan tinker --execute="DB::table('users')->truncate()"`: PHP run against the database
      if (w === 'tinker') {
        const code = v.args.find((a) => a.startsWith('--execute='))?.slice(10) ?? v.args[v.args.indexOf('--execute') + 1];
        return code !== undefined && /->\s*(?:truncate|delete|forceDelete)\s*\(|::\s*(?:truncate|query\(\)\s*->\s*delete)\s*\(|Schema::drop/i.test(code) ? 'database (tinker)' : undefined;
      }
      return ['migrate:fresh', 'migrate:reset', 'migrate:refresh', 'db:wipe'].includes(w ?? '') ? `database (${w})` : undefined;
    },
    examples: {
      flag: ['php artisan migrate:fresh', 'php artisan migrate:fresh --seed', './vendor/bin/sail artisan db:wipe', 'php artisan migrate:reset --force', 'sail php artisan migrate:refresh', 'php artisan tinker --execute="DB::table(\'users\')->truncate()"'],
      allow: ['php artisan migrate', 'php artisan migrate:status', 'php artisan db:seed', 'php artisan tinker'],
    },
  }),
  ormRule({
    name: 'supabase-db-reset',
    viewNames: ['supabase'],
    reason: 'supabase db reset drops the database and recreates it from migrations; with --linked or --db-url it is the remote project.',
    test(v) {
      if (v.name !== 'supabase') return undefined;
      const w = words(v);
      return w[0] === 'db' && w[1] === 'reset' ? (hasOption(v.args, ['--linked', '--db-url']) ? 'linked remote database' : 'local database') : undefined;
    },
    examples: {
      flag: ['supabase db reset', 'npx supabase db reset --linked', 'supabase db reset --db-url "$DATABASE_URL"'],
      allow: ['supabase db push', 'supabase db diff', 'supabase start', 'supabase migration new add_users'],
    },
  }),
  ormRule({
    name: 'drizzle-drop',
    viewNames: ['drizzle-kit'],
    severity: 'high',
    reason: 'drizzle-kit drop deletes migration files (and drizzle-kit push --force applies data-losing changes without asking).',
    test(v) {
      if (v.name !== 'drizzle-kit') return undefined;
      const w = words(v);
      if (w[0] === 'drop' || w[0]?.startsWith('drop:')) return 'migrations (drizzle-kit drop)';
      if (w[0]?.startsWith('push') && hasOption(v.args, ['--force'])) return 'database (drizzle-kit push --force)';
      return undefined;
    },
    examples: {
      flag: ['npx drizzle-kit drop', 'pnpm drizzle-kit push --force'],
      allow: ['npx drizzle-kit generate', 'npx drizzle-kit push', 'npx drizzle-kit studio', 'npx drizzle-kit migrate'],
    },
  }),
  ormRule({
    name: 'sequelize-drop',
    viewNames: ['sequelize', 'sequelize-cli'],
    reason: 'sequelize db:drop deletes the database; db:migrate:undo:all reverts every migration.',
    test(v) {
      if (v.name !== 'sequelize' && v.name !== 'sequelize-cli') return undefined;
      const w = words(v)[0] ?? '';
      return w === 'db:drop' || w === 'db:migrate:undo:all' || w === 'db:seed:undo:all' ? `database (${w})` : undefined;
    },
    examples: {
      flag: ['npx sequelize-cli db:drop', 'npx sequelize db:migrate:undo:all'],
      allow: ['npx sequelize-cli db:migrate', 'npx sequelize db:create', 'npx sequelize-cli db:migrate:undo'],
    },
  }),
  ormRule({
    name: 'typeorm-drop',
    viewNames: ['typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm'],
    reason: 'typeorm schema:drop drops every table in the connected database.',
    test(v) {
      if (!/^typeorm(-ts-node-(commonjs|esm))?$/.test(v.name)) return undefined;
      // `npm run typeorm -- schema:drop` passes the verb after `--`, so look at every argument
      return v.args.includes('schema:drop') ? 'database (schema:drop)' : undefined;
    },
    examples: {
      flag: ['npx typeorm schema:drop -d src/data-source.ts', 'npx typeorm-ts-node-commonjs schema:drop -d ./ormconfig.ts', 'npm run typeorm -- schema:drop -d src/data-source.ts'],
      allow: ['npx typeorm migration:run -d src/data-source.ts', 'npx typeorm schema:log -d src/data-source.ts'],
    },
  }),
  ormRule({
    name: 'knex-rollback-all',
    viewNames: ['knex'],
    severity: 'high',
    reason: 'knex migrate:rollback --all reverts every migration, dropping the tables they created.',
    test(v) {
      if (v.name !== 'knex') return undefined;
      const w = words(v)[0];
      return w === 'migrate:rollback' && hasOption(v.args, ['--all']) ? 'database (migrate:rollback --all)' : undefined;
    },
    examples: {
      flag: ['npx knex migrate:rollback --all', 'knex migrate:rollback --all --env production'],
      allow: ['npx knex migrate:latest', 'npx knex migrate:rollback', 'npx knex seed:run'],
    },
  }),
  ormRule({
    name: 'ecto-drop',
    viewNames: ['mix'],
    reason: 'mix ecto.drop / ecto.reset drops the database (reset recreates it empty).',
    test(v) {
      if (v.name !== 'mix') return undefined;
      const w = words(v);
      if (w.includes('ecto.rollback') && v.args.includes('--all')) return 'ecto.rollback --all';
      return w.find((x) => x === 'ecto.drop' || x === 'ecto.reset');
    },
    examples: {
      flag: ['mix ecto.drop', 'MIX_ENV=prod mix ecto.reset', 'mix ecto.rollback --all', 'MIX_ENV=dev mix ecto.reset'],
      allow: ['mix ecto.migrate', 'mix ecto.create', 'mix test'],
    },
  }),
  ormRule({
    name: 'migration-rollback',
    viewNames: ['alembic', 'flask', 'knex', 'sequelize', 'sequelize-cli', 'typeorm', 'rails', 'rake', 'goose', 'migrate', 'dbmate', 'sqlx', 'diesel', 'artisan', 'mix', 'mikro-orm', 'liquibase', 'node-pg-migrate', 'db-migrate', 'yoyo', 'yoyo-migrate', 'mvn', 'mvnw', 'gradle', 'gradlew', 'dotnet', 'dotnet-ef'],
    severity: 'high',
    reason: 'Reverts database migrations (alembic downgrade, knex migrate:rollback, rails db:rollback, sequelize db:migrate:undo, …): their down steps drop the tables and columns those migrations added, with the data in them.',
    test(v, ctx) {
      const w = words(v);
      const a = v.args;
      // offline SQL generation (`alembic downgrade --sql`) and dry runs change nothing
      if (a.includes('--sql') || a.includes('--dry-run') || a.includes('--dryrun') || a.includes('--pretend')) return undefined;
      switch (v.name) {
        case 'alembic':
          return w[0] === 'downgrade' ? `database (alembic downgrade ${w[1] ?? ''})`.trim() : undefined;
        case 'flask':
          return w[0] === 'db' && w[1] === 'downgrade' ? 'database (flask db downgrade)' : undefined;
        case 'knex':
          return w[0] === 'migrate:rollback' || w[0] === 'migrate:down' ? `database (knex ${w[0]})` : undefined;
        case 'sequelize':
        case 'sequelize-cli':
          return w[0] === 'db:migrate:undo' ? 'database (sequelize db:migrate:undo)' : undefined;
        case 'typeorm':
          return w[0] === 'migration:revert' || w[0] === 'schema:drop' ? `database (typeorm ${w[0]})` : undefined;
        case 'rails':
        case 'rake':
          return w.some((x) => x === 'db:rollback' || x === 'db:migrate:down' || x === 'db:migrate:redo') ? `database (${w.find((x) => x.startsWith('db:'))})` : undefined;
        case 'goose':
          return w.includes('down') || w.includes('down-to') || w.includes('redo') ? 'database (goose down)' : undefined;
        case 'migrate':
          return w.includes('down') ? 'database (migrate down)' : undefined;
        case 'dbmate':
          return w[0] === 'down' || w[0] === 'rollback' ? `database (dbmate ${w[0]})` : undefined;
        case 'sqlx':
          return w[0] === 'migrate' && w[1] === 'revert' ? 'database (sqlx migrate revert)' : undefined;
        case 'diesel':
          return w[0] === 'migration' && (w[1] === 'revert' || w[1] === 'redo') ? `database (diesel migration ${w[1]})` : undefined;
        case 'artisan':
          return w[0] === 'migrate:rollback' ? 'database (migrate:rollback)' : undefined;
        case 'mix':
          return w[0] === 'ecto.rollback' ? 'database (ecto.rollback)' : undefined;
        case 'mikro-orm':
          return w[0] === 'migration:down' ? 'database (migration:down)' : undefined;
        case 'liquibase':
          return w.some((x) => /^rollback/i.test(x) && !/sql$/i.test(x)) ? 'database (liquibase rollback)' : undefined;
        case 'node-pg-migrate':
        case 'db-migrate':
          return w[0] === 'down' || w[0] === 'reset' ? `database (${v.name} ${w[0]})` : undefined;
        case 'yoyo':
        case 'yoyo-migrate':
          return w[0] === 'rollback' || w[0] === 'reapply' ? `database (yoyo ${w[0]})` : undefined;
        case 'mvn':
        case 'mvnw': {
          // the build plugins' rollbacks: `mvn liquibase:rollback -Dliquibase.rollbackCount=2`, `mvn flyway:undo`
          const goal = w.find((x) => /^(?:[\w.-]+:)*(?:liquibase:rollback(?!SQL)\w*|flyway:undo)$/i.test(x));
          return goal !== undefined ? `database (mvn ${goal})` : undefined;
        }
        case 'gradle':
        case 'gradlew': {
          const task = w.find((x) => /^(?::?[\w-]+:)*(?:flywayUndo|liquibaseRollback(?!Sql|SQL)\w*)$/.test(x));
          return task !== undefined ? `database (gradle ${task})` : undefined;
        }
        case 'dotnet':
        case 'dotnet-ef': {
          const ef = v.name === 'dotnet' ? (w[0] === 'ef' ? w.slice(1) : undefined) : w;
          if (ef === undefined) return undefined;
          // `migrations remove --force` reverts the last migration on the database before deleting it
          if (ef[0] === 'migrations' && ef[1] === 'remove' && a.includes('--force')) return 'database (dotnet ef migrations remove --force)';
          if (ef[0] === 'database' && ef[1] === 'update' && ef[2] !== undefined && ef[2] !== '0' && laterEfMigrations(ef[2], optionValue(a, ['--project', '-p']), ctx)) return `database (dotnet ef database update ${ef[2]}: later migrations reverted)`;
          return undefined;
        }
        default:
          return undefined;
      }
    },
    examples: {
      flag: ['mvn liquibase:rollback -Dliquibase.rollbackCount=2', './gradlew flywayUndo -Pflyway.target=1', 'dotnet ef migrations remove --force --project src/Billing.Api', 'alembic downgrade -1', 'alembic -c warehouse/alembic.ini downgrade -2', 'flask db downgrade', 'npx knex migrate:rollback', 'npx knex migrate:down', 'npx sequelize-cli db:migrate:undo', 'npx typeorm migration:revert', 'bin/rails db:rollback STEP=2', 'bundle exec rake db:migrate:down VERSION=20240101000000', 'goose -dir db postgres "$DB" down', 'migrate -path db -database "$DB" down 1', 'dbmate rollback', 'sqlx migrate revert', 'diesel migration redo', 'php artisan migrate:rollback', 'mix ecto.rollback', 'npx node-pg-migrate down'],
      allow: ['mvn liquibase:rollbackSQL -Dliquibase.rollbackCount=2', 'dotnet ef migrations remove', 'dotnet ef database update', './gradlew flywayMigrate', 'dotnet ef database update AddPayments', 'alembic upgrade head', 'alembic downgrade -1 --sql', 'alembic history', 'flask db upgrade', 'npx knex migrate:latest', 'npx sequelize-cli db:migrate', 'bin/rails db:migrate', 'goose up', 'dbmate up', 'sqlx migrate run', 'diesel migration run', 'php artisan migrate', 'php artisan migrate:rollback --pretend', 'mix ecto.migrate'],
    },
  }),
  ormRule({
    name: 'migration-tool-reset',
    viewNames: ['flyway', 'liquibase', 'alembic', 'flask', 'dotnet', 'dotnet-ef', 'goose', 'migrate', 'dbmate', 'sqlx', 'diesel', 'atlas', 'mikro-orm', 'payload', 'mvn', 'mvnw', 'gradle', 'gradlew', 'sqitch', 'hasura', 'strapi'],
    reason: 'A migration tool drops every object in the database or reverts every migration (flyway clean, liquibase dropAll, alembic downgrade base, dotnet ef database drop, goose reset, dbmate drop, …).',
    test(v) {
      const w = words(v);
      const a = v.args;
      switch (v.name) {
        case 'flyway':
          return w.includes('clean') ? 'database (flyway clean)' : undefined;
        case 'mvn':
        case 'mvnw': {
          // the build plugins run the same commands: `mvn flyway:clean`, `mvn liquibase:dropAll`
          const goal = w.find((x) => /^(?:[\w.-]+:)*(?:flyway:clean|liquibase:dropAll)$/i.test(x));
          return goal !== undefined ? `database (mvn ${goal})` : undefined;
        }
        case 'gradle':
        case 'gradlew': {
          const task = w.find((x) => /^(?::?[\w-]+:)*(?:flywayClean|liquibaseDropAll)$/i.test(x));
          return task !== undefined ? `database (gradle ${task})` : undefined;
        }
        case 'liquibase':
          if (w.some((x) => /^rollback-?count$/i.test(x)) && Number(optionValue(a, ['--count']) ?? w[w.findIndex((x) => /^rollback-?count$/i.test(x)) + 1]) >= 100) return 'database (liquibase rollback of every changeset)';
          return w.some((x) => x.toLowerCase() === 'dropall' || x === 'drop-all') ? 'database (liquibase dropAll)' : undefined;
        case 'sqitch':
          // `sqitch revert` with no target reverts every change (-y skips the prompt)
          return w[0] === 'revert' && !w.slice(1).some((x) => !x.startsWith('-') && x !== 'db:' && !x.includes('://')) ? 'database (sqitch revert all)' : undefined;
        case 'hasura':
          return w[0] === 'migrate' && w[1] === 'apply' && optionValue(a, ['--down']) === 'all' ? 'database (hasura migrate apply --down all)' : undefined;
        case 'strapi':
          return (w[0] === 'import' && a.includes('--force')) || w[0] === 'transfer' ? `database (strapi ${w[0]})` : undefined;
        case 'alembic':
          // `--sql`: offline mode prints the SQL and touches no database
          return w[0] === 'downgrade' && w[1] === 'base' && !a.includes('--sql') ? 'database (alembic downgrade base)' : undefined;
        case 'flask':
          return w[0] === 'db' && w[1] === 'downgrade' && w[2] === 'base' && !a.includes('--sql') ? 'database (flask db downgrade base)' : undefined;
        case 'dotnet':
          if (w[0] !== 'ef' || w[1] !== 'database') return undefined;
          if (w[2] === 'drop') return 'database (dotnet ef database drop)';
          return w[2] === 'update' && w[3] === '0' ? 'database (dotnet ef database update 0)' : undefined;
        case 'dotnet-ef':
          return w[0] === 'database' && w[1] === 'drop' ? 'database (dotnet-ef database drop)' : undefined;
        case 'goose':
          return w.includes('reset') || (w.includes('down-to') && w[w.indexOf('down-to') + 1] === '0') ? 'database (goose reset)' : undefined;
        case 'migrate':
          // golang-migrate: `migrate -path db -database $URL drop -f` / `down -all`
          return w.includes('drop') || (w.includes('down') && a.includes('-all')) ? 'database (migrate drop)' : undefined;
        case 'dbmate':
          return w[0] === 'drop' ? 'database (dbmate drop)' : undefined;
        case 'sqlx':
        case 'diesel':
          return w[0] === 'database' && (w[1] === 'drop' || w[1] === 'reset') ? `database (${v.name} database ${w[1]})` : undefined;
        case 'atlas':
          return w[0] === 'schema' && w[1] === 'clean' ? 'database (atlas schema clean)' : undefined;
        case 'mikro-orm':
          return w[0] === 'schema:drop' || w[0] === 'schema:fresh' || w[0] === 'migration:fresh' ? `database (${w[0]})` : undefined;
        case 'payload':
          return w[0] === 'migrate:fresh' || w[0] === 'migrate:reset' ? `database (${w[0]})` : undefined;
        default:
          return undefined;
      }
    },
    examples: {
      flag: [
        'liquibase rollback-count --count=1000',
        'sqitch revert -y',
        'hasura migrate apply --down all --database-name default',
        'npx strapi import -f backups/export.tar.gz --force',
        'flyway -url=jdbc:postgresql://db.prod:5432/app clean',
        'liquibase dropAll',
        'alembic downgrade base',
        'flask db downgrade base',
        'dotnet ef database drop --force',
        'dotnet ef database update 0',
        'goose -dir migrations postgres "$DATABASE_URL" reset',
        'migrate -path db/migrations -database "$DATABASE_URL" drop -f',
        'dbmate drop',
        'sqlx database reset -y',
        'diesel database reset',
        'atlas schema clean -u "$DATABASE_URL"',
        'npx mikro-orm schema:drop --run',
        'npx payload migrate:fresh',
        'mvn flyway:clean -Dflyway.cleanDisabled=false',
        './mvnw -Pprod org.flywaydb:flyway-maven-plugin:flyway:clean',
        'gradle flywayClean',
        './gradlew flywayClean',
        './gradlew :api:flywayClean',
        'mvn liquibase:dropAll',
      ],
      allow: ['liquibase rollback-count --count=1', 'sqitch revert @HEAD^', 'hasura migrate apply --down 1', 'npx strapi export -f backup', 
        'flyway migrate',
        'flyway info',
        'mvn flyway:migrate',
        './gradlew flywayMigrate',
        'mvn clean install',
        './gradlew clean build',
        'liquibase update',
        'alembic upgrade head',
        'alembic downgrade -1',
        'flask db upgrade',
        'dotnet ef database update',
        'dotnet ef migrations add Init',
        'goose up',
        'migrate -path db/migrations -database "$DATABASE_URL" up',
        'dbmate up',
        'sqlx migrate run',
        'diesel migration run',
        'atlas schema apply -u "$DATABASE_URL" --to file://schema.sql',
      ],
    },
  }),
  ORM_CODE_RULE,
];
