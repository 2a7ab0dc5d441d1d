/**
 * The types the web application's API client speaks, from @homeward/contracts where the API has
 * a contract, written out here where it has none yet (ApiClient is in client.ts, which re-exports these).
 */
import type { z } from 'zod';
import type {
  verificationQueue,
  verificationStatus,
  Me,
  Dossier,
  TracingRequest,
  CaseListQuery,
  CaseStatusCode,
  caseContact,
  contactOccurrence,
  ContactPlan,
  ContactPlanInput,
  ContactPlanPatch,
  ContactRecordInput,
  CaseMessage,
  caseMessageWithHistory,
  MessageReview,
  regionalRegularity,
  ReunificationView,
  ReunificationPlanInput,
  ReunificationPlanPatch,
  HandoverInput,
  WelfareRecord,
  welfareCheck,
  ageOutDetail,
  ageOutPage,
  ageOutStatuses,
  Notification,
  attestation,
  verificationPolicy,
  logCheckpoint,
  reportSummary,
  securityAlert,
  webhookSubscription,
  webhookWithSecret,
  webhookDelivery,
  WebhookInput,
  WebhookPatch,
  attestationInput,
  matchComparison,
  MatchStatus,
  MatchKind,
  MatchProposal,
  MatchEvidence,
} from '@homeward/contracts';
/** What the API returns for a dossier or request: the record plus the fields withheld from this reader. */
export type Withheld = { withheld?: string[] };
export type DossierView = Dossier & Withheld;
export type TracingRequestView = TracingRequest & Withheld;
export type Page<T> = { items: T[]; nextCursor: string | null };
/** 'enrolment-required': the session may do nothing but set up two-factor authentication. */
export type TwoFactorState = 'done' | 'not-required' | 'enrolment-required';
export type Session = Me & { csrfToken: string; twoFactor?: TwoFactorState };
/** The second factor at sign-in: a code from the authenticator app, or a single-use recovery code. */
export type SecondFactor = { totp: string } | { recoveryCode: string };
export type ApiIssue = { path: string; message: string };
export type VerificationStatus = z.infer<typeof verificationStatus>;
export type VerificationQueue = z.infer<typeof verificationQueue>;

export type Attestation = z.infer<typeof attestation>;
export type VerificationPolicy = z.infer<typeof verificationPolicy>;
export type LogCheckpoint = z.infer<typeof logCheckpoint>;
export type ReportSummary = z.infer<typeof reportSummary>;
export type SecurityAlert = z.infer<typeof securityAlert>;
export type WebhookSubscription = z.infer<typeof webhookSubscription>;
export type WebhookWithSecret = z.infer<typeof webhookWithSecret>;
export type WebhookDelivery = z.infer<typeof webhookDelivery>;
export type { WebhookInput, WebhookPatch };
export type AttestationInput = z.input<typeof attestationInput>;
export type AttestationSubjectType = 'dossier' | 'case';

/** One entry of the audit trail (GET /audit): ids, codes and field names, never personal data. */
export type AuditEntry = {
  id: number;
  at: string;
  actorUserId: string | null;
  actorPartyId: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  fields: string[];
  reason: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
};
export type AuditQuery = {
  recordType?: string | undefined;
  recordId?: string | undefined;
  actorUserId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit?: number | undefined;
};
export type AuditPage = { items: AuditEntry[]; nextBefore: number | null };

/** An API token as listed (the secret itself is shown once, when created). */
export type ApiToken = {
  id: string;
  name: string;
  userId: string;
  permissions: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};
export type NewApiToken = { id: string; token: string; expiresAt: string };

/**
 * A photo or document of a dossier or request (docs/MEDIA.md). Written out here because the media
 * schemas live in the server's module, not in @homeward/contracts yet.
 */
export type MediaVariantName = 'original' | 'medium' | 'thumbnail';
export type MediaSupplier = 'family' | 'institution' | 'authority' | 'child' | 'other';
export type Media = {
  id: string;
  subjectType: 'dossier' | 'tracing_request' | 'case';
  subjectId: string;
  kind: 'photo' | 'document';
  contentHash: string;
  takenOn: string | null;
  capturedAt: string | null;
  suppliedBy: MediaSupplier | null;
  partyId: string;
  uploadedBy: string | null;
  position: number | null;
  isPrimary: boolean;
  createdAt: string;
  variants: Array<{
    name: MediaVariantName;
    mime: string;
    width: number | null;
    height: number | null;
    size: number;
  }>;
};
export type MediaSubject = 'dossiers' | 'requests';


/** A pending approval under the two-person rule (GET /approvals), as its parties see it. */
export type Approval = {
  id: string;
  act: string;
  subjectType: string;
  subjectId: string;
  relatedIds: string[];
  status: 'pending' | 'approved' | 'declined' | 'expired';
  /** Exactly what is to be approved (for a match: proposalId, kind, leftId, rightId, …). */
  payload: unknown;
  /** SHA-256 of act, subject and payload: sent back when approving, so that a change is refused. */
  payloadHash: string;
  firstUserId: string;
  firstPartyId: string;
  firstAt: string;
  firstReason: string | null;
  /** The party the second person must belong to (null: any party). */
  secondPartyId: string | null;
  secondPermission: string;
  secondUserId: string | null;
  secondAt: string | null;
  secondReason: string | null;
  endReason: string | null;
  expiresAt: string;
};

export type { MatchStatus, MatchKind, MatchProposal, MatchEvidence };
/** One proposal opened for review, as the web shows it (both sides with their withheld fields). */
export type MatchComparison = z.infer<typeof matchComparison>;
export type CaseFilters = Omit<Partial<CaseListQuery>, 'cursor' | 'limit' | 'status'> & {
  status?: CaseStatusCode[];
};

export type CaseContact = z.infer<typeof caseContact>;
export type ContactOccurrence = z.infer<typeof contactOccurrence>;
export type CaseMessageWithHistory = z.infer<typeof caseMessageWithHistory>;
export type RegionalRegularity = z.infer<typeof regionalRegularity>;
export type WelfareCheck = z.infer<typeof welfareCheck>;
export type AgeOutDetail = z.infer<typeof ageOutDetail>;
export type AgeOutPage = z.infer<typeof ageOutPage>;
export type AgeOutStatus = (typeof ageOutStatuses)[number];
export type {
  CaseStatusCode,
  ContactPlan,
  ContactPlanInput,
  ContactPlanPatch,
  ContactRecordInput,
  CaseMessage,
  MessageReview,
  ReunificationView,
  ReunificationPlanInput,
  ReunificationPlanPatch,
  HandoverInput,
  WelfareRecord,
  Notification,
};
