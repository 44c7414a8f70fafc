// Outward and irreversible: publishing a package to a public registry (a version number can never be reused, and
// whatever the package holds, secrets included, is mirrored at once) and withdrawing versions other people depend
// on. Dry runs, packing, building, local registries (Verdaccio on localhost, a folder feed) and test indexes stay
// allowed. `npm unpublish` is system.npm-unpublish.
import { cliRule } from './lib/cli_rule';
import type { CommandView } from './lib/runners';
import { hasOption, optionValue, positionals } from './lib/words';
import type { ShellRule } from './types';

const NPMS = ['npm', 'pnpm', 'yarn', 'bun'];
const PYTHONS = ['python', 'python3', 'py'];
const set = (...w: string[]): ReadonlySet<string> => new Set(w);
const NPM_VALUED = set('--otp', '--registry', '-w', '--workspace', '--tag', '--access', '--prefix', '--filter', '-F', '-C', '--dir', '--cwd', '--new-version', '--userconfig');
const CARGO_VALUED = set('--registry', '--index', '--token', '-p', '--package', '--manifest-path', '--target', '-j', '--jobs', '--features', '-F', '--config', '-Z', '--target-dir', '--vers', '--version', '--color');
const PY_VALUED = set(
  '-r', '--repository', '--repository-url', '-u', '--username', '-p', '--password', '--cert', '--client-cert', '--dist-dir', '-C', '--directory', '--project',
  '-c', '--comment', '-i', '--identity', '--sign-with', '--config-file', '--repo', '--user', '--auth', '--ca-cert', '--publish-url', '--index', '--index-url',
  '--check-url', '--trusted-publishing', '--keyring-provider', '--token', '-t',
);
const GEM_VALUED = set('--host', '-k', '--key', '--otp', '--platform', '-v', '--version');
const MVN_VALUED = set('-f', '--file', '-s', '--settings', '-gs', '--global-settings', '-P', '--activate-profiles', '-pl', '--projects', '-rf', '--resume-from', '-T', '--threads', '-l', '--log-file', '-t', '--toolchains', '-D', '--define', '-b', '--builder');
const GRADLE_VALUED = set('-x', '--exclude-task', '-I', '--init-script', '-g', '--gradle-user-home', '-p', '--project-dir', '--project-cache-dir', '-b', '--build-file', '-c', '--settings-file', '-D', '--system-prop', '-P', '--project-prop', '--console', '--warning-mode', '--max-workers');
const NUGET_VALUED = set('-s', '--source', '-k', '--api-key', '-ss', '--symbol-source', '-sk', '--symbol-api-key', '-t', '--timeout', '-Source', '-ApiKey', '-SymbolSource', '-SymbolApiKey', '-Timeout', '-ConfigFile');
const JS_TOOL_VALUED = set('--pat', '-p', '--packagePath', '--baseContentUrl', '--baseImagesUrl', '--registry', '--dist-tag', '--preid', '-m', '--message', '--otp');

function valuedFor(name: string): ReadonlySet<string> {
  if (NPMS.includes(name)) return NPM_VALUED;
  if (name === 'cargo') return CARGO_VALUED;
  if (name === 'gem') return GEM_VALUED;
  if (name.startsWith('mvn')) return MVN_VALUED;
  if (name.startsWith('gradle')) return GRADLE_VALUED;
  if (name === 'dotnet' || name.startsWith('nuget')) return NUGET_VALUED;
  if (['lerna', 'changeset', 'vsce', 'ovsx'].includes(name)) return JS_TOOL_VALUED;
  return PY_VALUED;
}

