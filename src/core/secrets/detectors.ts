// airlock:fixture (the examples below are fake credentials that only match the formats)
// Credentials recognisable by their format. Each detector is one object: id, reason, severity,
// prefilter keywords, matcher, and its own examples, which test/unit/core/secrets runs.
// Order matters: when two detectors match overlapping text the earlier, more specific one wins.
import { githubChecksumValid, withGithubChecksum } from './checksums';
import { regexMatcher } from './kit';
import { fake, inShapes } from './samples';
import { isPasswordPlaceholder, isUrlPasswordPlaceholder } from './placeholders';
import type { MatchInput, RawMatch, SecretDetector } from './types';

/** `scheme://user:password@host` outside database schemes (those are database-url-password's). */
const URL_PASSWORD = /\b(?:https?|ftps?|sftp|ssh|git|smtps?|ldaps?|wss?|svn|rtsp):\/\/([^:\s/@"'`<>]{1,64}):(?<secret>[^@\s"'`/<>]{1,128})@[A-Za-z0-9.-]+/g;

function urlPasswordMatches(input: MatchInput): { m: RawMatch; user: string }[] {
  const out: { m: RawMatch; user: string }[] = [];
  const re = new RegExp(URL_PASSWORD.source, 'gd');
  for (let m = re.exec(input.text); m; m = re.exec(input.text)) {
    const span = m.indices?.groups?.['secret'];
    if (span) out.push({ m: { index: span[0], value: m.groups!['secret']! }, user: m[1] ?? '' });
  }
  return out;
}

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))) as unknown;
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JWT's header is base64url JSON naming an algorithm; anything else with three dots is not a JWT.
 * Supabase anon keys are JWTs meant to ship in browsers, so `"role": "anon"` is not a secret.
 */
function isSecretJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  if (typeof decodeJsonPart(header ?? '')?.['alg'] !== 'string') return false;
  return decodeJsonPart(payload ?? '')?.['role'] !== 'anon';
}

const END = '(?![A-Za-z0-9_-])';

const classicGithubToken = regexMatcher(new RegExp(String.raw`\b(gh[pousr]_[A-Za-z0-9]{36,251})${END}`, 'g'));
/** GitHub App installation tokens in the newer shape: `ghs_<installation id>_<JWT>`. */
const installationJwtToken = regexMatcher(
  new RegExp(String.raw`\b(ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})${END}`, 'g'),
  (v) => isSecretJwt(v.slice(v.indexOf('_eyJ') + 1)),
);

