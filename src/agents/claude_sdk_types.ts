// Compile-time only: ties the Claude dialect to Claude Code's published hook types
// (@anthropic-ai/claude-agent-sdk, a dev dependency). Every import here is `import type`, so
// nothing from the SDK reaches a bundle; if the SDK's schema drifts from ours, `tsc` fails.
import type {
  PostToolUseHookInput,
  PreToolUseHookInput,
  StopHookInput,
  SyncHookJSONOutput,
  UserPromptSubmitHookInput,
} from '@anthropic-ai/claude-agent-sdk' with { 'resolution-mode': 'import' };

export type ClaudeHookInput = PreToolUseHookInput | PostToolUseHookInput | UserPromptSubmitHookInput | StopHookInput;
export type ClaudeHookOutput = SyncHookJSONOutput;

/** Fails to compile when a real Claude Code payload would not be accepted by `Schema`'s input type. */
export type AcceptsClaudeInput<Schema> = ClaudeHookInput extends Schema ? true : never;
