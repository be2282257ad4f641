// Secrets: the age format (./age), the rules of secrets.ts, the recipients lock, and the
// operations behind `confed secret …`. Explicit named re-exports only; each export's
// documentation sits on its declaration.

export { type EditDeps, type EditOptions, type EditResult, editSecret } from "./edit.ts";
export {
  defaultIdentityPaths,
  type Env,
  homeIdentityPath,
  type LoadedIdentities,
  type LoadIdentitiesOptions,
  loadIdentities,
  readIdentityFile,
} from "./identities.ts";
export {
  type FoundRecipient,
  generateHomeIdentity,
  recipientFromString,
  recipientsFromKeyFile,
  sshKeyRecipients,
  sshPublicKeyPaths,
} from "./keygen.ts";
export {
  type CheckProblem,
  type CheckProblemKind,
  type CheckReport,
  check,
  decryptBytes,
  decryptFile,
  encryptFile,
  isArmored,
  type RekeyResult,
  type RepoOptions,
  rekey,
} from "./ops.ts";
export {
  emptyRecipientsLock,
  type LockEntry,
  lockEntry,
  parseRecipientsLock,
  RECIPIENTS_LOCK,
  RECIPIENTS_LOCK_VERSION,
  type RecipientsLock,
  readRecipientsLock,
  sameRecipients,
  serializeRecipientsLock,
  sha256Hex,
  withEntry,
  writeRecipientsLock,
} from "./recipients-lock.ts";
export {
  abbreviateKey,
  canonicalRecipient,
  defineSecrets,
  parseRules,
  type Rule,
  type Rules,
  ruleFor,
  type SecretRule,
  type SecretsSpec,
} from "./rules.ts";
export { SecretsError, type SecretsErrorCode } from "./secrets-error.ts";