function base64Url(json: object): string {
  return btoa(JSON.stringify(json)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const FORMAT_DETECTORS: SecretDetector[] = [
  {
    id: 'gcp-service-account',
    reason: 'A Google Cloud service-account key file acts on the project as that service account.',
    severity: 'critical',
    keywords: ['service_account'],
    placeholderCheck: 'markers',
    match: regexMatcher(/"private_key"\s*:\s*"([^"]{40,})"/g, (_v, _m, text) => /"type"\s*:\s*"service_account"/.test(text)),
    examples: {
      flag: [
        '{\n  "type": "service_account",\n  "project_id": "airlock-fake",\n  "private_key_id": "0123456789abcdef",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAAairlockFake0123456789\\nQWlybG9ja0Zha2VLZXlOb3RSZWFsMDEyMzQ1Njc4OQ==\\n-----END PRIVATE KEY-----\\n"\n}',
      ],
      allow: ['{"type": "service_account", "private_key": "<paste the key here, it is long enough>"}', '{"type": "authorized_user"}'],
    },
  },
  {
    id: 'private-key',
    reason: 'A private key (PEM or OpenSSH) lets anyone holding it sign or decrypt as its owner.',
    severity: 'critical',
    keywords: ['private key'],
    placeholderCheck: 'markers',
    match: regexMatcher(
      /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----(?:\\[rn]|\s)*(?:[A-Za-z-]+: [^\n\\]*(?:\\[rn]|\s)+){0,4}[A-Za-z0-9+/=]{20,}(?:(?:\\[rn]|\s)*[A-Za-z0-9+/=]{4,})*/g,
      // The smallest real keys (Ed25519 in PKCS#8) hold 64+ base64 characters; less is a placeholder.
      (v) => (v.replace(/-----[^-]+-----/g, '').replace(/\\[rn]/g, '').match(/[A-Za-z0-9+/]/g) ?? []).length >= 48,
    ),
    examples: {
      flag: [
        '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAirlockFakeKeyBodyOnlyForTests0123456789abcdefABCD\nQ2VydGFpbmx5Tm90QVJlYWxLZXlBaXJsb2NrRmFrZTAxMjM0NTY3ODk=\n-----END RSA PRIVATE KEY-----',
        '"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAAairlockFake0123456789\\nQWlybG9ja0Zha2VLZXlOb3RSZWFsMDEyMzQ1Njc4OQ==\\n-----END PRIVATE KEY-----\\n"',
        '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACAirlockFakeOpenSshKeyBody0123456789abcdefghAAAA\n-----END OPENSSH PRIVATE KEY-----',
      ],
      allow: [
        'Keys start with -----BEGIN PRIVATE KEY----- and end with -----END PRIVATE KEY-----.',
        '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAairlockFake\nQWlybG9ja0Zha2VLZXlOb3RSZWFsMDEyMzQ1Njc4OQ==\n-----END PUBLIC KEY-----',
      ],
    },
  },
  {
    id: 'putty-private-key',
    reason: 'A PuTTY private key file grants SSH access as its owner.',
    severity: 'critical',
    keywords: ['putty-user-key-file'],
    placeholderCheck: 'markers',
    match: regexMatcher(/PuTTY-User-Key-File-[23]: [^\n]+\n[\s\S]{0,2000}?Private-Lines: \d+\r?\n([A-Za-z0-9+/=]{16,})/g),
    examples: {
      flag: [
        'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: airlock-fake\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIAirlockFake\nQWlybG9ja0Zha2U=\nPrivate-Lines: 1\nAAAAIAirlockFakePuttyPrivateBody0123456789ab\nPrivate-MAC: 0123456789abcdef',
      ],
      allow: ['Convert your PuTTY-User-Key-File-3 with puttygen before use.'],
    },
  },
  {
    id: 'aws-access-key-id',
    reason: 'An AWS access key id; with its secret key it controls the AWS account.',
    severity: 'high',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    prefixLength: 4,
    // Standalone only (not inside a base64 blob); mixed case is accepted because hand-made fakes use it.
    match: regexMatcher(/(?<![A-Za-z0-9+/])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Za-z0-9]{16})(?![A-Za-z0-9+/=])/g),
    examples: {
      flag: [
        'aws_access_key_id = AKIAAIRLOCKFAKE3LKR2',
        '{"accessKeyId":"ASIAAIRLOCKFAKEAQXV9"}',
        // Begins like AWS's documented example, ends otherwise: only the documented value itself is one.
        'This is AWS Access Key ID: AKIAIOSFODNN7AIRLOCK',
      ],
      allow: ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE', 'AKIAXXXXXXXXXXXXXXXX', 'const id = "AKIA"'],
    },
  },
  {
    id: 'github-token',
    reason: 'A GitHub token (personal, OAuth, app, server-to-server or refresh) acts on repositories as its owner.',
    severity: 'critical',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    prefixLength: 4,
    // The last 6 characters are a CRC32 of the 30 before them: a token whose checksum holds is real
    // whatever it looks like; one whose checksum fails must also pass the placeholder checks.
    proves: githubChecksumValid,
    // The JWT shape has no CRC: its body is judged as a vendor format (markers and filler only).
    match: (input) => [
      ...classicGithubToken(input),
      ...installationJwtToken(input).map((m) => ({ ...m, check: { placeholderCheck: 'format' as const, prefixLength: 4 } })),
    ],
    get examples() {
      const jwtBody = `${base64Url({ alg: 'RS256', typ: 'JWT' })}.${base64Url({ iat: 1745568000, exp: 1745568360, iss: '12345', sub: 'airlock-fake' })}`;
      return {
        flag: [
          `GITHUB_TOKEN=ghs_12345_${jwtBody}.${fake('ghs-jwt', ['url', 342])}`,
          ...inShapes('GITHUB_TOKEN', withGithubChecksum('ghp_', fake('ghp', ['alnum', 30]))),
          `token: ${withGithubChecksum('gho_', fake('gho', ['alnum', 30]))}`,
          `"${withGithubChecksum('ghs_', fake('ghs', ['alnum', 30]))}"`,
          // Letters only, and a body a person might have typed, yet the checksum holds.
          `GH_TOKEN=${withGithubChecksum('ghu_', 'AbAbAbAbAbAbAbAbAbAbAbAbAbAbAb')}`,
        ],
        allow: [
          'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          'prefix is ghp_ for classic tokens',
          `GH_TOKEN=${'ghr_'}${'AbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAbAb'}`,
          // jwt.io's sample signature marks a hand-made example (an RS256 signature is 342 characters, not 43).
          `ghs_12345_${jwtBody}.${['SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_', 'adQssw5c'].join('')}`,
          // Not a JWT after the installation id.
          `ghs_12345_${base64Url({ not: 'a jwt' })}.${base64Url({ sub: 'x' })}.${fake('ghs-jwt2', ['url', 64])}`,
        ],
      };
    },
  },
  {
    id: 'github-fine-grained-token',
    reason: 'A GitHub fine-grained personal access token acts on repositories as its owner.',
    severity: 'critical',
    keywords: ['github_pat_'],
    prefixLength: 11,
    match: regexMatcher(new RegExp(String.raw`\b(github_pat_[A-Za-z0-9_]{40,255})${END}`, 'g')),
    examples: {
      flag: ['GH_TOKEN=github_pat_11U33XTPLPFT75V2SEH60K_AirlockFakeWvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy4Q'],
      allow: ['GH_TOKEN=github_pat_your_token_here', 'github_pat_ tokens expire'],
    },
  },
  {
    id: 'gitlab-token',
    reason: 'A GitLab personal access token acts on projects as its owner.',
    severity: 'critical',
    keywords: ['glpat-'],
    prefixLength: 6,
    match: regexMatcher(new RegExp(String.raw`\b(glpat-[A-Za-z0-9_-]{20,})${END}`, 'g')),
    examples: {
      flag: ['GITLAB_TOKEN=glpat-AirlockFakewb8DwkNhF'],
      allow: ['GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx', 'GITLAB_TOKEN=glpat-<your-token>'],
    },
  },
  {
    id: 'stripe-live-key',
    reason: 'A Stripe live secret or restricted key moves real money.',
    severity: 'critical',
    keywords: ['sk_live_', 'rk_live_'],
    prefixLength: 8,
    // The live prefix is the evidence: only filler bodies (`sk_live_0000…`, `xxxx`) are placeholders.
    placeholderCheck: 'format',
    match: regexMatcher(new RegExp(String.raw`\b((?:sk|rk)_live_[A-Za-z0-9]{24,})${END}`, 'g')),
    examples: {
      flag: [
        'STRIPE_SECRET_KEY=sk_live_AirlockFakednXsiVpzz63Ff',
        "stripe.key = 'rk_live_AirlockFakekCzJr4i0B3JrT'",
      ],
      allow: [
        'STRIPE_SECRET_KEY=sk_test_AirlockFakednXsiVpzz63Ff',
        'STRIPE_SECRET_KEY=sk_live_000000000000000000000000',
        'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
        `STRIPE_SECRET_KEY=${['sk', 'live', 'AAAAAAAAAAAAAAAAAAAAAAAA'].join('_')}`,
        'sk_live_TooShort0Key1For2Live',
      ],
    },
  },
  {
    id: 'slack-token',
    reason: 'A Slack token reads and posts in the workspace as its bot, user or app.',
    severity: 'high',
    keywords: ['xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-', 'xoxo-', 'xoxe', 'xapp-'],
    prefixLength: 5,
    // Slack's own shapes: bot (and legacy bot), user, legacy, workspace, app and configuration tokens.
    match: regexMatcher(
      new RegExp(
        String.raw`\b(xoxb-\d{8,14}-(?:\d{10,13}[A-Za-z0-9-]*|[A-Za-z0-9]{18,26})|xox[pe](?:-\d{10,13}){3}-[A-Za-z0-9-]{28,34}|xox[os]-\d+-\d+-\d+-[a-fA-F\d]+|xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48}|xox[aor]-(?:\d-)?\d{8,14}(?:-\d{8,14}){1,2}(?:-[0-9a-zA-Z]{8,64})?|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+|xoxe\.xox[bp]-\d-[A-Za-z0-9]{163,166}|xoxe-\d-[A-Za-z0-9]{146})${END}`,
        'g',
      ),
    ),
    get examples() {
      return {
        flag: [
          ...inShapes('SLACK_BOT_TOKEN', fake('slack-bot', 'xoxb-', ['digits', 12], '-', ['digits', 13], '-', ['alnum', 24])),
          `SLACK_USER_TOKEN=${fake('slack-user', 'xoxp-', ['digits', 12], '-', ['digits', 12], '-', ['digits', 12], '-', ['hex', 32])}`,
          `SLACK_APP_TOKEN=${fake('slack-app', 'xapp', '-1-A', ['upper', 10], '-', ['digits', 13], '-', ['hex', 64])}`,
          `refresh: ${fake('slack-refresh', 'xoxe-1-', ['alnum', 146])}`,
          `legacy ${fake('slack-legacy', 'xoxa-', ['digits', 11], '-', ['digits', 13])}`,
        ],
        allow: [
          'SLACK_BOT_TOKEN=xoxb-your-bot-token',
          'SLACK_BOT_TOKEN=xoxb-xxxxxxxxxx-xxxxxxxxxxxx',
          // Joined at load time, so the bundle holds no token-shaped literal (vsce's secret check).
          `see ${['xoxb', '12345-abcd234'].join('-')} in the log`,
          ['https://indieweb.org/images/3/35/2018-250-xoxo', 'indieweb-1.jpg'].join('-'),
        ],
      };
    },
  },
  {
    id: 'slack-webhook',
    reason: 'A Slack incoming-webhook URL lets anyone post into the channel.',
    severity: 'medium',
    keywords: ['hooks.slack.com'],
    match: regexMatcher(/(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{20,})/g),
    examples: {
      flag: ['webhook: https://hooks.slack.com/services/T0AIRLOCK1/B0FAKE0001/AirlockFakeoaF1LlqsajAIx'],
      allow: ['webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
    },
  },
  {
    id: 'anthropic-api-key',
    reason: 'An Anthropic API key spends the account\'s credits and reads its data.',
    severity: 'high',
    keywords: ['sk-ant-'],
    prefixLength: 7,
    match: regexMatcher(new RegExp(String.raw`\b(sk-ant-[A-Za-z0-9_-]{24,})${END}`, 'g')),
    examples: {
      flag: [
        'ANTHROPIC_API_KEY=sk-ant-api03-AirlockFakeEZDz-TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEPH1qhT61qtc4xatws8-AirlockAA',
      ],
      allow: ['ANTHROPIC_API_KEY=sk-ant-api03-...', 'ANTHROPIC_API_KEY=sk-ant-your-key-here-0000000000'],
    },
  },
  {
    id: 'openai-api-key',
    reason: 'An OpenAI API key spends the account\'s credits and reads its data.',
    severity: 'high',
    keywords: ['sk-'],
    prefixLength: 3,
    match: regexMatcher(
      new RegExp(String.raw`\b(sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9]{24,})${END}`, 'g'),
      // Project, service-account and admin keys always carry `T3BlbkFJ` (base64 of "OpenAI"); without it
      // the prefix alone is not enough (under a key name, generic-secret still judges the value).
      (v) => !/^sk-(?:proj|svcacct|admin|None)-/.test(v) || v.includes('T3BlbkFJ'),
    ),
    examples: {
      flag: [
        'OPENAI_API_KEY=sk-proj-AirlockFakeOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po_T3BlbkFJAirlockFakeDEEtfjgVvVqE1SkHbn88',
        'openai.api_key = "sk-AirlockFakeHxjSI6bWHtP3fS2qHx6kwXoIIXGvOoNZYW2mZ"',
      ],
      allow: [
        'OPENAI_API_KEY=sk-...',
        'OPENAI_API_KEY=sk-proj-your-api-key-here',
        'the css class task-list-item-checkbox-ab12',
        `OPENAI_MODEL_ID=${['sk', 'proj', 'AirlockFakeR2d9Kq7LmN3xV8bT1wZ5cY0pH6jG4sFAirlockFake'].join('-')}`,
      ],
    },
  },
  {
    id: 'google-api-key',
    reason: 'A Google API key calls Google Cloud and Maps APIs on the project\'s bill.',
    severity: 'high',
    keywords: ['aiza'],
    prefixLength: 4,
    match: regexMatcher(new RegExp(String.raw`\b(AIza[0-9A-Za-z_-]{33,40})${END}`, 'g')),
    examples: {
      flag: ['GOOGLE_API_KEY=AIzaSyAirlockFakephP9nhFyJfm5di4PzJ59FHz5'],
      allow: ['GOOGLE_API_KEY=AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'GOOGLE_API_KEY=AIza...'],
    },
  },
  {
    id: 'npm-token',
    reason: 'An npm access token publishes packages as its owner.',
    severity: 'high',
    keywords: ['npm_'],
    prefixLength: 4,
    match: regexMatcher(new RegExp(String.raw`\b(npm_[A-Za-z0-9]{36})${END}`, 'g')),
    examples: {
      flag: ['//registry.npmjs.org/:_authToken=npm_AirlockFakeiAhzCueQpBenQtYh5Xj8TPQxj'],
      allow: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', 'npm_config_cache=/tmp/npm_cache_directory_for_ci_runs'],
    },
  },
  {
    id: 'sendgrid-api-key',
    reason: 'A SendGrid API key sends mail as the account.',
    severity: 'high',
    keywords: ['sg.'],
    prefixLength: 3,
    match: regexMatcher(new RegExp(String.raw`\b(SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64})${END}`, 'g')),
    examples: {
      flag: ['SENDGRID_API_KEY=SG.AirlockFakeq4i9DoV8gz4.AirlockFake_uCu3ZR1zTOlUcR64cXQLioDnkHIfxIq'],
      allow: ['SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'import SG.Mail'],
    },
  },
  {
    id: 'twilio-api-key',
    reason: 'A Twilio API key SID (with its secret) uses the account\'s messaging and voice.',
    severity: 'high',
    keywords: ['sk'],
    prefixLength: 2,
    match: regexMatcher(/\b(SK[0-9a-f]{32})\b/g, (v) => /[0-9]/.test(v.slice(2)) && /[a-f]/.test(v.slice(2))),
    examples: {
      flag: ['TWILIO_API_KEY=SKa1fa4ed8c4fa2815d2802827283e0ad8'],
      allow: ['TWILIO_API_KEY=SK00000000000000000000000000000000', 'SKIP_THIS_STEP=true'],
    },
  },
  {
    id: 'jwt',
    reason: 'A JSON Web Token; signed tokens often grant API access until they expire.',
    severity: 'medium',
    keywords: ['eyj'],
    placeholderCheck: 'markers',
    match: regexMatcher(
      /\b(eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})(?![A-Za-z0-9_-])/g,
      isSecretJwt,
    ),
    examples: {
      flag: [
        'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhaXJsb2NrLWZha2UtdXNlciIsImlhdCI6MTcwMDAwMDAwMH0.AirlockFakeXP-tKsf2rcDkdfrUnW5gcF_Ha6ili8Gj',
      ],
      allow: [
        'token = eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        'eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiJ4eXoxMjMifQ.AirlockFakeXP-tKsf2rcDkdfrUnW5gcF',
      ],
    },
  },
  {
    // git's `http.extraheader = AUTHORIZATION: basic …` (left behind by CI checkouts), proxies' and curl's headers
    id: 'basic-auth-header',
    reason: 'An Authorization header with basic credentials (base64 of user:password or a token) gives anyone who reads it the same access.',
    severity: 'high',
    keywords: ['basic'],
    match: regexMatcher(/\bauthorization\s*[:=]\s*basic\s+([A-Za-z0-9+/]{16,}={0,2})(?![A-Za-z0-9+/=])/gi, (value) => {
      let decoded: string;
      try {
        decoded = atob(value);
      } catch {
        return false;
      }
      const colon = decoded.indexOf(':');
      const secret = colon < 0 ? '' : decoded.slice(colon + 1);
      return /^[\x20-\x7e]+$/.test(decoded) && secret.length >= 12 && !isPasswordPlaceholder(secret) && !/^(.)\1+$/.test(secret);
    }),
    examples: {
      flag: ['\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46QWlybG9ja0Zha2VHaHM5YVEzeFpwMExtMk5iN1ZjMVI0dFk='],
      allow: ['Authorization: Basic dXNlcjpwYXNzd29yZA==', 'extraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eA=='],
    },
  },
  {
    id: 'google-oauth-client-secret',
    reason: 'A Google OAuth client secret lets anyone impersonate the app in OAuth flows.',
    severity: 'high',
    keywords: ['gocspx-'],
    prefixLength: 7,
    match: regexMatcher(new RegExp(String.raw`\b(GOCSPX-[A-Za-z0-9_-]{24,})${END}`, 'g')),
    examples: {
      flag: ['"client_secret": "GOCSPX-AirlockFake9aQ3xZp0Lm2Nb7Vc1R"'],
      allow: ['"client_secret": "GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
    },
  },
  {
    id: 'database-url-password',
    reason: 'A database connection URL with a password gives direct read/write access to the data.',
    severity: 'high',
    keywords: ['://'],
    placeholderCheck: 'password',
    match: regexMatcher(
      /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse)(?:\+[a-z0-9]+)?:\/\/([^:\s/@"'`]*):(?<secret>[^@\s"'`/]+)@[^\s"'`]+/gi,
      (_v, m) => {
        const user = m[1] ?? '';
        const pass = m[2] ?? '';
        return pass !== user && pass.length >= 4 && !/^(?:\$|%|\{\{|<|\*+$)/.test(pass);
      },
    ),
    examples: {
      flag: [
        'DATABASE_URL=postgres://app_user:Airl0ckFakePw9Qz@db.internal.corp-net.io:5432/app',
        'MONGO_URI="mongodb+srv://svc:AirlockFake7Tq2xZ@cluster0.abcde.mongodb.net/prod"',
        'REDIS_URL=redis://default:AirlockFakeRedis42x@redis-123.cloud:6379',
        'MONGO_URL=mongodb://app:quietR1verStone@mongo-1.corp-net.io:27017/app',
      ],
      allow: [
        'DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev',
        'DATABASE_URL=postgres://user:${DB_PASSWORD}@db:5432/app',
        'DATABASE_URL=postgresql://user:password@localhost/mydb',
        'DATABASE_URL=postgres://localhost:5432/app',
        'DATABASE_URL=mysql://root:MyPassword123@db.corp-net.io/app',
      ],
    },
  },
  {
    id: 'url-password',
    reason: 'A URL with a password in it (basic auth) gives anyone who reads it the same access.',
    severity: 'high',
    keywords: ['://'],
    // The URL is the evidence: any password typed into it is a credential unless it is a template, a
    // mask or the slot's name (isUrlPasswordPlaceholder). Common-word passwords are reported at medium.
    placeholderCheck: 'markers',
    match: (input) =>
      urlPasswordMatches(input).flatMap(({ m, user }) => {
        if (isUrlPasswordPlaceholder(m.value, user)) return [];
        return [isPasswordPlaceholder(m.value) ? { ...m, severity: 'medium' as const } : m];
      }),
    examples: {
      flag: [
        'git remote add origin https://deploy:Airl0ckFakePw9Qz@git.corp-net.io/acme/app.git',
        'curl https://admin:Fake2Pass4Airlock@10.0.0.5/api',
        'const PROD_API = "https://apiuser:r3alAirl0ck@api.corp-net.io/v2";',
        'see https://user:pass123@example.com',
        'This FTP: ftp://user:passw0@files.corp-net.io includes a credential.',
        '- [mirror](https://mirror:s3cretAirlock@mirror.corp-net.io)',
        '\u300chttps://user:AirlockFake@corp-net.io\u300d',
      ],
      allow: [
        'https://user:password@host.com/path',
        'https://oauth2:${GITLAB_TOKEN}@gitlab.com/x.git',
        'https://$USER:$PASS@host.corp-net.io',
        'https://{{user}}:{{pass}}@config.corp-net.io',
        'https://{USER}:{PASS}@template.corp-net.io',
        'https://username:mypassword@test.com/endpoint',
        'https://YOUR_USERNAME:YOUR_PASSWORD@api.service.com',
        'https://username:REPLACE_WITH_PASSWORD@example.org',
        'ftps://admin:password@secure.ftp.com/files',
        'https://user:abc@api.com/v1',
        'https://user:1111@service.com/api',
        'https://testuser:xxxx@demo.com',
        'https://admin:****@host.corp-net.io',
        'https://deploy:deploy@host.corp-net.io',
        'https://host.com:8443/path',
      ],
    },
  },
];
