// Kubernetes: deleting resources (namespaces and volume claims take their data with them) and
// uninstalling Helm releases.
import { guessEnvironment } from '../environment';
import { commandViews, onlyDescribes } from './lib/runners';
import { hasOption, optionValue, positionals } from './lib/words';
import type { RuleContext, ShellRule, SimpleCommand } from './types';

// `k` is the alias the kubectl docs recommend; few other programs have a `delete` sub-command.
const KUBECTL_NAMES = ['kubectl', 'k', 'oc', 'kubecolor', 'k3s', 'microk8s'];
const KUBECTLS = new Set(KUBECTL_NAMES);

/** kubectl's arguments in each view of `cmd` that would act on the cluster: no help request, no dry run. */
function* actingKubectl(cmd: SimpleCommand, ctx: RuleContext): Generator<string[]> {
  for (const v of commandViews(cmd, ctx)) {
    if (!KUBECTLS.has(v.name) || onlyDescribes(v)) continue;
    const args = v.name === 'k3s' || v.name === 'microk8s' ? v.args.slice(1) : v.args;
    if (!isDryRun(args)) yield args;
  }
}

/** The programs k8s.tool-delete knows; `viewNames` of that rule and the first check of its loop. */
const CLUSTER_TOOL_NAMES = ['eksctl', 'argocd', 'velero', 'helmfile', 'skaffold', 'flux', 'kubectl', 'kubectl-cnpg', 'oc', 'nomad'];
const CLUSTER_TOOLS = new Set(CLUSTER_TOOL_NAMES);
const KUBECTL_VALUED = new Set([
  '-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-l', '--selector', '-o', '--output', '--field-selector',
  '-f', '--filename', '--grace-period', '--timeout', '--user', '-s', '--server', '--token', '--as', '-k', '--kustomize',
]);

/** Resource kinds whose deletion destroys stored data or everything inside. */
const DATA_KINDS = /^(namespaces?|ns|persistentvolumeclaims?|pvc|persistentvolumes?|pv|statefulsets?|sts|crd|customresourcedefinitions?|nodes?|volumesnapshots?)(\.|\/|$)/i;

/**
 * `--dry-run`, `--dry-run=client|server|true`: kubectl and helm only show what would happen. `--dry-run=none` and
 * `=false` run it for real.
 */
export function isDryRun(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--dry-run') return true;
    if (a.startsWith('--dry-run=')) return ['client', 'server', 'true'].includes(a.slice('--dry-run='.length).toLowerCase());
  }
  return false;
}

function environment(cmd: SimpleCommand, ...words: string[]): ReturnType<typeof guessEnvironment> {
  return guessEnvironment([...words, cmd.text]);
}

