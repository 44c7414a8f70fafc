// Guesses which environment a command or target points at, from host names, --env/-e flags,
// RAILS_ENV/NODE_ENV-style variables, URLs and loopback addresses. When several appear, the most
// dangerous wins (production > staging > local), because the modal should warn about the worst case.
import type { Environment } from './action';

const PRODUCTION = new Set(['prod', 'production', 'prd', 'live']);
const STAGING = new Set(['staging', 'stage', 'stg', 'preprod', 'uat', 'qa', 'preview', 'sandbox']);
const LOCAL = new Set(['localhost', 'local', 'dev', 'development', 'test', 'testing', 'docker', 'devcontainer']);
const LOOPBACK = /(^|[^0-9.])(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0)([^0-9.]|$)|\[::1\]|host\.docker\.internal/;
const ENV_NAME_VARIABLES = /\b(?:RAILS_ENV|RACK_ENV|NODE_ENV|APP_ENV|ENVIRONMENT|ENV|MIX_ENV|FLASK_ENV|DJANGO_ENV|STAGE|DEPLOY_ENV|ASPNETCORE_ENVIRONMENT)=["']?([A-Za-z0-9_-]+)/g;

const HINT = /prod|prd|live|stag|stg|uat|qa|preview|sandbox|local|dev|test|docker|127\.|0\.0\.0\.0|::1|ENV|STAGE/i;

const RANK: Record<Environment, number> = { unknown: 0, local: 1, staging: 2, production: 3 };

/** The more dangerous of two guesses (production > staging > local > unknown). */
export function worseEnvironment(a: Environment, b: Environment): Environment {
  return RANK[a] >= RANK[b] ? a : b;
}
const worse = worseEnvironment;

function classifyToken(token: string): Environment {
  const t = token.toLowerCase();
  if (PRODUCTION.has(t)) return 'production';
  if (STAGING.has(t)) return 'staging';
  if (LOCAL.has(t)) return 'local';
  return 'unknown';
}

/**
 * Looks at words as a person reading the command would: `prod` inside `product` does not count,
 * `myapp-prod.example.com` and `--env=production` do.
 */
export function guessEnvironment(input: string | readonly string[]): Environment {
  const text = typeof input === 'string' ? input : input.join(' ');
  if (text.length === 0) return 'unknown';
  // Bounded work on huge inputs: the interesting words are near the start of a command.
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  // Most commands name no environment at all: one scan for any hint before tokenising.
  if (!HINT.test(sample)) return 'unknown';
  let env: Environment = 'unknown';
  for (const m of sample.matchAll(ENV_NAME_VARIABLES)) env = worse(env, classifyToken(m[1]));
  for (const token of sample.split(/[^A-Za-z0-9]+/)) {
    if (token.length === 0 || token.length > 16) continue;
    env = worse(env, classifyToken(token));
    if (env === 'production') return env;
  }
  if (env === 'unknown' && LOOPBACK.test(sample)) env = 'local';
  return env;
}
