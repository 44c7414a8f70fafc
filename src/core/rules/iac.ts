// Infrastructure as code: commands that tear down everything a stack manages (databases and volumes
// included) or make the tool forget resources it manages.
import { guessEnvironment } from '../environment';
import { commandViews, onlyDescribes, type CommandView } from './lib/runners';
import { optionValue, positionals } from './lib/words';
import type { RuleMatch, ShellRule, SimpleCommand } from './types';

function environment(cmd: SimpleCommand, target: string): RuleMatch['environment'] {
  return guessEnvironment([target, cmd.text, ...Object.entries(cmd.assignments).map(([k, v]) => `${k}=${v}`)]);
}

function iacRule(
  name: string,
  viewNames: readonly string[],
  severity: 'high' | 'critical',
  reason: string,
  test: (w: string[], v: CommandView) => string | undefined,
  examples: ShellRule['examples'],
  valued: string[] = [],
): ShellRule {
  const valuedSet = new Set(valued);
  const names = new Set(viewNames);
  return {
    id: `iac.${name}`,
    pack: 'iac',
    kind: 'shell',
    viewNames,
    severity,
    reason,
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        // Only the declared programs: classify() relies on it to skip this rule for every other command.
        if (!names.has(v.name) || onlyDescribes(v)) continue;
        const target = test(positionals(v.args, valuedSet), v);
        if (target !== undefined) return { target, environment: environment(cmd, target), detail: `${v.name} ${positionals(v.args, valuedSet).slice(0, 3).join(' ')}` };
      }
      return undefined;
    },
    examples,
  };
}

const TERRAFORM_NAMES = ['terraform', 'tofu', 'opentofu', 'terragrunt', 'terraform.exe', 'tf'];
const TERRAFORMS = new Set(TERRAFORM_NAMES);

/** The working dir or workspace a terraform command acts on, for the target line. */
function tfTarget(v: CommandView): string {
  const dir = optionValue(v.args, ['-chdir', '--working-dir', '--terragrunt-working-dir']);
  const vf = optionValue(v.args, ['-var-file', '--var-file']);
  return [dir ? `stack in ${dir}` : 'every resource in the stack', vf ? `(${vf})` : ''].filter(Boolean).join(' ');
}

