// Provider tokens recognisable by their own format (prefix, length, charset, checksum), with gitleaks'
// rule list as the checklist. One line of data each; the examples are generated fakes (see samples.ts)
// in five places a token is written, plus placeholders and near-misses that must not be reported.
import type { Severity } from '../action';
import { bech32Valid, withBech32Checksum } from './checksums';
import { regexMatcher } from './kit';
import { fake, inShapes, type Charset } from './samples';
import type { SecretDetector } from './types';

interface FormatSpec {
  id: string;
  /** Who issues it, for the reason line. */
  name: string;
  /** What a holder of the token can do. */
  does: string;
  severity?: Severity;
  keywords: string[];
  /** Source of the token itself; wrapped in word-ish boundaries. Group 1, if any, is the secret. */
  pattern: string;
  /** Lookbehind before the token, when the default (no letter, digit, `_` or `.`) is too strict. */
  before?: string;
  flags?: string;
  /** Fixed prefix of the token (excluded from the placeholder word check). */
  prefix: string;
  /** A fake's random parts, after the prefix. */
  body: (string | [Charset, number])[];
  /** The variable the examples assign it to. */
  env: string;
  validate?: (value: string) => boolean;
  /** The token itself, not a random body, decides: skip the low-variety check (checksummed formats). */
  proves?: (value: string) => boolean;
  extraFlag?: (sample: string) => string[];
  /** Replaces the five standard places, for tokens only valid inside something (a URL). */
  shapes?: (sample: string) => string[];
  extraAllow?: string[];
}

// Not after a dot either: `video_box.ico-7a38…png` is a file name, not an Infracost key.
const B = '(?<![A-Za-z0-9_.])';
const E = '(?![A-Za-z0-9_])';
const E_DASH = '(?![A-Za-z0-9_-])';

