// airlock:fixture (the examples below are fake credentials that only match the formats)
// Credentials recognisable only by where they sit: a UUID or opaque value under a key, variable,
// section or file named for a platform's token (the incident's Railway token was a bare UUID in an
// unrelated JSON file), plus any high-entropy literal under a secret-named key.
import type { Severity } from '../action';
import type { Assignment, Platform } from './assignments';
import { regexMatcher } from './kit';
import type { MatchInput, RawMatch, SecretDetector } from './types';
import { isPlausiblePassword, isPlausibleToken } from './values';

const plausible = (a: Assignment): boolean =>
  a.kind === 'password' ? isPlausiblePassword(a.value) : isPlausibleToken(a.value);

/** The vendor prefix of a format match (`vcp_`, `HRKU-`, `cfat_`): up to its first `_` or `-`. */
function vendorPrefixLength(value: string): number {
  const i = value.search(/[_-]/);
  return i < 0 ? 0 : i + 1;
}

function contextMatcher(platform: Platform, formats: RegExp[] = [], bareFormats = false): (input: MatchInput) => RawMatch[] {
  const formatMatchers = formats.map((re) => regexMatcher(re));
  // A vendor-prefixed format is judged as a format (filler and markers rejected), not as a free value.
  const asFormat = (m: RawMatch): RawMatch =>
    bareFormats ? m : { ...m, check: { placeholderCheck: 'format', prefixLength: vendorPrefixLength(m.value) } };
  return (input) => [
    ...formatMatchers.flatMap((f) => f(input).map(asFormat)),
    ...input
      .assignments()
      .filter((a) => a.platform === platform && plausible(a))
      .map((a) => ({ index: a.index, value: a.value })),
  ];
}

interface PlatformSpec {
  platform: Platform;
  id: string;
  name: string;
  does: string;
  severity?: Severity;
  /** Formats the platform's own tokens carry, when they have one. */
  formats?: RegExp[];
  formatKeywords?: string[];
  /** The formats are bare values found by position (Twilio's 32-hex token), not vendor-prefixed. */
  bareFormats?: boolean;
  flag: string[];
  allow: string[];
}