export const IAC_RULES: ShellRule[] = [
  iacRule(
    'terraform-destroy',
    TERRAFORM_NAMES,
    'critical',
    'Terraform/OpenTofu destroys every resource the configuration manages (databases, volumes and buckets included).',
    (w, v) => {
      if (!TERRAFORMS.has(v.name)) return undefined;
      // terragrunt run-all destroy / terragrunt run --all destroy
      const cmd = w[0] === 'run-all' || w[0] === 'run' ? w[1] : w[0];
      if (cmd === 'destroy' || cmd === 'destroy-all') return tfTarget(v);
      // terraform spells long options with one dash: -destroy, -destroy=true
      if (cmd === 'apply' && v.args.some((a) => /^--?destroy(=true)?$/.test(a))) return tfTarget(v);
      // -replace destroys the resource and creates an empty one: for a database that is the data
      const replaced = v.args.find((a) => a.startsWith('-replace='));
      if (cmd === 'apply' && replaced) return `replace ${replaced.slice(9)}`;
      // taint marks a resource for the same destroy-and-create on the next apply (which nothing then shows)
      if (cmd === 'taint') return `replace ${w[1] ?? 'resource'} (tainted: the next apply destroys and recreates it)`;
      return undefined;
    },
    {
      flag: ['terraform destroy', 'terraform destroy -auto-approve', 'terraform -chdir=infra/prod apply -destroy -auto-approve', 'tofu destroy -var-file=prod.tfvars', 'terragrunt run-all destroy', 'terragrunt destroy-all --terragrunt-non-interactive', 'terraform apply -replace=aws_db_instance.main -auto-approve', 'terraform taint aws_db_instance.main', 'terraform taint aws_db_instance.main && terraform apply -auto-approve', 'tofu taint module.db.aws_db_instance.this', 'TF_CLI_ARGS_apply="-destroy -auto-approve" terraform apply', 'export TF_CLI_ARGS=-destroy; terraform apply'],
      allow: ['terraform plan', 'terraform plan -destroy -out=destroy.tfplan', 'terraform apply tfplan', 'terraform init -upgrade', 'terraform fmt -recursive', 'terraform output', 'terraform destroy -help', 'terraform untaint aws_db_instance.main', 'terraform taint -help', 'TF_CLI_ARGS_plan=-destroy terraform apply tfplan', 'TF_CLI_ARGS=-no-color terraform apply tfplan'],
    },
    ['-var', '-var-file', '-target'],
  ),
  iacRule(
    'terraform-state-rm',
    TERRAFORM_NAMES,
    'high',
    'Removes resources from Terraform state (or deletes a workspace): Terraform forgets them, and the next apply may recreate or orphan them.',
    (w, v) => {
      if (!TERRAFORMS.has(v.name)) return undefined;
      if (w[0] === 'state' && (w[1] === 'rm' || w[1] === 'push')) return w.slice(2).join(' ') || 'state';
      if (w[0] === 'workspace' && w[1] === 'delete') return `workspace ${w[2] ?? ''}`.trim();
      return undefined;
    },
    {
      flag: ['terraform state rm aws_db_instance.main', 'tofu state rm module.db', 'terraform workspace delete prod', 'terraform state push -force old.tfstate'],
      allow: ['terraform state list', 'terraform state show aws_db_instance.main', 'terraform workspace select prod', 'terraform state mv a.b a.c'],
    },
  ),
  iacRule(
    'pulumi-destroy',
    ['pulumi'],
    'critical',
    'Pulumi destroys every resource in the stack (destroy/down), or removes the stack and its history (stack rm).',
    (w, v) => {
      if (v.name !== 'pulumi') return undefined;
      const stack = optionValue(v.args, ['--stack'], ['-s']) ?? 'current stack';
      // `dn` is destroy's other alias
      if (w[0] === 'destroy' || w[0] === 'down' || w[0] === 'dn') return stack;
      if (w[0] === 'stack' && (w[1] === 'rm' || w[1] === 'remove')) return w[2] ?? stack;
      if (w[0] === 'state' && w[1] === 'delete') return w[2] ?? 'resource';
      // --replace / --target-replace: destroy and create each resource named (a database comes back empty)
      const replaced = optionValue(v.args, ['--replace', '--target-replace']);
      if ((w[0] === 'up' || w[0] === 'update') && replaced !== undefined) return `replace ${replaced}`;
      return undefined;
    },
    {
      flag: ['pulumi destroy --yes', 'pulumi down -s prod -y', 'pulumi dn --yes -s staging', 'pulumi stack rm dev --force', 'pulumi state delete urn:pulumi:prod::app::aws:rds/instance:Instance::db', "pulumi up --replace 'urn:pulumi:prod::shop::aws:rds/instance:Instance::db' --yes", 'pulumi up --target-replace=urn:pulumi:prod::shop::aws:rds/instance:Instance::db -y', 'pulumi update -s prod --replace urn:x'],
      allow: ['pulumi preview --replace urn:x', 'pulumi up --target urn:x --yes', 'pulumi preview', 'pulumi up --yes', 'pulumi stack ls', 'pulumi config set region us-east-1', 'pulumi destroy --help'],
    },
    ['--stack', '-s', '--cwd', '-C', '--replace', '--target-replace', '--target', '-t'],
  ),
  iacRule(
    'cdk-destroy',
    ['cdk', 'cdktf', 'aws-cdk', 'serverless', 'sls', 'sst', 'sam', 'amplify', 'copilot'],
    'critical',
    'Deletes a deployed stack and the resources it manages (cdk/cdktf destroy, serverless remove, sam delete, sst remove, amplify delete, copilot delete).',
    (w, v) => {
      const n = v.name;
      if ((n === 'cdk' || n === 'cdktf' || n === 'aws-cdk') && w[0] === 'destroy') return w.slice(1).join(' ') || 'all stacks';
      if ((n === 'serverless' || n === 'sls' || n === 'sst') && w[0] === 'remove') return optionValue(v.args, ['--stage'], ['-s']) ?? 'service';
      if (n === 'sam' && w[0] === 'delete') return optionValue(v.args, ['--stack-name']) ?? 'stack';
      if (n === 'amplify' && w[0] === 'delete') return 'amplify project';
      if (n === 'copilot' && w[1] === 'delete') return `${w[0]} ${optionValue(v.args, ['--name'], ['-n']) ?? ''}`.trim();
      return undefined;
    },
    {
      flag: ['cdk destroy --all --force', 'npx cdk destroy AppStack-prod', 'serverless remove --stage prod', 'sam delete --stack-name app', 'npx sst remove --stage production'],
      allow: ['cdk synth', 'cdk diff', 'npx cdk deploy AppStack-dev', 'serverless deploy --stage dev', 'sam build'],
    },
    ['--stage', '-s', '--profile', '--region', '-r', '--app', '-a', '--context', '-c'],
  ),
];
