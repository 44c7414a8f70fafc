// The command from the incident Airlock exists for: one GraphQL mutation to the hosting provider
// that deleted a production volume and its backups. The token is a shell variable, never a literal.
export const INCIDENT_CURL =
  `curl -sS -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" ` +
  `-H 'Content-Type: application/json' -d '{"query":"mutation { volumeDelete(volumeId: \\"vol-7f3a\\") }"}'`;

/** Something an agent runs all day that must never wait on a person. */
export const BENIGN_COMMAND = 'ls -la';
