// Code hosting CLIs deleting what lives only on the forge: repositories (cloud.gh-repo-delete covers gh), releases and
// their assets, issues, gists, codespaces with unpushed work, and any DELETE sent through `gh api`/`glab api`.
import { cliRule } from './lib/cli_rule';
import { destructiveMutationFields } from './lib/graphql';
import { hasOption, optionValue } from './lib/words';
import type { ShellRule } from './types';

const API_VALUED = ['-X', '--method', '-H', '--header', '-f', '--raw-field', '-F', '--field', '--input', '-q', '--jq', '-t', '--template', '--hostname', '--cache', '-p', '--preview'];

/** `gh api`/`glab api` requests that delete: `-X DELETE`, `--method=delete`, or a GraphQL mutation that deletes. */
function apiDelete(args: readonly string[], words: string[]): string | undefined {
  if (words[0] !== 'api') return undefined;
  const method = optionValue(args, ['--method'], ['-X']);
  if (method !== undefined && method.toUpperCase() === 'DELETE') return words[1] ?? 'API resource';
  if (words[1] === 'graphql') {
    for (const a of args) {
      if (!/mutation/i.test(a) || a.length > 20_000) continue;
      const fields = destructiveMutationFields(a.replace(/^query=/, ''));
      if (fields.length > 0) return `graphql ${fields[0]}`;
    }
  }
  return undefined;
}

const GH_DELETABLE = new Set(['release', 'issue', 'gist', 'codespace', 'project', 'label', 'ruleset', 'deploy-key', 'ssh-key', 'gpg-key', 'run', 'cache', 'extension']);
// Regenerable or harmless to lose: workflow run logs and caches come back with the next run; extensions reinstall.
const GH_HARMLESS = new Set(['run', 'cache', 'extension', 'label']);

