// The exposure report: every credential an agent working in this workspace could reach, what it can do,
// who can reach it today, and how to take it away. One zod schema is the source of truth for the JSON
// output (`airlock exposure --format json`) and its published JSON Schema.
import { z } from 'zod';
import { HOOK_AGENTS } from '../action';

export const REACH = ['guarded', 'hidden', 'blanked', 'open'] as const;
export const SOURCES = ['workspace-file', 'protected-file', 'environment', 'home-store'] as const;
export const FIX_ACTIONS = ['protect', 'hide', 'move-out', 'scope'] as const;

const reachSchema = z.object({
  agent: z.enum([...HOOK_AGENTS, 'terminal']),
  /** guarded: a hook asks before any read; hidden: only the agent's ignore file; blanked: not in new terminals; open: nothing stands in the way. */
  how: z.enum(REACH),
});

export const exposureItemSchema = z.object({
  id: z.string(),
  source: z.enum(SOURCES),
  /** Workspace-relative path, `~/…` for home stores, `$NAME` for environment variables. */
  location: z.string(),
  label: z.string(),
  kind: z.string(),
  provider: z.string(),
  scope: z.enum(['account-wide', 'scoped', 'read-only', 'test', 'session', 'unknown']),
  /** An account-wide infrastructure token: the kind the incident used. */
  infrastructure: z.boolean(),
  production: z.boolean(),
  /** Redacted: a short prefix and the length, never the value. */
  preview: z.string().optional(),
  /** Names found in the store (profiles, contexts, hosts) or why it could not be read. */
  detail: z.string().optional(),
  reach: z.array(reachSchema),
  fixes: z.array(z.object({ action: z.enum(FIX_ACTIONS), label: z.string(), url: z.string().optional() })),
});

export const exposureReportSchema = z.object({
  version: z.literal(1),
  workspace: z.string(),
  generatedAt: z.string(),
  summary: z.object({
    reachable: z.number().int().min(0),
    /** Account-wide infrastructure tokens, or anything that names production. */
    productionWide: z.number().int().min(0),
    open: z.number().int().min(0),
  }),
  items: z.array(exposureItemSchema),
});

export type ExposureItem = z.infer<typeof exposureItemSchema>;
export type ExposureReport = z.infer<typeof exposureReportSchema>;
export type Reach = (typeof REACH)[number];

/** The JSON Schema of `--format json`, generated from the zod schema above. */
export function exposureJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(exposureReportSchema) as Record<string, unknown>;
}

export function isProductionWide(i: Pick<ExposureItem, 'infrastructure' | 'production'>): boolean {
  return i.infrastructure || i.production;
}

export function summarize(items: readonly ExposureItem[]): ExposureReport['summary'] {
  return {
    reachable: items.length,
    productionWide: items.filter(isProductionWide).length,
    open: items.filter((i) => i.reach.some((r) => r.how === 'open')).length,
  };
}

/** The line the walkthrough and the status-bar tooltip show. */
export function summaryLine(s: ExposureReport['summary']): string {
  if (s.reachable === 0) return 'No credentials reachable by agents found.';
  return `${s.reachable} credential${s.reachable === 1 ? '' : 's'} reachable by agents, ${s.productionWide} look${s.productionWide === 1 ? 's' : ''} production-wide.`;
}