/** Where a publish goes when it does not leave the machine or is a test index: loopback registries, folder feeds, TestPyPI. */
function isHarmlessDestination(value: string | undefined): boolean {
  if (value === undefined) return false;
  return (
    /^(?:https?:\/\/)?(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|0\.0\.0\.0|host\.docker\.internal)(?::\d+)?(?:[/?#]|$)/i.test(value) ||
    /^(?:file:|\.{1,2}[\\/]|~[\\/]|\/|[A-Za-z]:[\\/])/.test(value) ||
    /(?:^|\.)test\.pypi\.org(?:[:/]|$)/i.test(value.replace(/^https?:\/\//, '')) ||
    /^(?:test-?pypi|test)$/i.test(value)
  );
}

/** `python -m twine upload …` runs twine; other views are the program itself. */
function program(v: CommandView): { name: string; args: string[] } {
  if (PYTHONS.includes(v.name)) {
    const i = v.args.indexOf('-m');
    if (i >= 0 && v.args[i + 1] !== undefined) return { name: v.args[i + 1].toLowerCase(), args: v.args.slice(i + 2) };
  }
  return { name: v.name, args: v.args };
}

/** Maven goals that deploy artifacts to a remote repository or perform a release: the `deploy` phase, `deploy:deploy(-file)`, `release:perform`. */
function mavenPublishGoal(goal: string): boolean {
  if (goal === 'deploy') return true;
  const parts = goal.split(':');
  if (parts.length < 2) return false;
  const last = parts[parts.length - 1];
  const plugins = parts.slice(0, -1);
  if ((last === 'deploy' || last === 'deploy-file') && plugins.some((p) => /^(?:maven-)?deploy(?:-plugin)?$/.test(p))) return true;
  return last === 'perform' && plugins.some((p) => /^(?:maven-)?release(?:-plugin)?$/.test(p));
}

/** Gradle tasks that publish outside the machine: `publish`, `:lib:publish`, `publishToSonatype`, `publishPlugins`, not `publishToMavenLocal`. */
function gradlePublishTask(task: string): boolean {
  const t = task.slice(task.lastIndexOf(':') + 1);
  if (/^publish/.test(t)) return !/ToMavenLocal$/.test(t);
  return /^(?:closeAnd)?[rR]elease\w*StagingRepositor(?:y|ies)$/.test(t);
}

function publishTarget(view: CommandView): string | undefined {
  const { name, args } = program(view);
  const w = positionals(args, valuedFor(name));
  if (hasOption(args, ['--dry-run', '--dryrun'])) return undefined;
  switch (name) {
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'bun': {
      // `yarn npm publish` (Yarn 2+), `yarn workspace web publish`
      let i = name === 'yarn' && w[0] === 'workspace' ? 2 : 0;
      if (name === 'yarn' && w[i] === 'npm') i++;
      if (w[i] !== 'publish') return undefined;
      if (isHarmlessDestination(optionValue(args, ['--registry']))) return undefined;
      return `${name} publish ${w[i + 1] ?? '(this package)'}`;
    }
    case 'cargo':
      return w[0] === 'publish' ? `crate ${optionValue(args, ['--package'], ['-p']) ?? '(this crate)'}` : undefined;
    case 'poetry':
    case 'pdm':
    case 'flit':
    case 'hatch':
    case 'uv':
    case 'rye':
      if (w[0] !== 'publish') return undefined;
      return isHarmlessDestination(optionValue(args, ['--repository', '--repo', '--publish-url', '--index'], ['-r'])) ? undefined : `${name} publish (Python package)`;
    case 'twine':
      if (w[0] !== 'upload') return undefined;
      return isHarmlessDestination(optionValue(args, ['--repository', '--repository-url'], ['-r'])) ? undefined : `upload ${w.slice(1).join(' ') || 'dist/*'}`;
    case 'gem':
      if (w[0] !== 'push') return undefined;
      return isHarmlessDestination(optionValue(args, ['--host'])) ? undefined : `gem ${w[1] ?? '?'}`;
    case 'rake':
      return w.some((t) => t === 'release' || t.startsWith('release:')) ? 'gem release (rake release)' : undefined;
    case 'mvn':
    case 'mvnw':
    case 'mvnd':
      if (args.some((a) => /^-D(?:maven\.deploy\.skip|dryRun)=true$/.test(a))) return undefined;
      return w.some(mavenPublishGoal) ? `maven ${w.filter(mavenPublishGoal).join(' ')}` : undefined;
    case 'gradle':
    case 'gradlew':
      if (hasOption(args, [], 'm') || args.includes('--validate-only')) return undefined;
      return w.some(gradlePublishTask) ? `gradle ${w.filter(gradlePublishTask).join(' ')}` : undefined;
    case 'dotnet':
      if (w[0] !== 'nuget' || w[1] !== 'push') return undefined;
      return isHarmlessDestination(optionValue(args, ['--source'], ['-s'])) ? undefined : `nuget ${w[2] ?? '?'}`;
    case 'nuget':
    case 'nuget.exe':
      if (w[0]?.toLowerCase() !== 'push') return undefined;
      return isHarmlessDestination(optionValue(args, ['-Source', '--source'], ['-s'])) ? undefined : `nuget ${w[1] ?? '?'}`;
    case 'lerna':
    case 'changeset':
    case 'vsce':
    case 'ovsx':
      return w[0] === 'publish' ? `${name} publish ${w.slice(1).join(' ')}`.trim() : undefined;
    default:
      return undefined;
  }
}

function withdrawTarget(view: CommandView): string | undefined {
  const { name, args } = program(view);
  const w = positionals(args, valuedFor(name));
  if (hasOption(args, ['--dry-run'])) return undefined;
  switch (name) {
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'bun': {
      const i = name === 'yarn' && w[0] === 'npm' ? 1 : 0;
      // `npm deprecate pkg ""` lifts a deprecation.
      return w[i] === 'deprecate' && w[i + 1] !== undefined && (w[i + 2] ?? '') !== '' ? `deprecate ${w[i + 1]}` : undefined;
    }
    case 'cargo':
      return w[0] === 'yank' && !hasOption(args, ['--undo']) ? `yank ${w[1] ?? optionValue(args, ['--version', '--vers']) ?? '?'}` : undefined;
    case 'gem':
      return w[0] === 'yank' ? `yank ${w[1] ?? '?'}` : undefined;
    case 'dotnet':
      return w[0] === 'nuget' && w[1] === 'delete' ? `nuget ${w.slice(2).join(' ') || '?'}` : undefined;
    case 'nuget':
    case 'nuget.exe':
      return w[0]?.toLowerCase() === 'delete' ? `nuget ${w.slice(1).join(' ') || '?'}` : undefined;
    default:
      return undefined;
  }
}

const PUBLISHERS = [...NPMS, 'cargo', 'poetry', 'pdm', 'flit', 'hatch', 'uv', 'rye', 'twine', 'gem', 'rake', 'mvn', 'mvnw', 'mvnd', 'gradle', 'gradlew', 'dotnet', 'nuget', 'nuget.exe', 'lerna', 'changeset', 'vsce', 'ovsx', ...PYTHONS];

export const PUBLISH_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'publish',
    name: 'package-publish',
    clis: PUBLISHERS,
    reason: 'Publishes a package to a public registry: it is out at once (mirrored, installed, its contents readable by anyone) and the version number can never be reused.',
    test: (_w, v) => publishTarget(v),
    examples: {
      flag: [
        'npm publish',
        'npm publish --access public --tag next',
        'pnpm -r publish',
        'yarn npm publish',
        'yarn workspace @acme/ui npm publish --tag beta',
        'cargo publish',
        'poetry publish --build',
        'twine upload dist/*',
        'python -m twine upload dist/*',
        'gem push mygem-1.0.0.gem',
        'mvn deploy',
        'mvn clean deploy -DskipTests',
        './mvnw release:perform',
        'mvn org.apache.maven.plugins:maven-deploy-plugin:3.1.1:deploy-file -Dfile=app.jar',
        'gradle publish',
        './gradlew :lib:publishToSonatype closeAndReleaseSonatypeStagingRepository',
        'dotnet nuget push bin/Release/App.1.0.0.nupkg --api-key $KEY --source https://api.nuget.org/v3/index.json',
        'hatch publish',
        'uv publish',
        'flit publish',
        'vsce publish',
      ],
      allow: [
        'npm pack',
        'npm publish --dry-run',
        'npm publish --registry http://localhost:4873',
        'npm run build',
        'npm install',
        'cargo build --release',
        'cargo publish --dry-run',
        'cargo package',
        'poetry build',
        'poetry publish --dry-run',
        'twine check dist/*',
        'twine upload --repository testpypi dist/*',
        'gem build mygem.gemspec',
        'mvn package',
        'mvn install',
        'mvn verify',
        'gradle build',
        './gradlew publishToMavenLocal',
        './gradlew build -x publish',
        'dotnet nuget push App.1.0.0.nupkg --source ./local-feed',
        'dotnet pack',
        'uv build',
        'vsce package',
      ],
    },
  }),
  cliRule({
    pack: 'publish',
    name: 'package-withdraw',
    clis: PUBLISHERS,
    reason: 'Withdraws or deprecates published package versions (yank, deprecate, nuget delete): builds and installs that depend on them start failing or warning for everyone.',
    test: (_w, v) => withdrawTarget(v),
    examples: {
      flag: ['cargo yank --version 1.0.1', 'cargo yank mycrate@0.3.0', 'gem yank mygem -v 1.0.0', 'npm deprecate my-lib@"< 2.0.0" "critical bug, upgrade"', 'dotnet nuget delete App 1.0.0 --source https://api.nuget.org/v3/index.json', 'nuget delete App 1.0.0'],
      allow: ['cargo yank --undo --version 1.0.1', 'npm deprecate my-lib@1.0.0 ""', 'npm view my-lib versions', 'gem list', 'cargo search serde', 'dotnet nuget list source'],
    },
  }),
];