export const HOSTING_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'hosting',
    name: 'gh-delete',
    clis: ['gh'],
    reason: 'The GitHub CLI deletes something that lives only on GitHub (a release and its assets, an issue, a gist, a codespace with unpushed work, a ruleset or key), or sends a DELETE through gh api.',
    valued: API_VALUED.concat(['-R', '--repo']),
    test(w, v) {
      const api = apiDelete(v.args, w);
      if (api !== undefined) return api;
      if (GH_DELETABLE.has(w[0] ?? '') && !GH_HARMLESS.has(w[0]) && (w[1] === 'delete' || w[1] === 'delete-asset' || w[1] === 'remove')) return `${w[0]} ${w[2] ?? ''}`.trim();
      // `gh project field-delete` / `item-delete`: the field's values on every item go with it
      // `gh repo sync --force` hard-resets the destination branch: its own commits are gone
      if (w[0] === 'repo' && w[1] === 'sync' && hasOption(v.args, ['--force'])) return `${w[2] ?? 'fork'} (hard reset to its source)`;
      if (w[0] === 'project' && /^(?:field|item)-delete$/.test(w[1] ?? '')) return `project ${w[1]} ${optionValue(v.args, ['--id']) ?? w[2] ?? ''}`.trim();
      // `gh api -X PATCH repos/o/r/git/refs/heads/main -F force=true`: a force-moved branch, like a force push
      if (w[0] === 'api' && /\/git\/refs\//.test(w[1] ?? '') && /^(?:PATCH|POST)$/i.test(optionValue(v.args, ['--method'], ['-X']) ?? '') && v.args.some((a) => /^force=(?:true|1)$/i.test(a))) return `${w[1]} (force-moved)`;
      if (w[0] === 'repo' && w[1] === 'deploy-key' && w[2] === 'delete') return 'deploy key';
      // Archiving can be undone, but until then every push, issue and PR to it fails.
      if (w[0] === 'repo' && w[1] === 'archive') return `archive ${w[2] ?? 'current repository'}`;
      return undefined;
    },
    examples: {
      flag: [
        'gh release delete v1.0 --yes',
        'gh release delete v2.3.1 --cleanup-tag -y',
        'gh release delete-asset v1 app.zip',
        'gh api -X DELETE repos/org/x',
        'gh api --method DELETE /repos/o/r/releases/1',
        'gh api repos/o/r/git/refs/heads/main -X DELETE',
        'gh issue delete 12 --yes',
        'gh gist delete 5b0e0062eb8e9654adad7bb1d81cc75f',
        'gh codespace delete --all --force',
        'gh repo archive owner/repo --yes',
        'gh api graphql -f query=\'mutation { deleteProjectV2Item(input: {}) { deletedItemId } }\'',
        'gh project field-delete --id PVTF_lADOabc',
        'gh repo sync dev/app-fork --force',
        'gh api -X PATCH repos/acme/app/git/refs/heads/main -f sha=0123456789abcdef0123456789abcdef01234567 -F force=true',
      ],
      allow: ['gh api -X PATCH repos/acme/app/git/refs/heads/main -f sha=0123456789abcdef0123456789abcdef01234567', 'gh project field-list 1 --owner acme', 'gh release view v1', 'gh release list', 'gh release create v1.1 --generate-notes', 'gh api repos/o/r', 'gh api -X GET repos/o/r', 'gh api -X POST repos/o/r/issues -f title=x', 'gh issue list', 'gh run delete 123', 'gh cache delete --all'],
    },
  }),
  cliRule({
    pack: 'hosting',
    name: 'glab-delete',
    clis: ['glab', 'tea', 'bb', 'hub', 'gitea', 'forgejo'],
    reason: 'A GitLab/Gitea/Bitbucket CLI deletes a repository, release, issue, snippet, merge request, pipeline (its jobs, logs and artifacts) or schedule, or sends a DELETE through its api command.',
    valued: API_VALUED.concat(['-R', '--repo', '-g', '--group', '--login', '-l']),
    test(w, v) {
      const api = apiDelete(v.args, w);
      if (api !== undefined) return api;
      if (v.name === 'hub') return w[0] === 'delete' ? w[1] ?? 'repository' : undefined;
      const i = w.findIndex((x, k) => k >= 1 && k <= 2 && (x === 'delete' || x === 'rm' || x === 'remove'));
      if (i < 0) return undefined;
      const what = w[0];
      // `glab repo archive` only downloads a tarball of the repository: a read.
      return ['repo', 'repos', 'release', 'releases', 'issue', 'issues', 'snippet', 'project', 'projects', 'org', 'organizations', 'branch', 'label', 'ci', 'pipeline', 'schedule', 'mr', 'pr', 'pulls'].includes(what) ? `${what} ${w[i + 1] ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: ['glab repo delete org/x', 'glab repo delete org/x --yes', 'glab release delete v1', 'glab api -X DELETE projects/1', 'glab issue delete 42', 'tea repos delete --repo old', 'hub delete org/x', 'glab ci delete 123', 'glab ci delete --status=failed', 'glab schedule delete 7', 'glab mr delete 12'],
      allow: ['glab repo view', 'glab repo clone org/x', 'glab release list', 'glab api projects/1', 'glab mr create', 'tea repos list', 'glab repo archive my/group', 'glab ci list', 'glab ci view 123', 'glab schedule list'],
    },
  }),
  cliRule({
    pack: 'hosting',
    name: 'ci-delete',
    clis: ['java', 'jenkins-cli', 'jenkins', 'gitlab-runner', 'circleci', 'curl', 'wget', 'http', 'https'],
    reason: 'Deletes CI/CD jobs, nodes, credentials, runners, orbs or pipelines (Jenkins, GitLab Runner, CircleCI); builds and deploys stop.',
    valued: ['-s', '-auth', '-i', '-X', '--request', '-H', '--header', '-d', '--data', '-u', '--user', '-o', '--output', '--url', '--token', '--name', '-t', '--host'],
    test(w, v) {
      if (v.name === 'java' || v.name === 'jenkins-cli' || v.name === 'jenkins') {
        if (v.name === 'java' && !v.args.some((a) => /jenkins-cli\.jar$/.test(a))) return undefined;
        const verb = w.find((x) => /^delete-(job|jobs|node|view|builds|credentials|credentials-domain)$/.test(x));
        return verb ? `${verb} ${w[w.indexOf(verb) + 1] ?? ''}`.trim() : undefined;
      }
      if (v.name === 'gitlab-runner') return w[0] === 'unregister' ? `runner ${optionValue(v.args, ['--name']) ?? (v.args.includes('--all-runners') ? 'all' : '')}`.trim() : undefined;
      if (v.name === 'circleci') return (w[0] === 'orb' || w[0] === 'namespace' || w[0] === 'pipeline' || w[0] === 'project') && w[1] === 'delete' ? `${w[0]} ${w[2] ?? ''}`.trim() : undefined;
      // Jenkins' web API deletes with a POST to …/doDelete.
      const url = w.find((x) => /^https?:\/\/[^ ]*\/doDelete(?:\?|$)/.test(x));
      return url;
    },
    examples: {
      flag: [
        'java -jar jenkins-cli.jar -s http://jenkins.local/ delete-job deploy-prod',
        'java -jar jenkins-cli.jar -s http://jenkins.local/ -auth @cred delete-node agent-1',
        'curl -X POST http://jenkins.local/job/deploy-prod/doDelete',
        'gitlab-runner unregister --all-runners',
        'gitlab-runner unregister --name runner-prod',
        'circleci orb delete my-org/my-orb',
        'circleci namespace delete my-org',
      ],
      allow: ['java -jar jenkins-cli.jar -s http://jenkins.local/ build deploy-prod', 'java -jar app.jar delete-job', 'gitlab-runner register --url https://gitlab.example.com', 'gitlab-runner list', 'circleci orb list my-org', 'curl http://jenkins.local/job/deploy-prod/api/json'],
    },
  }),
];
