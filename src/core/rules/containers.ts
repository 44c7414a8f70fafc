// Docker/Podman commands that delete volumes, where containers keep their databases and uploads.
// `docker compose down` without -v keeps volumes and is allowed.
import { guessEnvironment } from '../environment';
import { commandViews, isHelpRequest, type CommandView } from './lib/runners';
import { hasOption, positionals } from './lib/words';
import type { ShellRule } from './types';

const ENGINE_NAMES = ['docker', 'podman', 'nerdctl', 'finch'];
const COMPOSE_NAMES = ['docker-compose', 'podman-compose'];
const ENGINES = new Set(ENGINE_NAMES);
const COMPOSES = new Set(COMPOSE_NAMES);
const GLOBAL_VALUED = new Set(['-H', '--host', '--context', '-c', '--config', '--log-level', '-l']);
const COMPOSE_VALUED = new Set(['-f', '--file', '-p', '--project-name', '--env-file', '--profile', '--project-directory', '-t', '--timeout', '--rmi']);

/** `docker [global opts] compose [opts] down …` / `docker-compose down …` -> the words after `compose`. */
function composeWords(v: CommandView): string[] | undefined {
  if (COMPOSES.has(v.name)) return positionals(v.args, COMPOSE_VALUED);
  if (!ENGINES.has(v.name)) return undefined;
  const w = positionals(v.args, new Set([...GLOBAL_VALUED, ...COMPOSE_VALUED]));
  return w[0] === 'compose' ? w.slice(1) : undefined;
}

function engineWords(v: CommandView): string[] | undefined {
  return ENGINES.has(v.name) ? positionals(v.args, GLOBAL_VALUED) : undefined;
}

function containerRule(
  name: string,
  viewNames: readonly string[],
  reason: string,
  test: (v: CommandView) => string | undefined,
  examples: ShellRule['examples'],
): ShellRule {
  const names = new Set(viewNames);
  return {
    id: `containers.${name}`,
    pack: 'containers',
    kind: 'shell',
    viewNames,
    severity: 'high',
    reason,
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        // Only the declared programs: classify() relies on it to skip this rule for every other command.
        if (!names.has(v.name) || isHelpRequest(v)) continue;
        const target = test(v);
        if (target !== undefined) return { target, environment: guessEnvironment(cmd.text) };
      }
      return undefined;
    },
    examples,
  };
}

