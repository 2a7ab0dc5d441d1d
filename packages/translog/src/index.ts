/**
 * @homeward/translog: the pure transparency-log and attestation-crypto core of Homeward.
 * No database, no HTTP, no clock of its own. See docs/TRANSPARENCY.md for what it proves.
 */
export { TranslogError, isTranslogError, type TranslogErrorCode } from './errors.ts';
export { sha256, sha256Hex, toHex, fromHex, toBase64, fromBase64, utf8, bytesEqual } from './bytes.ts';

// Merkle tree (RFC 9162)
export {
  EMPTY_ROOT,
  HASH_SIZE,
  hashLeaf,
  hashChildren,
  rootFromInclusionProof,
  verifyInclusion,
  verifyConsistency,
  checkConsistency,
} from './merkle.ts';
export { MerkleTree } from './merkle-tree.ts';
export { CompactRange, type CompactRangeState } from './compact-range.ts';

// Log entries
export {
  assertNonPersonal,
  canonicalJson,
  encodeEntry,
  entryLeafHash,
  type LogEntry,
  type LogEntryKind,
  type AttestationEntry,
  type StatusTransitionEntry,
  type ExchangeBundleEntry,
  type KeyRegistrationEntry,
  type KeyRevocationEntry,
  type ErasureEntry,
} from './entry.ts';

// Keys
export {
  generateEd25519KeyPair,
  publicKeyToRaw,
  publicKeyFromRaw,
  privateKeyToSeed,
  privateKeyFromSeed,
  publicKeyToPem,
  publicKeyFromPem,
  privateKeyToPem,
  privateKeyFromPem,
  keyIdOf,
  encryptPrivateKey,
  decryptPrivateKey,
  type Ed25519KeyPair,
  type EncryptedPrivateKey,
} from './keys.ts';

// Signed notes, checkpoints, cosignatures, witness, quorum (C2SP)
export {
  SIG_TYPE_ED25519,
  SIG_TYPE_COSIGNATURE_V1,
  noteKeyId,
  formatKeyId,
  encodeVerifierKey,
  parseVerifierKey,
  parseNote,
  formatNote,
  formatSignatureLine,
  createNoteSigner,
  createNoteVerifier,
  signNote,
  openNote,
  isValidKeyName,
  type NoteSignature,
  type ParsedNote,
  type OpenedNote,
  type NoteSigner,
  type NoteVerifier,
  type VerifierKey,
} from './note.ts';
export {
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  openCheckpoint,
  type Checkpoint,
  type VerifiedCheckpoint,
} from './checkpoint.ts';
export {
  cosignatureMessage,
  cosignatureTimestamp,
  createCosigner,
  createCosignatureVerifier,
  verifierFromVkey,
  type Clock,
} from './cosignature.ts';
export {
  witnessCheckpoint,
  type WitnessConfig,
  type WitnessRequest,
  type WitnessResult,
  type WitnessState,
} from './witness.ts';
export { checkQuorum, type QuorumPolicy, type QuorumResult, type QuorumStatus } from './quorum.ts';

// Attestations (DSSE + in-toto Statement v1)
export {
  pae,
  signEnvelope,
  addEnvelopeSignature,
  envelopePayload,
  parseEnvelope,
  verifiedSignatures,
  envelopeDigest,
  type DsseEnvelope,
  type DsseSignature,
  type EnvelopeSigner,
} from './dsse.ts';
export {
  STATEMENT_TYPE,
  IN_TOTO_PAYLOAD_TYPE,
  HOMEWARD_PREDICATE_TYPE,
  newSalt,
  photoRef,
  subjectCommitment,
  createAttestation,
  parseStatement,
  verifyAttestation,
  type Claim,
  type HomewardPredicate,
  type Statement,
  type AttestInput,
  type PartyKey,
  type AttestationCheck,
  type AttestationCode,
  type SubjectContent,
} from './attestation.ts';

// Standalone verifier
export {
  verifyLogExport,
  type ExportedEntry,
  type LogExport,
  type VerifyOptions,
  type VerifyReport,
} from './verifier.ts';
export type { SubjectRecord } from './verify-attestations.ts';
export type { Finding, FindingCode } from './findings.ts';
