export {
  type ActivationEntry,
  type HomeFile,
  type HomeManifest,
  isRelTarget,
  MANIFEST_VERSION,
  type PackageRef,
  parseManifest,
  serializeManifest,
  type UnitEntry,
  validateManifest,
} from "./manifest.ts";
export { ManifestError, type ManifestErrorCode } from "./manifest-error.ts";
export {
  checkSecretsSection,
  type SecretEntry,
  type SecretsSection,
  type SecretTarget,
  type TemplateEntry,
} from "./secrets-section.ts";
