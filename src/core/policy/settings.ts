// package.json `contributes.configuration` for the policy keys, generated from the zod schema so the
// Settings UI and the validator cannot disagree. scripts/gen-settings.mjs writes it; a unit test checks it.
import { z } from 'zod';
import { POLICY_KEYS, policyShape, SETTINGS_PREFIX } from './schema';

/**
 * `application` scope: VS Code only accepts the value in user settings, matching the rule that loosening
 * comes only from the user. The others may be set anywhere (workspace values can only tighten).
 */
const SCOPES: Partial<Record<(typeof POLICY_KEYS)[number], string>> = { unprotectedPaths: 'application' };

export interface SettingsConfiguration {
  title: string;
  properties: Record<string, Record<string, unknown>>;
}

export function policySettingsProperties(): Record<string, Record<string, unknown>> {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const key of POLICY_KEYS) {
    const schema = policyShape[key];
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete json.$schema;
    const description = schema.description ?? '';
    properties[`${SETTINGS_PREFIX}${key}`] = {
      ...json,
      // Plain text for hovers, markdown (backticks, links) for the Settings UI.
      description: description.replace(/`/g, ''),
      markdownDescription: description,
      scope: SCOPES[key] ?? 'resource',
      order: POLICY_KEYS.indexOf(key),
    };
  }
  return properties;
}