const SPECS: FormatSpec[] = [
  { id: 'tailscale-key', name: 'Tailscale', does: 'joins machines to the tailnet or changes its settings', keywords: ['tskey-'], pattern: String.raw`tskey-[a-z]{2,20}-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,}`, before: '(?<![A-Za-z])', prefix: 'tskey-auth-', body: [['alnum', 11], 'CNTRL-', ['alnum', 33]], env: 'TS_AUTHKEY', extraFlag: () => [`key=${['tskey', 'webhook', 'AAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBBBB'].join('-')}`, `TS_${['tskey', 'api', 'k7Qm2xP9vW4z', 'AirlockFakeR1nB8cL3tJ6hD5'].join('-')}`] },
  { id: 'shopify-token', name: 'Shopify', does: 'reads and changes the store, its orders and customers', severity: 'critical', keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'], pattern: String.raw`shp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,40}`, prefix: 'shpat_', body: [['hex', 32]], env: 'SHOPIFY_ACCESS_TOKEN', extraFlag: () => [`SHOPIFY_API_SECRET=${fake('shpss', 'shpss_', ['alnum', 32])}`] },
  { id: 'grafana-token', name: 'Grafana', does: 'reads and changes dashboards, data sources and the Grafana Cloud stack', keywords: ['glc_', 'glsa_', 'eyjrijoi'], pattern: String.raw`glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}={0,3}`, prefix: 'glc_', body: [['alnum', 80]], env: 'GRAFANA_CLOUD_TOKEN', extraFlag: () => [`GF_TOKEN=${fake('glsa', 'glsa_', ['alnum', 32], '_', ['hex', 8])}`] },
  { id: 'mailchimp-api-key', name: 'Mailchimp', does: 'reads and mails the audience lists of the account', keywords: ['-us'], pattern: String.raw`[0-9a-f]{32}-us[0-9]{1,2}`, prefix: '', body: [['hex', 32], '-us', ['digits', 2]], env: 'MAILCHIMP_API_KEY' },
  { id: 'linear-api-key', name: 'Linear', does: 'reads and changes every issue and project in the workspace', keywords: ['lin_api_'], pattern: String.raw`lin_api_[A-Za-z0-9]{40}`, prefix: 'lin_api_', body: [['alnum', 40]], env: 'LINEAR_API_KEY' },
  { id: 'docker-hub-token', name: 'Docker Hub', does: 'pushes and deletes images in the account\'s repositories', severity: 'critical', keywords: ['dckr_pat_', 'dckr_oat_'], pattern: String.raw`dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,}`, prefix: 'dckr_pat_', body: [['alnum', 27]], env: 'DOCKERHUB_TOKEN' },
  { id: 'onepassword-service-account-token', name: '1Password service account', does: 'reads the vaults it was granted, with every secret in them', severity: 'critical', keywords: ['ops_eyj'], pattern: String.raw`ops_eyJ[A-Za-z0-9+/]{250,}={0,3}`, prefix: 'ops_eyJ', body: [['b64', 280]], env: 'OP_SERVICE_ACCOUNT_TOKEN' },
  { id: 'onepassword-secret-key', name: '1Password account secret key', does: 'is half of what unlocks the whole 1Password account', severity: 'critical', keywords: ['a3-'], pattern: String.raw`A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}`, prefix: 'A3-', body: [['upper', 6], '-', ['upper', 11], '-', ['upper', 5], '-', ['upper', 5], '-', ['upper', 5]], env: 'OP_SECRET_KEY' },
  { id: 'notion-token', name: 'Notion', does: 'reads and edits the pages shared with the integration', keywords: ['ntn_', 'secret_'], pattern: String.raw`ntn_\d{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43}`, prefix: 'ntn_', body: [['digits', 11], ['alnum', 35]], env: 'NOTION_TOKEN' },
  { id: 'sourcegraph-token', name: 'Sourcegraph', does: 'searches and reads the private code the instance indexes', keywords: ['sgp_'], pattern: String.raw`sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}`, prefix: 'sgp_', body: [['hex', 16], '_', ['hex', 40]], env: 'SRC_ACCESS_TOKEN' },
  { id: 'harness-token', name: 'Harness', does: 'runs and changes pipelines and deployments', keywords: ['pat.', 'sat.'], pattern: String.raw`(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}`, prefix: 'pat.', body: [['alnum', 22], '.', ['alnum', 24], '.', ['alnum', 20]], env: 'HARNESS_API_KEY' },
  { id: 'age-secret-key', name: 'age', does: 'decrypts every file and secret (sops, backups) encrypted to it', severity: 'critical', keywords: ['age-secret-key-1'], pattern: String.raw`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`, prefix: 'AGE-SECRET-KEY-1', body: [], env: 'SOPS_AGE_KEY', validate: bech32Valid, proves: bech32Valid },
  { id: 'huggingface-token', name: 'Hugging Face', does: 'reads private models and datasets and pushes to the account', keywords: ['hf_', 'api_org_'], pattern: String.raw`hf_[A-Za-z]{34}|api_org_[A-Za-z]{34}`, prefix: 'hf_', body: [['letters', 34]], env: 'HF_TOKEN', validate: (v) => !/^(?:hf_|api_org_)[A-Z]?[a-z]+(?:[A-Z][a-z]+){2,}$/.test(v) },
  { id: 'figma-token', name: 'Figma', does: 'reads and changes the files the account can open', keywords: ['figd_', 'figu_'], pattern: String.raw`fig[du]_[A-Za-z0-9_-]{40,}`, prefix: 'figd_', body: [['url', 40]], env: 'FIGMA_TOKEN' },
  { id: 'groq-api-key', name: 'Groq', does: 'spends the account\'s credits', keywords: ['gsk_'], pattern: String.raw`gsk_[A-Za-z0-9]{52}`, prefix: 'gsk_', body: [['alnum', 52]], env: 'GROQ_API_KEY' },
  { id: 'airtable-token', name: 'Airtable', does: 'reads and changes the bases it was granted', keywords: ['pat'], pattern: String.raw`pat[A-Za-z0-9]{14}\.[a-f0-9]{64}`, prefix: 'pat', body: [['alnum', 14], '.', ['hex', 64]], env: 'AIRTABLE_TOKEN' },
  { id: 'defined-networking-token', name: 'Defined Networking', does: 'changes the Nebula overlay network', keywords: ['dnkey-'], pattern: String.raw`dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52}`, prefix: 'dnkey-', body: [['lower', 26], '-', ['lower', 52]], env: 'DN_API_KEY' },
  { id: 'dropbox-token', name: 'Dropbox', does: 'reads and changes the account\'s files', keywords: ['sl.'], pattern: String.raw`sl\.(?:u\.)?[A-Za-z0-9_=-]{130,}`, prefix: 'sl.', body: [['url', 140]], env: 'DROPBOX_TOKEN' },
  { id: 'typeform-token', name: 'Typeform', does: 'reads form responses', keywords: ['tfp_'], pattern: String.raw`tfp_[A-Za-z0-9_.=-]{59}`, prefix: 'tfp_', body: [['url', 59]], env: 'TYPEFORM_TOKEN' },
  { id: 'yandex-token', name: 'Yandex Cloud', does: 'acts on the cloud account', keywords: ['aqvn', 't1.'], pattern: String.raw`AQVN[A-Za-z0-9_-]{35,38}|t1\.[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]{86}={0,2}`, prefix: 'AQVN', body: [['url', 36]], env: 'YC_API_KEY' },
  { id: 'twitter-bearer-token', name: 'X (Twitter)', does: 'calls the API as the app', keywords: ['aaaaaaaaaaaaaaaaaaaaaa'], pattern: String.raw`A{22}[A-Za-z0-9%]{80,100}`, prefix: 'AAAAAAAAAAAAAAAAAAAAAA', body: [['alnum', 90]], env: 'TWITTER_BEARER_TOKEN' },
  { id: 'mapbox-secret-token', name: 'Mapbox', does: 'changes styles, tilesets and tokens on the account', keywords: ['sk.eyj'], pattern: String.raw`sk\.eyJ[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{20,}`, prefix: 'sk.eyJ', body: [['url', 60], '.', ['url', 22]], env: 'MAPBOX_SECRET_TOKEN' },
  { id: 'stripe-webhook-secret', name: 'Stripe webhook signing', does: 'lets anyone forge Stripe events to the endpoint', keywords: ['whsec_'], pattern: String.raw`whsec_[A-Za-z0-9]{32,}`, prefix: 'whsec_', body: [['alnum', 32]], env: 'STRIPE_WEBHOOK_SECRET' },
  { id: 'nuget-api-key', name: 'NuGet', does: 'publishes packages as the account', severity: 'critical', keywords: ['oy2'], pattern: String.raw`oy2[a-z0-9]{43}`, prefix: 'oy2', body: [['lower', 43]], env: 'NUGET_API_KEY' },
  { id: 'hubspot-token', name: 'HubSpot', does: 'reads and changes the CRM\'s contacts and deals', keywords: ['pat-na1-', 'pat-eu1-'], pattern: String.raw`pat-(?:na|eu)\d-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}`, prefix: 'pat-na1-', body: [['hex', 8], '-', ['hex', 4], '-', ['hex', 4], '-', ['hex', 4], '-', ['hex', 12]], env: 'HUBSPOT_ACCESS_TOKEN' },
  { id: 'telegram-bot-token', name: 'Telegram bot', does: 'reads and sends the bot\'s messages', keywords: [':aa', 'telegram'], pattern: String.raw`\d{5,16}:A[A-Za-z0-9_-]{34}`, prefix: '', body: [['digits', 10], ':AA', ['url', 33]], env: 'TELEGRAM_BOT_TOKEN' },
  { id: 'pypi-token', name: 'PyPI', does: 'publishes packages as the account', severity: 'critical', keywords: ['pypi-ageichlwas5vcmc'], pattern: String.raw`pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}`, prefix: 'pypi-AgEIcHlwaS5vcmc', body: [['url', 70]], env: 'TWINE_PASSWORD' },
  { id: 'databricks-token', name: 'Databricks', does: 'runs jobs and reads the workspace\'s data', keywords: ['dapi'], pattern: String.raw`dapi[a-fA-F0-9]{32}(?:-\d)?`, prefix: 'dapi', body: [['hex', 32]], env: 'DATABRICKS_TOKEN' },
  { id: 'digitalocean-token', name: 'DigitalOcean', does: 'creates and destroys droplets, databases and volumes', severity: 'critical', keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'], pattern: String.raw`do[opr]_v1_[a-f0-9]{64}`, prefix: 'dop_v1_', body: [['hex', 64]], env: 'DIGITALOCEAN_TOKEN' },
  { id: 'doppler-token', name: 'Doppler', does: 'reads every secret in the project', severity: 'critical', keywords: ['dp.pt.', 'dp.st.', 'dp.sa.'], pattern: String.raw`dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}`, prefix: 'dp.pt.', body: [['alnum', 43]], env: 'DOPPLER_TOKEN' },
  { id: 'dynatrace-token', name: 'Dynatrace', does: 'reads monitoring data and changes its settings', keywords: ['dt0c01.'], pattern: String.raw`dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}`, prefix: 'dt0c01.', body: [['upper', 24], '.', ['alnum', 64]], env: 'DT_API_TOKEN' },
  { id: 'easypost-token', name: 'EasyPost', does: 'buys shipping labels on the account', keywords: ['ezak', 'eztk'], pattern: String.raw`EZ[AT]K[A-Za-z0-9]{54}`, prefix: 'EZAK', body: [['alnum', 54]], env: 'EASYPOST_API_KEY' },
  { id: 'atlassian-token', name: 'Atlassian', does: 'reads and changes Jira and Confluence as the user', keywords: ['atatt3', 'atctt3'], pattern: String.raw`AT[AC]TT3[A-Za-z0-9_=-]{186}`, prefix: 'ATATT3', body: [['url', 186]], env: 'JIRA_API_TOKEN' },
  { id: 'azure-ad-client-secret', name: 'Azure AD (Entra) application', does: 'signs in as the application to Azure and Microsoft Graph', severity: 'critical', keywords: ['q~'], pattern: String.raw`[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}`, prefix: '', body: [['alnum', 3], ['digits', 1], 'Q~', ['alnum', 34]], env: 'AZURE_CLIENT_SECRET' },
  { id: 'postman-api-key', name: 'Postman', does: 'reads and changes the workspace\'s collections and environments (often holding more secrets)', keywords: ['pmak-'], pattern: String.raw`PMAK-[a-f0-9]{24}-[a-f0-9]{34}`, prefix: 'PMAK-', body: [['hex', 24], '-', ['hex', 34]], env: 'POSTMAN_API_KEY' },
  { id: 'pulumi-token', name: 'Pulumi', does: 'reads stack state (with its secrets) and runs updates', keywords: ['pul-'], pattern: String.raw`pul-[a-f0-9]{40}`, prefix: 'pul-', body: [['hex', 40]], env: 'PULUMI_ACCESS_TOKEN' },
  { id: 'rubygems-token', name: 'RubyGems', does: 'publishes gems as the account', keywords: ['rubygems_'], pattern: String.raw`rubygems_[a-f0-9]{48}`, prefix: 'rubygems_', body: [['hex', 48]], env: 'GEM_HOST_API_KEY' },
  { id: 'readme-token', name: 'ReadMe', does: 'changes the project\'s documentation', keywords: ['rdme_'], pattern: String.raw`rdme_[a-z0-9]{70}`, prefix: 'rdme_', body: [['lower', 70]], env: 'README_API_KEY' },
  { id: 'scalingo-token', name: 'Scalingo', does: 'deploys and deletes apps and databases', keywords: ['tk-us-'], pattern: String.raw`tk-us-[A-Za-z0-9_-]{48}`, prefix: 'tk-us-', body: [['url', 48]], env: 'SCALINGO_API_TOKEN' },
  { id: 'brevo-api-key', name: 'Brevo (Sendinblue)', does: 'sends mail and reads contacts', keywords: ['xkeysib-'], pattern: String.raw`xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}`, prefix: 'xkeysib-', body: [['hex', 64], '-', ['alnum', 16]], env: 'BREVO_API_KEY' },
  { id: 'sentry-token', name: 'Sentry', does: 'reads error data (with user details) and changes projects', keywords: ['sntryu_', 'sntrys_'], pattern: String.raw`sntryu_[a-f0-9]{64}|sntrys_eyJpYXQiO[A-Za-z0-9+/]{10,400}={0,2}_[A-Za-z0-9+/]{43}`, prefix: 'sntryu_', body: [['hex', 64]], env: 'SENTRY_AUTH_TOKEN' },
  { id: 'settlemint-token', name: 'SettleMint', does: 'manages the blockchain applications on the account', keywords: ['sm_aat_', 'sm_pat_', 'sm_sat_'], pattern: String.raw`sm_(?:aat|pat|sat)_[A-Za-z0-9]{16}`, prefix: 'sm_pat_', body: [['alnum', 16]], env: 'SETTLEMINT_TOKEN' },
  { id: 'shippo-token', name: 'Shippo', does: 'buys shipping labels on the account', keywords: ['shippo_live_', 'shippo_test_'], pattern: String.raw`shippo_live_[a-fA-F0-9]{40}`, prefix: 'shippo_live_', body: [['hex', 40]], env: 'SHIPPO_TOKEN' },
  { id: 'planetscale-token', name: 'PlanetScale', does: 'reads and changes the databases', severity: 'critical', keywords: ['pscale_tkn_', 'pscale_oauth_', 'pscale_pw_'], pattern: String.raw`pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}`, prefix: 'pscale_pw_', body: [['alnum', 43]], env: 'PLANETSCALE_PASSWORD' },
  { id: 'prefect-token', name: 'Prefect', does: 'runs and changes flows', keywords: ['pnu_'], pattern: String.raw`pnu_[A-Za-z0-9]{36}`, prefix: 'pnu_', body: [['alnum', 36]], env: 'PREFECT_API_KEY' },
  { id: 'perplexity-api-key', name: 'Perplexity', does: 'spends the account\'s credits', keywords: ['pplx-'], pattern: String.raw`pplx-[A-Za-z0-9]{48}`, prefix: 'pplx-', body: [['alnum', 48]], env: 'PERPLEXITY_API_KEY' },
  { id: 'openshift-token', name: 'OpenShift', does: 'acts on the cluster as the user', severity: 'critical', keywords: ['sha256~'], pattern: String.raw`sha256~[A-Za-z0-9_-]{43}`, prefix: 'sha256~', body: [['url', 43]], env: 'OC_TOKEN' },
  { id: 'octopus-deploy-api-key', name: 'Octopus Deploy', does: 'runs and changes deployments', keywords: ['api-'], pattern: String.raw`API-[A-Z0-9]{26}`, prefix: 'API-', body: [['upper', 26]], env: 'OCTOPUS_API_KEY' },
  { id: 'maxmind-license-key', name: 'MaxMind', does: 'downloads GeoIP databases on the account', keywords: ['_mmk'], pattern: String.raw`[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk`, prefix: '', body: [['alnum', 6], '_', ['alnum', 29], '_mmk'], env: 'MAXMIND_LICENSE_KEY' },
  { id: 'infracost-token', name: 'Infracost', does: 'uses the account\'s pricing API', keywords: ['ico-'], pattern: String.raw`ico-[A-Za-z0-9]{32}`, prefix: 'ico-', body: [['alnum', 32]], env: 'INFRACOST_API_KEY' },
  { id: 'terraform-cloud-token', name: 'Terraform Cloud', does: 'runs plans and applies (including destroys) in every workspace it can reach', severity: 'critical', keywords: ['atlasv1'], pattern: String.raw`[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}`, prefix: '', body: [['alnum', 14], '.atlasv1.', ['url', 67]], env: 'TFE_TOKEN' },
  { id: 'vault-token', name: 'HashiCorp Vault', does: 'reads the secrets its policies allow', severity: 'critical', keywords: ['hvs.', 'hvb.'], pattern: String.raw`hvs\.[A-Za-z0-9_-]{90,120}|hvb\.[A-Za-z0-9_-]{138,300}`, prefix: 'hvs.', body: [['url', 95]], env: 'VAULT_TOKEN' },
  { id: 'gitlab-other-token', name: 'GitLab', does: 'acts on projects, runners or the registry', severity: 'high', keywords: ['glrt-', 'glptt-', 'gldt-', 'glft-', 'glimt-', 'glagent-', 'gloas-', 'glsoat-', 'glffct-', 'glcbt-', 'gr1348941'], pattern: String.raw`glrt-[A-Za-z0-9_-]{20,}|glptt-[a-f0-9]{40}|gldt-[A-Za-z0-9_-]{20,}|glft-[A-Za-z0-9_-]{20,}|glimt-[A-Za-z0-9_-]{25}|glagent-[A-Za-z0-9_-]{50}|gloas-[A-Za-z0-9_-]{64}|glsoat-[A-Za-z0-9_-]{20}|glffct-[A-Za-z0-9_-]{20}|glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20}|GR1348941[A-Za-z0-9_-]{20}`, prefix: 'glrt-', body: [['alnum', 20]], env: 'CI_RUNNER_TOKEN' },
  { id: 'flutterwave-key', name: 'Flutterwave', does: 'moves money on the account', keywords: ['flwseck', 'flwpubk'], pattern: String.raw`FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X|FLWSECK(?:_TEST)?-[a-hA-H0-9]{12}`, prefix: 'FLWSECK-', body: [['hex', 32], '-X'], env: 'FLW_SECRET_KEY' },
  { id: 'frameio-token', name: 'Frame.io', does: 'reads and changes the account\'s media', keywords: ['fio-u-'], pattern: String.raw`fio-u-[A-Za-z0-9_=-]{64}`, prefix: 'fio-u-', body: [['url', 64]], env: 'FRAMEIO_TOKEN' },
  { id: 'duffel-token', name: 'Duffel', does: 'books travel on the account', keywords: ['duffel_live_', 'duffel_test_'], pattern: String.raw`duffel_live_[A-Za-z0-9_=-]{43}`, prefix: 'duffel_live_', body: [['url', 43]], env: 'DUFFEL_TOKEN' },
  { id: 'clojars-token', name: 'Clojars', does: 'publishes libraries as the account', keywords: ['clojars_'], pattern: String.raw`CLOJARS_[A-Za-z0-9]{60}`, prefix: 'CLOJARS_', body: [['lower', 60]], env: 'CLOJARS_PASSWORD' },
  { id: 'cloudflare-origin-ca-key', name: 'Cloudflare Origin CA', does: 'issues certificates for the account\'s zones', keywords: ['v1.0-'], pattern: String.raw`v1\.0-[a-f0-9]{24}-[a-f0-9]{146}`, prefix: 'v1.0-', body: [['hex', 24], '-', ['hex', 146]], env: 'CF_ORIGIN_CA_KEY' },
  { id: 'clickhouse-cloud-key', name: 'ClickHouse Cloud', does: 'manages the services and their data', keywords: ['4b1d'], pattern: String.raw`4b1d[A-Za-z0-9]{38}`, prefix: '4b1d', body: [['alnum', 38]], env: 'CLICKHOUSE_KEY_SECRET' },
  { id: 'aws-bedrock-api-key', name: 'Amazon Bedrock', does: 'calls the account\'s models on its bill', keywords: ['absk', 'bedrock-api-key-'], pattern: String.raw`ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%_-]*`, prefix: 'ABSK', body: [['b64', 140]], env: 'AWS_BEARER_TOKEN_BEDROCK' },
  { id: 'artifactory-token', name: 'JFrog Artifactory', does: 'reads and publishes artifacts', keywords: ['akcp', 'cmvmd'], pattern: String.raw`AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59}`, prefix: 'AKCp', body: [['alnum', 69]], env: 'ARTIFACTORY_API_KEY' },
  { id: 'adobe-client-secret', name: 'Adobe', does: 'calls Adobe APIs as the integration', keywords: ['p8e-'], pattern: String.raw`p8e-[A-Za-z0-9]{32}`, prefix: 'p8e-', body: [['alnum', 32]], env: 'ADOBE_CLIENT_SECRET' },
  { id: 'alibaba-access-key-id', name: 'Alibaba Cloud', does: 'with its secret, controls the cloud account', keywords: ['ltai'], pattern: String.raw`LTAI[A-Za-z0-9]{20}`, prefix: 'LTAI', body: [['alnum', 20]], env: 'ALIBABA_CLOUD_ACCESS_KEY_ID' },
  { id: 'new-relic-key', name: 'New Relic', does: 'reads telemetry and changes the account\'s settings', keywords: ['nrak-', 'nrjs-', 'nrii-'], pattern: String.raw`NRAK-[A-Za-z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[A-Za-z0-9-]{32}`, prefix: 'NRAK-', body: [['upper', 27]], env: 'NEW_RELIC_API_KEY' },
  { id: 'square-token', name: 'Square', does: 'takes payments and reads the seller\'s data', severity: 'critical', keywords: ['sq0atp-', 'sq0csp-', 'eaaa'], pattern: String.raw`sq0atp-[A-Za-z0-9_-]{22,60}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_-]{60}`, prefix: 'sq0atp-', body: [['url', 22]], env: 'SQUARE_ACCESS_TOKEN' },
  { id: 'facebook-token', name: 'Facebook / Meta', does: 'acts on pages and ad accounts as the app or user', keywords: ['eaac', 'eaam'], pattern: String.raw`EAA[CM][A-Za-z0-9]{100,}`, prefix: 'EAAC', body: [['alnum', 120]], env: 'FB_ACCESS_TOKEN' },
  { id: 'mailgun-key', name: 'Mailgun', does: 'sends mail as the domain', keywords: ['key-', 'pubkey-'], pattern: String.raw`(?<![A-Za-z0-9_-])key-[a-f0-9]{32}`, prefix: 'key-', body: [['hex', 32]], env: 'MAILGUN_API_KEY' },
  { id: 'intra42-client-secret', name: '42 Intra', does: 'acts as the OAuth application', keywords: ['s-s4t2'], pattern: String.raw`s-s4t2(?:ud|af)-[a-f0-9]{64}`, prefix: 's-s4t2ud-', body: [['hex', 64]], env: 'FT_CLIENT_SECRET' },
  { id: 'sidekiq-credential', name: 'Sidekiq Pro/Enterprise', does: 'downloads the licensed gems', keywords: ['contribsys.com'], pattern: String.raw`(?<=https?://)[a-f0-9]{8}:[a-f0-9]{8}(?=@(?:gems|enterprise)\.contribsys\.com)`, prefix: '', body: [['hex', 8], ':', ['hex', 8]], env: 'BUNDLE_GEMS__CONTRIBSYS__COM', shapes: (s) => [`source "https://${s}@gems.contribsys.com/"`, `source 'https://${s}@enterprise.contribsys.com/'`, `SIDEKIQ_URL=https://${s}@gems.contribsys.com/`, `gem_url: "https://${s}@gems.contribsys.com"`, `bundle config https://${s}@enterprise.contribsys.com/`] },
  { id: 'microsoft-teams-webhook', name: 'Microsoft Teams webhook', does: 'posts into the channel', severity: 'medium', keywords: ['webhook.office.com'], pattern: String.raw`https://[a-z0-9]+\.webhook\.office\.com/webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36}`, prefix: 'https://acme.webhook.office.com/webhookb2/', body: [['hex', 8], '-', ['hex', 4], '-', ['hex', 4], '-', ['hex', 4], '-', ['hex', 12], '@', ['hex', 8], '-', ['hex', 4], '-', ['hex', 4], '-', ['hex', 4], '-', ['hex', 12], '/IncomingWebhook/', ['hex', 32], '/', ['hex', 8], '-', ['hex', 4], '-', ['hex', 4], '-', ['hex', 4], '-', ['hex', 12]], env: 'TEAMS_WEBHOOK_URL' },
];

function formatDetector(spec: FormatSpec): SecretDetector {
  const re = new RegExp(`${spec.before ?? B}(${spec.pattern})${spec.pattern.includes('-]') || spec.pattern.endsWith('-X') ? E_DASH : E}`, `g${spec.flags ?? ''}`);
  let examples: SecretDetector['examples'] | undefined;
  const detector: SecretDetector = {
    id: spec.id,
    reason: `A ${spec.name} token (recognised by its format); it ${spec.does}.`,
    severity: spec.severity ?? 'high',
    keywords: spec.keywords,
    prefixLength: spec.prefix.length,
    // The vendor prefix with its exact length and charset is the evidence: markers (`xxxx`, `<…>`,
    // `example`) and degenerate bodies are rejected, word-like or counting ones are not.
    placeholderCheck: spec.prefix.length >= 3 ? 'format' : 'full',
    ...(spec.proves ? { proves: spec.proves } : {}),
    match: regexMatcher(re, spec.validate ? (v) => spec.validate!(v) : undefined),
    // Built on first use (the tests), not when every scan worker loads.
    get examples() {
      return (examples ??= formatExamples(spec));
    },
  };
  return detector;
}

function formatExamples(spec: FormatSpec): SecretDetector['examples'] {
  const sample =
    spec.id === 'age-secret-key' ? withBech32Checksum('AGE-SECRET-KEY-', fake(spec.id, ['bech32', 52])) : fake(spec.id, spec.prefix, ...spec.body);
  const placeholder = spec.prefix + 'x'.repeat(Math.max(16, sample.length - spec.prefix.length));
  const truncated = sample.slice(0, spec.prefix.length + Math.max(4, Math.floor((sample.length - spec.prefix.length) / 3)));
  return {
    flag: [...(spec.shapes?.(sample) ?? inShapes(spec.env, sample)), ...(spec.extraFlag?.(sample) ?? [])],
    // A cut-off token is no token (under a secret-named key the generic detectors still judge it).
    allow: [`${spec.env}=${placeholder}`, `${spec.env}=<your ${spec.name} token>`, `see ${truncated} in the log`, ...(spec.extraAllow ?? [])],
  };
}

export const PROVIDER_DETECTORS: SecretDetector[] = SPECS.map(formatDetector);
