// What other layers use from secret detection (the editor's diagnostics, hiding, the gate's logs).
export { DETECTORS, scanText, activeFindings, type ScanTextOptions } from './scan';
export { redact, redactIn } from './redact';
export { parseIgnoreFile, INLINE_ALLOW, FIXTURE_MARKER, type IgnoreRules } from './silence';
export { findingFingerprint } from './fingerprint';
export type { SecretDetector, SecretFinding, SilencedBy } from './types';