const PLATFORM_SPECS: PlatformSpec[] = [
  {
    platform: 'railway',
    id: 'railway-token',
    name: 'Railway',
    does: 'deletes services, volumes and their backups through the Railway API',
    flag: [
      '{"deploy": {"railwayToken": "a1f0c4e2-7b3d-4c8e-9f1a-692f09e2e8c6"}}',
      'RAILWAY_TOKEN=62248b48-3b7f-4fc0-a50f-ec94dbca3a0a',
      '{\n  "railway": {\n    "token": "ac36098b-2cc2-4bd8-a183-19478da6bd0c"\n  }\n}',
      '{"railway": {"key": "71948d33-296c-4870-a09e-8a7f770d9106"}}',
    ],
    allow: ['RAILWAY_TOKEN=${{ secrets.RAILWAY_TOKEN }}', '{"railwayProjectId": "a1f0c4e2-7b3d-4c8e-9f1a-692f09e2e8c6"}'],
  },
  {
    platform: 'heroku',
    id: 'heroku-api-key',
    name: 'Heroku',
    does: 'controls every app, add-on and database on the Heroku account',
    formats: [/\b(HRKU-[A-Za-z0-9_-]{40,})(?![A-Za-z0-9_-])/g],
    formatKeywords: ['hrku-'],
    flag: ['HEROKU_API_KEY=621de49f-145f-4da9-a988-c79fc35526f7', 'key: HRKU-AirlockFakeie9Pu2njHkAm1-5wDr16EpLLJIVGHz4FxFEtKyPiYGFDm7ena'],
    allow: ['HEROKU_APP_NAME=airlock-staging', 'HEROKU_API_KEY=$HEROKU_API_KEY'],
  },
  {
    platform: 'vercel',
    id: 'vercel-token',
    name: 'Vercel',
    does: 'deploys, deletes projects and reads environment variables on Vercel',
    // Vercel's prefixed tokens (personal, integration, app, refresh, API key).
    formats: [/\b(vc[pirak]_[A-Za-z0-9]{24,})(?![A-Za-z0-9_-])/g],
    formatKeywords: ['vcp_', 'vci_', 'vcr_', 'vca_', 'vck_'],
    // Prefixed examples are joined at load time, so the bundle holds no token-shaped literal.
    flag: [
      'VERCEL_TOKEN=AirlockFake8NFNl5oFA6Qd8',
      '{"vercel": {"authToken": "AirlockFake8NFNl5oFA6Qd8"}}',
      `deploy --token ${['vcp', 'AirlockFakeT7kQ2mZ9xW4bN1cR8vL3pD6'].join('_')}`,
      // A body a person typed (counting runs) is still reported: the prefix and length are the evidence.
      ['vci', 'aBcDeFgHiJkLmNoPqRsT1234567890abcdefghij'].join('_'),
    ],
    allow: [
      'VERCEL_ORG_ID=team_AirlockFake8NFNl5oFA6Qd8',
      'VERCEL_TOKEN=<your vercel token>',
      ['vcp', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'].join('_'),
      'the vcp_ prefix marks personal tokens',
    ],
  },
  {
    platform: 'fly',
    id: 'fly-token',
    name: 'Fly.io',
    does: 'deploys and destroys Fly.io apps and volumes',
    formats: [/\b((?:fo1|fm1[ar]|fm2)_[A-Za-z0-9_+/=-]{32,})/g],
    formatKeywords: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
    flag: ['FLY_API_TOKEN=fo1_AirlockFakepAWTN3lg8zV5yPU8d0FZfWe7ihGyiRUI', 'fly_token: "AirlockFake-1kGD2VD-eR1UYzaLiA"'],
    allow: ['FLY_APP=airlock-api', 'FLY_API_TOKEN: ${{ secrets.FLY_API_TOKEN }}'],
  },
  {
    platform: 'supabase',
    id: 'supabase-key',
    name: 'Supabase',
    does: 'bypasses row-level security or manages the Supabase project',
    formats: [/\b(sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g],
    formatKeywords: ['sbp_', 'sb_secret_'],
    flag: ['SUPABASE_ACCESS_TOKEN=sbp_a1fa4ea18a8902073fec8df4f50947aaeb26c57d', 'SUPABASE_SERVICE_ROLE_KEY=AirlockFakeE40o1C6xc4sohdmM0Lm7e'],
    allow: ['SUPABASE_URL=https://airlockfake.supabase.co', 'SUPABASE_ANON_KEY=AirlockFakeE40o1C6xc4sohdmM0Lm7e'],
  },
  {
    platform: 'netlify',
    id: 'netlify-token',
    name: 'Netlify',
    does: 'deploys and deletes Netlify sites',
    formats: [/\b(nfp_[A-Za-z0-9]{36,})(?![A-Za-z0-9_-])/g],
    formatKeywords: ['nfp_'],
    flag: ['NETLIFY_AUTH_TOKEN=nfp_AirlockFakeMj7zdnbMjAdTdlzC5T4uUhf7kvmlP', 'netlify_token = "AirlockFakeE40o1C6xc4sohdmM0Lm7e"'],
    allow: ['NETLIFY_SITE_ID=eaed4672-5a2a-47b8-a60d-cd6c8a1f8b46', 'NETLIFY_AUTH_TOKEN=changeme'],
  },
  {
    platform: 'render',
    id: 'render-api-key',
    name: 'Render',
    does: 'deploys and deletes Render services and databases',
    formats: [/\b(rnd_[A-Za-z0-9]{28,})(?![A-Za-z0-9_-])/g],
    formatKeywords: ['rnd_'],
    flag: ['RENDER_API_KEY=rnd_AirlockFake7HVDctQUy1xvCkgafrfwA'],
    allow: ['RENDER_SERVICE_ID=srv-airlockfake123', 'RENDER_API_KEY=your-render-api-key'],
  },
  {
    platform: 'cloudflare',
    id: 'cloudflare-api-token',
    name: 'Cloudflare',
    does: 'changes DNS, Workers and storage on the Cloudflare account',
    // Cloudflare's scannable formats: global API key, user and account API tokens, 40 characters and an
    // 8-hex checksum (https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/).
    formats: [/(?<![A-Za-z0-9])((?:cfk|cfut|cfat)_[A-Za-z0-9]{40}[a-f0-9]{8})(?![A-Za-z0-9_-])/g],
    formatKeywords: ['cfk_', 'cfut_', 'cfat_'],
    flag: [
      'CLOUDFLARE_API_TOKEN=AirlockFake-1kGD2VD-eR1UYzaLiA-zNyD7CHLn',
      'CF_API_TOKEN: "AirlockFake-1kGD2VD-eR1UYzaLiA-zNyD7CHLn"',
      `TOKEN=${['cfut', 'AirlockFakeQ7mX2kP9vW4zR1nB8cL3tJ6hD5sYf0a1b2c3d'].join('_')}`,
      `curl -H "X-Auth-Key: ${['cfk', 'AirlockFakeM3nB7vC1xZ9lK5jH2gF8dS4aQ6wEr9e8d7c6b'].join('_')}"`,
    ],
    allow: [
      'CLOUDFLARE_ACCOUNT_ID=287cced9041d4ff0a2cee737443e2104',
      'CF_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      ['cfat', 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'].join('_'),
      'new tokens start with cfut_ or cfat_',
    ],
  },
  {
    platform: 'twilio',
    id: 'twilio-auth-token',
    name: 'Twilio',
    does: 'sends messages and calls on the Twilio account',
    // Positional use: an account SID followed closely by a 32-hex auth token (`twilio(sid, token)`).
    formats: [/\bAC[0-9a-f]{32}\b[\s\S]{0,160}?(?<![0-9A-Za-z])([0-9a-f]{32})(?![0-9A-Za-z])/g],
    bareFormats: true,
    flag: [
      'TWILIO_AUTH_TOKEN=a1fa4e3dfc967a64cb14028d512c9791',
      "const client = require('twilio')('ACa1fa4e4173581569969e58b081006f7e', 'a1fa4e3dfc967a64cb14028d512c9791');",
    ],
    allow: ['TWILIO_ACCOUNT_SID=ACa1fa4e4173581569969e58b081006f7e', 'TWILIO_AUTH_TOKEN=your_auth_token'],
  },
];

function platformDetector(spec: PlatformSpec): SecretDetector {
  return {
    id: spec.id,
    reason: `A ${spec.name} credential (found by its name or its place in the file) ${spec.does}.`,
    severity: spec.severity ?? 'critical',
    // The platform's name must appear somewhere (key, section or file name), or the token format itself.
    keywords: [spec.platform, ...(spec.platform === 'cloudflare' ? ['cf_', 'cf-', 'wrangler'] : []), ...(spec.formatKeywords ?? [])],
    match: contextMatcher(spec.platform, spec.formats, spec.bareFormats),
    examples: { flag: spec.flag, allow: spec.allow },
  };
}

/** The key names an AWS secret access key (`aws_secret_access_key`, `secretAccessKey`, `AWS_SECRET`). */
const namesAwsSecretKey = (a: Assignment): boolean =>
  a.words.includes('secret') && (a.platform === 'aws' || (a.words.includes('access') && a.words.includes('key')));
/** AWS secret access keys are exactly 40 base64 characters; anything else under that name is not one. */
const AWS_SECRET_RE = /^[A-Za-z0-9/+]{40}$/;

/**
 * A credential stated in prose (a commit message, a tag note, a TODO): `the temporary password on the new instance
 * is <value>`, `rotated the app key, new key <40 hex>`. The name, a few words, a verb, then a value that reads as
 * random (letters and digits, plausible under that name).
 */
const PROSE_STATED = /\b(pass(?:word|wd|phrase)|pwd|secret|token|(?:api|app|access|secret|private|auth|signing|deploy)[ _-]?key)\b((?:(?:[ \t]+|[ \t]*\n[ \t]*)[\w.'()/-]+){0,8}?)(?:[ \t]+|[ \t]*\n[ \t]*)(?:is|was|now|set to)[ \t]+["'`]?([^\s"'`,;<>()]{10,})/gi;
const PROSE_NAMED = /\b(?:new|rotated|current|the)[ \t]+(?:(?:api|app|access|deploy)[ \t]+)?(key|token|secret)[ \t]+["'`]?([0-9a-f]{32,64}|[A-Za-z0-9_-]{32,})\b/gi;

function proseCredentials(input: MatchInput): RawMatch[] {
  const out: RawMatch[] = [];
  const judge = (name: string, value: string, index: number): void => {
    const v = value.replace(/[.:!?]+$/, '');
    // (an identifier, `utf8_to_utf16_dup`, is code: `=` and `:` forms are the assignment detectors' anyway)
    if (!/\d/.test(v) || !/[A-Za-z]/.test(v) || /^[A-Za-z_$][\w$]*_[\w$]*$/.test(v)) return;
    if (!(/pass|pwd/i.test(name) ? isPlausiblePassword(v) && v.length >= 12 : isPlausibleToken(v))) return;
    out.push({ index, value: v });
  };
  for (const m of input.text.matchAll(PROSE_STATED)) judge(m[1]!, m[3]!, m.index! + m[0].length - m[3]!.length);
  for (const m of input.text.matchAll(PROSE_NAMED)) judge(m[1]!, m[2]!, m.index! + m[0].length - m[2]!.length);
  return out;
}

export const CONTEXT_DETECTORS: SecretDetector[] = [
  ...PLATFORM_SPECS.map(platformDetector),
  {
    id: 'prose-credential',
    reason: 'A password, key or token stated in prose (a commit or tag message, a note): anyone reading it can use it.',
    severity: 'medium',
    keywords: ['pass', 'pwd', 'secret', 'token', 'key'],
    match: proseCredentials,
    examples: {
      flag: [
        'Cutover on Friday: the temporary billing_admin password on the new RDS\ninstance is qW7rTz2LpX9mKd4Vb until rotation.',
        'Deploy note: rotated Datadog app key for dashboards, new key 3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e2b4d6f1a',
        'The staging API token is now AirlockFake7Hq2Zx9Lm4Rt8Wp3.',
      ],
      allow: [
        'The password is stored in Vault under secret/app.',
        'Rotate the API key when someone leaves; the new key is in 1Password.',
        'token: see the CI settings page',
        'Fix the password reset flow; the token is now validated before use.',
        'Bump the cache key to v2-2024-06-10-release.',
        'The password must be at least 12 characters long.',
        '} else if (!strcmp(buf, "password"))\n\tpassword = utf8_to_utf16_dup(v);',
        'the token is refresh_token_v2_2024 in the response',
      ],
    },
  },
  {
    id: 'aws-secret-access-key',
    reason: 'An AWS secret access key; with its key id it controls the AWS account.',
    severity: 'critical',
    keywords: ['secret'],
    match: (input) =>
      input
        .assignments()
        .filter((a) => namesAwsSecretKey(a) && AWS_SECRET_RE.test(a.value) && isPlausibleToken(a.value))
        .map((a) => ({ index: a.index, value: a.value })),
    examples: {
      flag: [
        'aws_secret_access_key = AirlockFakePFeNBTxaQWk8JzFalHlsZfYcMMDkt',
        '{"secretAccessKey": "AirlockFakePFeNBTxaQWk8JzFalHlsZfYcMMDkt"}',
        // The documented example with its end edited is no longer the documented example.
        'AWS_SECRET_ACCESS_KEY = wJalrXUtnFEMI/K7MDENG/bPxRfiCYAIRLOCKKEY',
      ],
      allow: [
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
        'AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}',
        // Not 40 characters, so not an AWS secret key (here a KMS-encrypted blob), nor a generic secret.
        'AWS_SECRET_ACCESS_KEY = AirlockFakeKmsBlob9Qw2Lp7Zx4Vb1Nc8Rt5Yh3Jd6Gf0Ss+Ee/Uu==',
      ],
    },
  },
  {
    id: 'generic-password',
    reason: 'A literal password under a password-named key; anyone reading the file can log in with it.',
    severity: 'medium',
    keywords: ['passw', 'pwd', 'pass', 'passphrase'],
    placeholderCheck: 'password',
    match: (input) =>
      input
        .assignments()
        .filter((a) => a.kind === 'password' && isPlausiblePassword(a.value))
        .map((a) => ({ index: a.index, value: a.value })),
    examples: {
      flag: [
        'DB_PASSWORD=Airl0ck-Fake-xG3lCM!',
        '  password: "Airl0ck-Fake-xG3lCM!"',
        "smtp_pass = 'Fake#Mail2Airlock'",
        'PGPASSWORD=Fake2Pg9Airlock',
        'Server=tcp:db.corp;Database=app;User ID=admin;Password=Fake#Pass123;',
        '<password>Fake#Xml2Airlock</password>',
        // Common words, composed the way password rules ask: a password someone set.
        'DB_PASSWORD=dunesR0ckLight42',
        'db_pass = "s7ormW4tchNight"',
        // a generated password of letters in random case (Android's key.properties)
        'storePassword=qTxWvKbrZ-hNmPdLa',
        'keyPassword=FkRtpQxzW-bvNLmhS',
      ],
      allow: [
        'storePassword=getStorePasswordFromEnv',
        'keyPassword=readKeyPasswordHere',
        'password: ${DB_PASSWORD}',
        'DB_PASSWORD=changeme',
        'password = os.environ["DB_PASSWORD"]',
        'const password = process.env.DB_PASSWORD;',
        'password: string;',
        '"password_field": "user-password-input"',
        'password: "testpassword123"',
        'password: "P@ssw0rd1234"',
        'DB_PASSWORD=MyPassword2024',
        'if (password === confirmPassword) {',
        'hashed_password: "$2b$12$AirlockFakeBcryptHashValue0123456789abcdefghijklmn"',
        'token?: string;',
        'password: Optional[str] = None',
      ],
    },
  },
  {
    id: 'generic-secret',
    reason: 'A high-entropy literal under a secret-named key (token, secret, api key); it looks like a live credential.',
    severity: 'high',
    keywords: ['token', 'secret', 'key', 'auth', 'credential', 'bearer'],
    match: (input) =>
      input
        .assignments()
        // A value under an AWS secret key's name that is not 40 characters is no AWS key (and no other).
        .filter((a) => a.kind === 'token' && isPlausibleToken(a.value) && !(namesAwsSecretKey(a) && !AWS_SECRET_RE.test(a.value)))
        .map((a) => ({ index: a.index, value: a.value })),
    examples: {
      flag: [
        '{"apiToken": "71948d33-296c-4870-a09e-8a7f770d9106"}',
        'export API_SECRET="AirlockFakeE40o1C6xc4sohdmM0Lm7e"',
        'client_secret: AirlockFakeE40o1C6xc4sohdmM0Lm7e',
        'curl -H "Authorization: Bearer AirlockFakeE40o1C6xc4sohdmM0Lm7e" https://api.internal',
        '{"auths": {"registry.corp": {"auth": "ZGVwbG95OkFpcmxvY2tGYWtlUGFzczk="}}}',
      ],
      allow: [
        '{"requestId": "71948d33-296c-4870-a09e-8a7f770d9106"}',
        '{"id": "71948d33-296c-4870-a09e-8a7f770d9106", "uuid": "287cced9-041d-4ff0-a2ce-e737443e2104"}',
        'apiToken: process.env.API_TOKEN',
        'token = os.environ["API_TOKEN"]',
        '"integrity": "sha512-AirlockFakeE40o1C6xc4sohdmM0Lm7eAirlockFakeE40o1C6xc4sohdmM0Lm7e=="',
        'commit: 4b825dc642cb6eb9a060e54bf8d69288fbee4904',
        'API_TOKEN=your-api-token-here',
        'secret_name: projects/airlock/secrets/db-password/versions/latest',
        'max_tokens: 4096',
        'csrfToken: "AirlockFakeE40o1C6xc4sohdmM0Lm7e"',
        'tokenUrl: "https://auth.example.com/oauth/token"',
        '{"key": "71948d33-296c-4870-a09e-8a7f770d9106"}',
      ],
    },
  },
];