export const K8S_RULES: ShellRule[] = [
  {
    id: 'k8s.delete',
    pack: 'k8s',
    kind: 'shell',
    // match() skips every view not named here, so classify() may skip the rule for other commands
    viewNames: KUBECTL_NAMES,
    severity: 'high',
    reason: 'kubectl delete removes cluster resources; deleting a namespace, volume claim or stateful set also deletes the data inside it.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const args of actingKubectl(cmd, ctx)) {
        const w = positionals(args, KUBECTL_VALUED);
        // `kubectl drain NODE --delete-emptydir-data`: evicts every pod and deletes their emptyDir volumes' data
        if (w[0] === 'drain' && hasOption(args, ['--delete-emptydir-data', '--delete-local-data'])) {
          return { target: `pods on ${w[1] ?? 'a node'} and their emptyDir data`, environment: environment(cmd), detail: 'deletes pods\' local volume data' };
        }
        if (w[0] !== 'delete') continue;
        const ns = optionValue(args, ['--namespace'], ['-n']);
        const ctxName = optionValue(args, ['--context', '--cluster']);
        const file = optionValue(args, ['--filename', '--kustomize'], ['-f', '-k']);
        const what = w.slice(1, 3).join(' ') || (file ? `resources in ${file}` : 'resources');
        const wide = hasOption(args, ['--all', '--all-namespaces'], 'A') || DATA_KINDS.test(w[1] ?? '');
        return {
          target: [what, ns ? `in namespace ${ns}` : '', hasOption(args, ['--all']) ? '(--all)' : ''].filter(Boolean).join(' '),
          environment: environment(cmd, ns ?? '', ctxName ?? ''),
          detail: wide ? 'deletes stored data or every resource of a kind' : 'deletes cluster resources',
        };
      }
      return undefined;
    },
    examples: {
      flag: [
        'kubectl delete namespace production',
        'kubectl delete pvc data-postgres-0 -n db',
        'kubectl delete pods --all -n staging',
        'kubectl --context prod-cluster delete deployment api',
        'kubectl delete -f k8s/',
        'oc delete project legacy',
        'k delete ns preview-42',
        'kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data',
        'kubectl delete -f k8s/ --dry-run=none',
      ],
      allow: ['kubectl delete -f k8s/ --dry-run=client', 'kubectl delete ns prod --dry-run=server', 'kubectl delete -f k8s/ --dry-run', 'kubectl drain node-1 --ignore-daemonsets', 'kubectl cordon node-1', 'kubectl get pods -A', 'kubectl describe pvc data-postgres-0', 'kubectl apply -f k8s/', 'kubectl logs deploy/api -n prod', 'kubectl rollout restart deployment api'],
    },
  },
  {
    id: 'k8s.helm-uninstall',
    pack: 'k8s',
    kind: 'shell',
    // match() skips every view not named here, so classify() may skip the rule for other commands
    viewNames: ['helm'],
    severity: 'high',
    reason: 'helm uninstall deletes every resource of a release (its volume claims and data may go with it).',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        if (v.name !== 'helm' || onlyDescribes(v)) continue;
        const w = positionals(v.args, new Set(['-n', '--namespace', '--kube-context', '--kubeconfig', '--timeout']));
        if (!['uninstall', 'delete', 'del', 'un'].includes(w[0] ?? '') || isDryRun(v.args)) continue;
        const ns = optionValue(v.args, ['--namespace'], ['-n']) ?? '';
        return { target: `release ${w.slice(1).join(' ') || '?'}${ns ? ` in ${ns}` : ''}`, environment: environment(cmd, ns, optionValue(v.args, ['--kube-context']) ?? '') };
      }
      return undefined;
    },
    examples: {
      flag: ['helm uninstall postgres -n db', 'helm delete redis --kube-context prod', 'helm un api', 'helm uninstall api --dry-run=false'],
      allow: ['helm uninstall api -n prod --dry-run', 'helm uninstall api --dry-run=server', 'helm list -A', 'helm upgrade --install api ./chart', 'helm template ./chart', 'helm status api', 'helm uninstall --help'],
    },
  },
  {
    id: 'k8s.tool-delete',
    pack: 'k8s',
    kind: 'shell',
    // match() skips every view not named here, so classify() may skip the rule for other commands
    viewNames: CLUSTER_TOOL_NAMES,
    severity: 'high',
    reason: 'A cluster tool deletes a cluster, an Argo CD app (with its resources), Velero backups, every release it manages, or a database operator\'s instance with its volume.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        if (!CLUSTER_TOOLS.has(v.name)) continue;
        const w = positionals(v.args, new Set(['-n', '--namespace', '--name', '--region', '--kube-context', '-e', '--environment', '-f', '--file', '--profile']));
        let target: string | undefined;
        if (v.name === 'eksctl' && w[0] === 'delete') target = `${w[1] ?? 'cluster'} ${optionValue(v.args, ['--name']) ?? w[2] ?? ''}`.trim();
        // Nomad: a purged job is gone from state; volumes, namespaces and variables deleted
        else if (v.name === 'nomad' && ((w[0] === 'job' && w[1] === 'stop' && v.args.some((a) => a === '-purge' || a === '--purge')) || ((w[0] === 'volume' || w[0] === 'namespace' || w[0] === 'var') && (w[1] === 'delete' || w[1] === 'purge')))) target = `${w[0]} ${w[2] ?? ''}`.trim();
        else if (v.name === 'argocd' && (w[0] === 'app' || w[0] === 'appset' || w[0] === 'cluster' || w[0] === 'proj' || w[0] === 'repo' || w[0] === 'account') && (w[1] === 'delete' || w[1] === 'rm')) target = `${w[0]} ${w[2] ?? ''}`.trim();
        else if (v.name === 'velero' && (w[1] === 'delete' || w[0] === 'delete')) target = `${w[0]} ${w[2] ?? ''}`.trim();
        else if (v.name === 'helmfile' && (w[0] === 'destroy' || w[0] === 'delete')) target = 'every release in the helmfile';
        else if (v.name === 'skaffold' && w[0] === 'delete') target = 'deployed resources';
        else if (v.name === 'flux' && w[0] === 'uninstall') target = 'flux and its resources';
        // kubectl plugins for database operators: `kubectl cnpg destroy CLUSTER N` removes an instance and its volume
        else if ((v.name === 'kubectl' || v.name === 'oc') && w[0] === 'cnpg' && w[1] === 'destroy') target = `instance ${w[3] ?? ''} of ${w[2] ?? 'the cluster'} and its PVC`.replace('  ', ' ');
        // the kubeconfig's only copy of a user's credentials (or a whole context) removed
        else if ((v.name === 'kubectl' || v.name === 'oc') && w[0] === 'config' && /^(?:delete-user|delete-cluster|delete-context)$/.test(w[1] ?? '')) target = `${w[1]!.slice(7)} ${w[2] ?? ''} in the kubeconfig`.trim();
        else if ((v.name === 'kubectl' || v.name === 'oc') && w[0] === 'config' && w[1] === 'unset' && /^users\./.test(w[2] ?? '')) target = `${w[2]} in the kubeconfig`;
        else if (v.name === 'kubectl-cnpg' && w[0] === 'destroy') target = `instance ${w[2] ?? ''} of ${w[1] ?? 'the cluster'} and its PVC`.replace('  ', ' ');
        if (target !== undefined) return { target, environment: environment(cmd, ...w) };
      }
      return undefined;
    },
    examples: {
      flag: ['eksctl delete cluster --name prod-eks', 'argocd app delete payments --cascade', 'argocd proj delete default', 'nomad job stop -purge api', 'nomad volume delete pgdata', 'velero backup delete nightly-2025 --confirm', 'helmfile -e production destroy', 'skaffold delete', 'kubectl cnpg destroy pg-prod 2', 'kubectl config delete-user admin', 'kubectl config unset users.admin'],
      allow: ['eksctl get cluster', 'nomad job status api', 'nomad job stop -h', 'argocd app sync payments', 'velero backup create nightly', 'helmfile apply', 'skaffold dev', 'kubectl cnpg status pg-prod', 'kubectl get pods', 'kubectl config use-context dev'],
    },
  },
  {
    id: 'k8s.implicit-delete',
    pack: 'k8s',
    kind: 'shell',
    // match() skips every view not named here, so classify() may skip the rule for other commands
    viewNames: KUBECTL_NAMES,
    severity: 'high',
    reason: 'kubectl deletes without saying delete: replace --force deletes and recreates each object, apply --prune deletes what the files leave out, and a volume whose reclaim policy is set to Delete loses its data with its claim.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const args of actingKubectl(cmd, ctx)) {
        const w = positionals(args, KUBECTL_VALUED);
        const file = optionValue(args, ['--filename', '--kustomize'], ['-f', '-k']);
        const ns = optionValue(args, ['--namespace'], ['-n']) ?? '';
        const env = environment(cmd, ns, optionValue(args, ['--context', '--cluster']) ?? '');
        if (w[0] === 'replace' && hasOption(args, ['--force'])) {
          return { target: w.slice(1, 3).join(' ') || (file ? `resources in ${file}` : 'resources'), environment: env, detail: 'replace --force deletes and recreates' };
        }
        if (w[0] === 'apply' && hasOption(args, ['--prune'])) {
          return { target: file ? `objects not in ${file}` : 'objects not in the applied files', environment: env, detail: 'apply --prune deletes objects the files leave out' };
        }
        if (w[0] === 'patch' || w[0] === 'edit' || w[0] === 'set') {
          // `-p '{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}'`, any spacing or YAML-ish quoting
          const patch = args.join(' ');
          if (/persistentVolumeReclaimPolicy["']?\s*:\s*["']?Delete\b/.test(patch)) {
            return { target: w.slice(1, 3).join(' ') || 'persistent volume', environment: env, detail: 'reclaim policy Delete: the volume is deleted with its claim' };
          }
        }
      }
      return undefined;
    },
    examples: {
      flag: [
        'kubectl replace --force -f k8s/ns.yaml',
        'kubectl -n prod replace --force -f deploy.yaml',
        'kubectl apply -f k8s/ --prune --all',
        'kubectl apply --prune -l app=api -f manifests/',
        `kubectl patch pv pg-data -p '{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}'`,
        `kubectl patch pv pg-data --type merge -p '{"spec": {"persistentVolumeReclaimPolicy": "Delete"}}'`,
        'kubectl replace --force -f k8s/ns.yaml --dry-run=none',
      ],
      allow: [
        'kubectl replace -f k8s/ns.yaml',
        'kubectl apply -f k8s/',
        'kubectl apply -f k8s/ --prune --all --dry-run=server',
        'kubectl replace --force -f k8s/ns.yaml --dry-run=client',
        `kubectl patch pv pg-data -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'`,
        `kubectl patch deploy api -p '{"spec":{"replicas":3}}'`,
      ],
    },
  },
];
