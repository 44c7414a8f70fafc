// DNS and CDN record or zone deletes: a deleted record takes a site or its mail offline until someone notices, and
// a deleted zone loses every record at once. Deletes named `delete` in aws/gcloud/az/doctl are the cloud pack's;
// this pack covers the shapes those miss (Route 53 change batches, `remove-record`, transactions, flarectl, cli53).
import { guessEnvironment } from '../environment';
import { cliRule } from './lib/cli_rule';
import { optionValue, positionals } from './lib/words';
import type { RuleContext, ShellRule, SimpleCommand } from './types';

// nsupdate / knsupdate read their update commands from a file or stdin: `[update] del[ete] name …` removes records.
const NSUPDATE_VALUED = new Set(['-L', '-k', '-y', '-p', '-r', '-t', '-u']);
const NSUPDATE_DELETE = /^[ \t]*(?:update[ \t]+)?del(?:ete)?\b[ \t]*(\S*)/im;

/** What an nsupdate run would delete, or why its update commands cannot be checked; undefined when it only adds. */
function nsupdateLoss(cmd: SimpleCommand, ctx: RuleContext): string | undefined {
  // -V prints the version, -T/-P list the record types: no update is read.
  if (cmd.args.some((a) => a === '-V' || a === '-T' || a === '-P' || a === '-h' || a === '--help')) return undefined;
  const file = positionals(cmd.args, NSUPDATE_VALUED)[0];
  const redirect = cmd.redirects.find((r) => r.op === '<')?.target;
  let text: string | undefined;
  if (file !== undefined && file !== '-') {
    text = ctx.readFile?.(file);
    if (text === undefined) return `DNS updates in ${file} (not readable)`;
  } else if (cmd.stdin !== undefined) text = cmd.stdin;
  else if (redirect !== undefined) {
    text = ctx.readFile?.(redirect);
    if (text === undefined) return `DNS updates in ${redirect} (not readable)`;
  } else return 'DNS updates typed or piped in (not visible)';
  if (text.length > 1_000_000) return 'DNS updates (too large to check)';
  const m = NSUPDATE_DELETE.exec(text);
  return m ? `DNS records ${m[1] || ''}`.trim() : undefined;
}

/** A Route 53 change batch: inline JSON or `file://x.json` read through the injected reader. */
function changeBatchDeletes(batch: string | undefined, readFile?: (p: string) => string | undefined): string | undefined {
  if (batch === undefined) return 'change batch';
  let text: string | undefined = batch;
  if (batch.startsWith('file://')) text = readFile?.(batch.slice('file://'.length));
  // A batch that cannot be read may delete: the person decides.
  if (text === undefined) return `${batch} (not readable)`;
  if (text.length > 1_000_000) return `${batch} (too large to check)`;
  return /"Action"\s*:\s*"DELETE"|Action\s*=\s*DELETE/i.test(text) ? 'DNS records (DELETE)' : undefined;
}