export const CONTAINER_RULES: ShellRule[] = [
  containerRule(
    'volume-delete',
    ENGINE_NAMES,
    'Deletes container volumes (docker volume rm/prune): databases and files stored in them are gone.',
    (v) => {
      const w = engineWords(v);
      if (!w || w[0] !== 'volume') return undefined;
      if (w[1] === 'rm' || w[1] === 'remove') return `volume ${w.slice(2).join(' ') || '?'}`;
      if (w[1] === 'prune') return hasOption(v.args, ['--all'], 'a') ? 'every unused volume' : 'unused anonymous volumes';
      return undefined;
    },
    {
      flag: ['docker volume rm pgdata', 'docker volume prune -f', 'podman volume rm app_db_data', 'docker volume rm $(docker volume ls -q)'],
      allow: ['docker volume ls', 'docker volume inspect pgdata', 'docker volume create cache'],
    },
  ),
  containerRule(
    'system-prune-volumes',
    ENGINE_NAMES,
    'docker system prune --volumes deletes every volume not used by a running container, with its data.',
    (v) => {
      const w = engineWords(v);
      return w && w[0] === 'system' && w[1] === 'prune' && hasOption(v.args, ['--volumes']) ? 'unused volumes' : undefined;
    },
    {
      flag: ['docker system prune --volumes', 'docker system prune -a -f --volumes', 'podman system prune --all --volumes'],
      allow: ['docker system prune', 'docker system df', 'docker image prune -a', 'docker builder prune'],
    },
  ),
  containerRule(
    'compose-down-volumes',
    [...ENGINE_NAMES, ...COMPOSE_NAMES],
    'docker compose down -v deletes the named volumes of the project (its databases included).',
    (v) => {
      const w = composeWords(v);
      if (!w) return undefined;
      if ((w[0] === 'down' || w[0] === 'rm') && hasOption(v.args, ['--volumes'], 'v')) return 'compose project volumes';
      return undefined;
    },
    {
      flag: ['docker compose down -v', 'docker-compose down --volumes --remove-orphans', 'docker compose -f docker-compose.prod.yml down -v', 'podman-compose down -v'],
      allow: ['docker compose down', 'docker compose up -d', 'docker-compose down --remove-orphans', 'docker compose logs -f db', 'docker compose ps'],
    },
  ),
  containerRule(
    'rm-volumes',
    ENGINE_NAMES,
    'docker rm -v removes containers together with their anonymous volumes.',
    (v) => {
      const w = engineWords(v);
      if (!w) return undefined;
      const isRm = w[0] === 'rm' || (w[0] === 'container' && (w[1] === 'rm' || w[1] === 'remove'));
      return isRm && hasOption(v.args, ['--volumes'], 'v') ? `container ${w[w[0] === 'rm' ? 1 : 2] ?? '?'}` : undefined;
    },
    {
      flag: ['docker rm -v postgres', 'docker rm -fv db', 'docker container rm --volumes old-db'],
      allow: ['docker rm web', 'docker rm -f $(docker ps -aq --filter status=exited)', 'docker ps -a', 'docker run -v pgdata:/var/lib/postgresql/data postgres'],
    },
  ),
  containerRule(
    'prune-all',
    ENGINE_NAMES,
    'Deletes every unused image (system/image prune -a) or resets the whole engine: locally built images that exist nowhere else are gone.',
    (v) => {
      const w = engineWords(v);
      if (!w) return undefined;
      if (w[0] === 'system' && w[1] === 'reset') return 'every container, image and volume';
      if ((w[0] === 'system' || w[0] === 'image') && w[1] === 'prune' && hasOption(v.args, ['--all'], 'a')) return `every unused ${w[0] === 'image' ? 'image' : 'image, container and network'}`;
      return undefined;
    },
    {
      flag: ['docker system prune -a', 'docker system prune -af', 'docker image prune -a', 'docker image prune --all --force', 'podman system reset', 'sudo docker system prune --all -f'],
      allow: ['docker system prune', 'docker image prune', 'docker system df', 'docker builder prune', 'docker image ls'],
    },
  ),
  // One named container is routinely recreated (`docker rm -f web && docker run …`), and without -f docker refuses a
  // running one; data meant to outlive a container lives in volumes, which the rules above guard. Removing every
  // container at once (a computed list) also takes other projects' containers, running ones included.
  containerRule(
    'remove-all',
    ENGINE_NAMES,
    'Force-removes every container or image a computed list names (docker rm -f $(docker ps -aq)), running ones and other projects\' included.',
    (v) => {
      const w = engineWords(v);
      if (!w) return undefined;
      const rm = w[0] === 'rm' || w[0] === 'rmi' || ((w[0] === 'container' || w[0] === 'image') && (w[1] === 'rm' || w[1] === 'remove'));
      if (!rm || !hasOption(v.args, ['--force'], 'f')) return undefined;
      const names = w.slice(w[0] === 'rm' || w[0] === 'rmi' ? 1 : 2);
      return names.some((n) => /\$\(|`/.test(n)) || names.length > 8 ? `${w[0] === 'rmi' || w[0] === 'image' ? 'images' : 'containers'} ${names.join(' ').slice(0, 60)}` : undefined;
    },
    {
      flag: ['docker rm -f $(docker ps -aq)', 'docker rm -f `docker ps -aq`', 'docker rmi -f $(docker images -q)', 'docker container rm -f $(docker container ls -aq)', 'podman rm -f $(podman ps -aq)'],
      allow: ['docker rm web', 'docker rm container-name', 'docker rm -f web', 'docker ps -a', 'docker rmi myimage:old'],
    },
  ),
];
