// Docker/Podman commands that delete volumes, where containers keep their databases and uploads.
// `docker compose down` without -v keeps volumes and is allowed.
import { guessEnvironment } from '../environment';
import { commandViews, onlyDescribes, type CommandView } from './lib/runners';
import { hasOption, optionValue, positionals } from './lib/words';
import type { ShellRule, SimpleCommand } from './types';

const ENGINE_NAMES = ['docker', 'podman', 'nerdctl', 'finch'];
const COMPOSE_NAMES = ['docker-compose', 'podman-compose'];
const ENGINES = new Set(ENGINE_NAMES);
const COMPOSES = new Set(COMPOSE_NAMES);
const GLOBAL_VALUED = new Set(['-H', '--host', '--context', '-c', '--config', '--log-level', '-l', '--url', '--connection']);
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
  test: (v: CommandView, cmd: SimpleCommand) => string | undefined,
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
        if (!names.has(v.name) || onlyDescribes(v)) continue;
        const target = test(v, cmd);
        if (target !== undefined) return { target, environment: guessEnvironment(cmd.text) };
      }
      return undefined;
    },
    examples,
  };
}

/** Contexts and hosts that are this machine's own engine (Docker Desktop, Colima, OrbStack, Rancher Desktop, a podman machine). */
const LOCAL_CONTEXTS = /^(?:default|desktop-linux|desktop-windows|colima(?:-.*)?|orbstack|rancher-desktop|podman-machine-default(?:-root)?|lima-.*|rootless)$/;
const LOCAL_HOST = /^(?:unix|npipe|fd):\/\/|^(?:tcp:\/\/)?(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::\d+)?\/?$/;

/** The remote engine a docker/podman command talks to (`-H ssh://prod`, `--context prod`, `DOCKER_HOST=tcp://…`), else undefined. */
function remoteEngine(v: CommandView, cmd: SimpleCommand): string | undefined {
  const host = optionValue(v.args, ['--host', '--url'], ['-H']) ?? (v.name === cmd.name ? cmd.assignments.DOCKER_HOST ?? cmd.assignments.CONTAINER_HOST : undefined);
  if (host !== undefined && host !== '' && !LOCAL_HOST.test(host)) return host;
  const context = optionValue(v.args, ['--context', '--connection'], ['-c']) ?? (v.name === cmd.name ? cmd.assignments.DOCKER_CONTEXT ?? cmd.assignments.CONTAINER_CONNECTION : undefined);
  if (context !== undefined && context !== '' && !LOCAL_CONTEXTS.test(context)) return `context ${context}`;
  if (v.name === 'podman' && hasOption(v.args, ['--remote'])) return 'podman remote';
  return undefined;
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
      // A filtered list (`--filter name=web`, `| grep web`) picks containers on purpose.
      const computed = names.filter((n) => /\$\(|`/.test(n));
      if (computed.length > 0 && computed.every((n) => /--filter|\s-f\s|\bgrep\b|\bawk\b/.test(n))) return undefined;
      return computed.length > 0 || names.length > 8 ? `${w[0] === 'rmi' || w[0] === 'image' ? 'images' : 'containers'} ${names.join(' ').slice(0, 60)}` : undefined;
    },
    {
      flag: ['docker rm -f $(docker ps -aq)', 'docker rm -f `docker ps -aq`', 'docker rmi -f $(docker images -q)', 'docker container rm -f $(docker container ls -aq)', 'podman rm -f $(podman ps -aq)'],
      allow: ['docker rm web', 'docker rm container-name', 'docker rm -f web', 'docker ps -a', 'docker rmi myimage:old', 'docker rm -f $(docker ps -aq --filter name=myapp)'],
    },
  ),
  // On this machine's own engine, stopping or force-removing a named container is everyday work (it is recreated with
  // `docker run`; its data lives in volumes, guarded above). On another host's engine the same command is an outage.
  containerRule(
    'remote-stop',
    ENGINE_NAMES,
    'Stops, kills or force-removes containers on a remote container engine (another host, maybe production): its services go down.',
    (v, cmd) => {
      const w = engineWords(v);
      if (!w) return undefined;
      const sub = w[0] === 'container' ? w.slice(1) : w;
      const verb = sub[0];
      const force = hasOption(v.args, ['--force'], 'f');
      const hit = verb === 'stop' || verb === 'kill' || verb === 'pause' || ((verb === 'rm' || verb === 'remove') && force) || (verb === 'rmi' && force);
      if (!hit) return undefined;
      const engine = remoteEngine(v, cmd);
      return engine !== undefined ? `${verb} ${sub.slice(1).join(' ') || '?'} on ${engine}` : undefined;
    },
    {
      flag: ['docker -H ssh://deploy@prod-1 stop api', 'docker --context prod rm -f web', 'DOCKER_HOST=tcp://10.0.3.7:2376 docker kill traefik', 'docker -c staging container stop worker', 'podman --remote stop db', 'DOCKER_CONTEXT=prod-eu docker stop $(docker ps -q)'],
      allow: ['docker stop web', 'docker rm -f web', 'docker --context default stop web', 'docker --context desktop-linux rm -f api', 'docker -H unix:///var/run/docker.sock kill dev', 'docker --context prod ps', 'docker -H ssh://prod logs api'],
    },
  ),
  // A swarm is a deployed cluster: its stacks and services are what runs there, its secrets and configs are stored
  // nowhere else (`docker secret inspect` never shows a value), and a manager leaving by force loses the raft state.
  containerRule(
    'swarm-remove',
    ['docker'],
    'Removes what a Docker swarm runs or keeps (docker stack/service rm, secret/config rm, node rm, swarm leave --force): services go down, and secrets and configs exist nowhere else.',
    (v) => {
      const w = engineWords(v);
      if (!w) return undefined;
      const [group, verb] = w;
      const rm = verb === 'rm' || verb === 'remove';
      if ((group === 'stack' && (rm || verb === 'down')) || (group === 'service' && rm) || (group === 'secret' && rm) || (group === 'config' && rm)) return `${group} ${w.slice(2).join(' ') || '?'}`;
      if (group === 'node' && rm) return `node ${w.slice(2).join(' ') || '?'}`;
      if (group === 'swarm' && verb === 'leave' && hasOption(v.args, ['--force'], 'f')) return 'this manager\'s swarm membership (raft state)';
      return undefined;
    },
    {
      flag: ['docker stack rm shop', 'docker stack remove shop', 'docker service rm shop_db', 'docker secret rm shop_db_password', 'docker config rm nginx_conf', 'docker swarm leave --force', 'docker node rm --force web-3', 'docker -H ssh://mgr stack rm shop'],
      allow: ['docker stack ls', 'docker stack deploy -c stack.yml shop', 'docker service ls', 'docker service scale shop_web=3', 'docker secret ls', 'docker secret create db_pw ./pw.txt', 'docker swarm leave', 'docker node ls', 'docker service logs shop_web'],
    },
  ),
];