export const DNS_RULES: readonly ShellRule[] = [
  {
    id: 'dns.nsupdate-delete',
    pack: 'dns',
    kind: 'shell',
    names: ['nsupdate', 'knsupdate'],
    severity: 'high',
    reason: 'nsupdate sends dynamic DNS updates that delete records (or updates Airlock cannot read: typed in, piped from another program, or in an unreadable file); deleted names stop resolving.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      if (cmd.name !== 'nsupdate' && cmd.name !== 'knsupdate') return undefined;
      const target = nsupdateLoss(cmd, ctx);
      return target === undefined ? undefined : { target, environment: guessEnvironment([target, cmd.text]), detail: `${cmd.name} ${target}` };
    },
    examples: {
      flag: [
        "echo 'delete example.com' | nsupdate",
        "printf 'server ns1.example.com\\nupdate delete www.example.com A\\nsend\\n' | nsupdate -k Kexample.key",
        'nsupdate -l <<EOF\nupdate delete host.example.com A\nsend\nEOF',
        "knsupdate <<< 'del www.example.com'",
        'nsupdate -k Kexample.key changes.txt',
        'nsupdate -l',
        'curl -s https://example.com/updates | nsupdate',
      ],
      allow: [
        "echo 'update add www.example.com 300 A 192.0.2.1' | nsupdate -k Kexample.key",
        'nsupdate -l <<EOF\nupdate add host.example.com 300 A 192.0.2.10\nsend\nEOF',
        'nsupdate -V',
        'dig axfr example.com @ns1.example.com',
        'dig example.com',
      ],
    },
  },
  cliRule({
    pack: 'dns',
    name: 'record-delete',
    clis: ['aws', 'awslocal', 'gcloud', 'az', 'flarectl', 'cli53', 'lexicon', 'dnscontrol', 'octodns-sync', 'cfcli', 'netlify', 'linode-cli', 'hcloud', 'gandi'],
    severity: 'high',
    reason: 'Deletes DNS records or a whole zone; the names they served stop resolving (sites, APIs and mail go offline).',
    valued: ['--profile', '--region', '--output', '--hosted-zone-id', '--zone', '-z', '--project', '-g', '--resource-group', '-n', '--name', '--type', '--id', '--change-batch'],
    test(w, v, ctx) {
      switch (v.name) {
        case 'aws':
        case 'awslocal':
          if (w[0] !== 'route53' && w[0] !== 'route53domains') return undefined;
          if (w[1] === 'change-resource-record-sets') return changeBatchDeletes(optionValue(v.args, ['--change-batch']), ctx.readFile);
          return w[1] === 'delete-domain' || w[1] === 'delete-hosted-zone' ? w[1] : undefined;
        case 'gcloud':
          return w[0] === 'dns' && w.includes('transaction') && w.includes('remove') ? 'DNS records' : undefined;
        case 'az':
          return w[0] === 'network' && (w[1] === 'dns' || w[1] === 'private-dns') && w.some((x) => x === 'remove-record') ? w.slice(0, 5).join(' ') : undefined;
        case 'flarectl':
          return (w[0] === 'dns' || w[0] === 'zone' || w[0] === 'd' || w[0] === 'z') && (w[1] === 'delete' || w[1] === 'd' || w[1] === 'purge') ? `${w[0]} ${optionValue(v.args, ['--zone']) ?? ''}`.trim() : undefined;
        case 'cli53':
          return /^(rrdelete|rrpurge|delete|rrdel)$/.test(w[0] ?? '') ? `${w[0]} ${w[1] ?? ''}`.trim() : undefined;
        case 'lexicon':
          return w[1] === 'delete' ? `${w[0]} ${w[2] ?? ''}`.trim() : undefined;
        case 'dnscontrol':
          return w[0] === 'push' && v.args.some((a) => /^--(?:no-)?purge/.test(a)) ? 'zones (push)' : undefined;
        case 'octodns-sync':
          return v.args.includes('--doit') && v.args.includes('--force') ? 'zones (sync --doit --force)' : undefined;
        case 'netlify':
          return w[0] === 'dns:delete' || (w[0] === 'api' && /^deleteDns/.test(w[1] ?? '')) ? 'DNS record' : undefined;
        case 'linode-cli':
          return w[0] === 'domains' && /^(records-delete|delete)$/.test(w[1] ?? '') ? `domain ${w[2] ?? ''}`.trim() : undefined;
        case 'hcloud':
          return (w[0] === 'zone' || w[0] === 'dns') && w.includes('delete') ? 'DNS zone' : undefined;
        default:
          return /^(delete|rm|remove)$/.test(w[0] ?? '') || /^(delete|rm|remove)$/.test(w[1] ?? '') ? w.slice(0, 3).join(' ') : undefined;
      }
    },
    examples: {
      flag: [
        'aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://del.json',
        'aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch \'{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"www.example.com","Type":"A"}}]}\'',
        'aws route53 delete-hosted-zone --id Z1',
        'gcloud dns record-sets transaction remove --zone z --name www.example.com. --type A --ttl 300 1.2.3.4',
        'az network dns record-set a remove-record -g rg -z example.com -n www -a 1.2.3.4',
        'flarectl dns delete --zone example.com --id 372e67954025e0ba6aaa6d586b9e0b59',
        'flarectl zone delete --zone example.com',
        'cli53 rrdelete example.com www A',
        'lexicon cloudflare delete example.com A --name www',
      ],
      allow: [
        'aws route53 list-hosted-zones',
        'aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch \'{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"www.example.com","Type":"A"}}]}\'',
        'gcloud dns record-sets list --zone z',
        'az network dns record-set a add-record -g rg -z example.com -n www -a 1.2.3.4',
        'flarectl dns list --zone example.com',
        'cli53 list',
        'dig example.com',
      ],
    },
  }),
];
