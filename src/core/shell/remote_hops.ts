// Wrappers that run their command somewhere else: `ssh host '…'`, `docker exec|run …`, `kubectl exec pod -- …`.
// What they run is judged like any command (wrappers.ts unwraps it), but with the other machine as its
// environment: the local workspace, temp folders and file-system facts say nothing about that machine's files.

/** The first hop in `via` (wrapper labels, outermost first) that runs on another host or in a container. */
export function remoteHop(via: readonly string[]): string | undefined {
  return via.find((v) => /^ssh\s/.test(v) || /^(?:docker|podman) (?:exec|run)\b/.test(v) || /^kubectl (?:exec|run|debug)$/.test(v) || /^(?:vagrant ssh|lxc exec|incus exec|salt cmd\.run|pssh|ansible -m|aws ssm send-command|aws ecs execute-command|az (?:vm|vmss|aks) |pdsh|fab$|multipass exec|(?:fly|flyctl) machine exec|eb ssh)/.test(v));
}
