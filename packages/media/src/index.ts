/**
 * @homeward/media: photographs and documents handled as the sensitive data they are.
 *
 * Pure and storage-agnostic: sniff and clean uploads (`ingestUpload`), encrypt them per file under a
 * wrapped data key (`storeEncrypted` / `readDecrypted`, `rewrapKey` for rotation) into any `BlobStore`.
 * No database, no HTTP: the server stores the returned metadata and maps `MediaError.code` to responses.
 */
export { MediaError, MEDIA_ERROR_CODES, isMediaError } from './errors.ts';
export type { MediaErrorCode } from './errors.ts';
export { sniffType, requireType, isImageType, IMAGE_TYPES, DOCUMENT_TYPES } from './sniff.ts';
export type { MediaType, ImageType, DocumentType } from './sniff.ts';
export { readImageDimensions } from './image-header.ts';
export type { Dimensions } from './image-header.ts';
export { readCaptureDate } from './exif-date.ts';
export { processImage, DEFAULT_VARIANTS, DEFAULT_MAX_PIXELS } from './images.ts';
export type {
  ImageVariant,
  OutputFormat,
  ProcessImageOptions,
  ProcessedImage,
  VariantName,
  VariantSpec,
} from './images.ts';
export { checkPdf } from './pdf-check.ts';
export type { PdfCheckOptions, PdfCheckResult } from './pdf-check.ts';
export {
  createMasterKey,
  parseMasterKey,
  generateDataKey,
  wrapKey,
  unwrapKey,
  rewrapKey,
  wrappedKeyId,
} from './keys.ts';
export type { MasterKey } from './keys.ts';
export {
  createEncryptStream,
  createDecryptStream,
  encryptChunks,
  decryptChunks,
  DEFAULT_CHUNK_SIZE,
} from './chunked-cipher.ts';
export { MemoryBlobStore, assertBlobId, readAll } from './blob-store.ts';
export type { BlobSource, BlobStore } from './blob-store.ts';
export { LocalBlobStore } from './local-blob-store.ts';
export type { LocalBlobStoreOptions } from './local-blob-store.ts';
export { S3BlobStore } from './s3-blob-store.ts';
export type { S3BlobStoreOptions } from './s3-blob-store.ts';
export { signS3Request } from './s3-signer.ts';
export type { S3Credentials } from './s3-signer.ts';
export { ingestUpload, storeEncrypted, openDecrypted, readDecrypted } from './ingest.ts';
export type {
  IngestInput,
  IngestResult,
  ReadEncryptedInput,
  StoredBlob,
  UploadKind,
  Variant,
} from './ingest.ts';
