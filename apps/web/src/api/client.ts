/**
 * The typed client for the Homeward API. Request and response types come from the same Zod
 * schemas the server validates with (@homeward/contracts), so a contract change breaks the build
 * here rather than at run time.
 *
 * Auth is an httpOnly session cookie; every non-GET request carries the CSRF token the server
 * handed out at login or on GET /auth/me.
 */
import type {
  DossierSearch,
  TracingRequestInput,
  RequestSearch,
  CaseDetail,
  TracingCase,
  RegularityQuery,
  AgeOutConsentInput,
  AgeOutResolveInput,
} from '@homeward/contracts';
import type {
  AgeOutDetail,
  AgeOutPage,
  AgeOutStatus,
  ApiIssue,
  ApiToken,
  Approval,
  Attestation,
  AttestationInput,
  AttestationSubjectType,
  AuditPage,
  AuditQuery,
  CaseContact,
  CaseFilters,
  CaseMessage,
  CaseMessageWithHistory,
  CaseStatusCode,
  ContactOccurrence,
  ContactPlan,
  ContactPlanInput,
  ContactPlanPatch,
  ContactRecordInput,
  DossierView,
  HandoverInput,
  LogCheckpoint,
  MatchComparison,
  MatchKind,
  MatchProposal,
  MatchStatus,
  Media,
  MediaSubject,
  MediaSupplier,
  MediaVariantName,
  MessageReview,
  NewApiToken,
  Notification,
  Page,
  RegionalRegularity,
  ReportSummary,
  ReunificationPlanInput,
  ReunificationPlanPatch,
  ReunificationView,
  SecondFactor,
  SecurityAlert,
  Session,
  TracingRequestView,
  VerificationPolicy,
  VerificationQueue,
  VerificationStatus,
  WebhookDelivery,
  WebhookInput,
  WebhookPatch,
  WebhookSubscription,
  WebhookWithSecret,
  WelfareCheck,
  WelfareRecord,
} from './types.ts';

export * from './types.ts';
/** Where the browser loads a photo from (same origin: the session cookie goes with it). */
export function mediaUrl(id: string, variant: MediaVariantName): string {
  return `/api/v1/media/${encodeURIComponent(id)}/${variant}`;
}

/** An error the API answered with (`{code, message, issues?}`), or a network failure (code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: FetchLike;
  /** Called when any request answers 401, so the app can show the login page. */
  onUnauthenticated?: () => void;
}

export class ApiClient {
  private csrfToken: string | null = null;
  private readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  onUnauthenticated: (() => void) | undefined;
  /** Called when the API refuses because two-factor set-up must come first. */
  onEnrolmentRequired: (() => void) | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.onUnauthenticated = options.onUnauthenticated;
  }

  get hasCsrfToken() {
    return this.csrfToken !== null;
  }

  async request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    /** A file sent as the raw body (uploads), instead of JSON. */
    raw?: { body: Blob; contentType: string },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (raw) headers['content-type'] = raw.contentType;
    else if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: raw ? raw.body : body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
    }
    const text = await response.text();
    let data: unknown = undefined;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
    }
    if (!response.ok) {
      const err = (data ?? {}) as { code?: unknown; message?: unknown; issues?: unknown };
      const code =
        typeof err.code === 'string'
          ? err.code
          : response.status >= 500
            ? 'SERVER_ERROR'
            : `HTTP_${response.status}`;
      const issues = Array.isArray(err.issues) ? (err.issues as ApiIssue[]) : [];
      if (response.status === 401 && !path.startsWith('/auth/login')) this.onUnauthenticated?.();
      if (code === 'TWO_FACTOR_ENROLMENT_REQUIRED') this.onEnrolmentRequired?.();
      throw new ApiError(
        response.status,
        code,
        typeof err.message === 'string' ? err.message : response.statusText,
        issues,
      );
    }
    return data as T;
  }

  private keepSession(session: Session): Session {
    this.csrfToken = session.csrfToken;
    return session;
  }

  // --- auth ---
  /** Answers 401 TWO_FACTOR_REQUIRED when the user has two-factor set up and no second factor was given. */
  async login(email: string, password: string, second?: SecondFactor): Promise<Session> {
    return this.keepSession(
      await this.request<Session>('POST', '/auth/login', { email, password, ...second }),
    );
  }
  startTwoFactorEnrolment(): Promise<{ secret: string; otpauthUri: string }> {
    return this.request('POST', '/auth/2fa/enrol', {});
  }
  confirmTwoFactor(code: string): Promise<{ recoveryCodes: string[] }> {
    return this.request('POST', '/auth/2fa/confirm', { code });
  }
  async me(): Promise<Session> {
    return this.keepSession(await this.request<Session>('GET', '/auth/me'));
  }
  async logout(): Promise<void> {
    try {
      await this.request('POST', '/auth/logout', {});
    } finally {
      this.csrfToken = null;
    }
  }

  // --- dossiers ---
  /** Names go in the POST body, never in a URL: they stay out of logs and browser history. */
  searchDossiers(query: Partial<DossierSearch>): Promise<Page<DossierView>> {
    return this.request('POST', '/dossiers/search', query);
  }
  getDossier(id: string): Promise<DossierView> {
    return this.request('GET', `/dossiers/${encodeURIComponent(id)}`);
  }

  // --- verification ---
  getVerification(dossierId: string): Promise<VerificationStatus> {
    return this.request('GET', `/verification/dossiers/${encodeURIComponent(dossierId)}`);
  }
  /** What awaits the reader's party's attestation (at most 100 items). */
  verificationQueue(limit = 100): Promise<VerificationQueue> {
    return this.request('GET', `/verification/queue?limit=${limit}`);
  }

  getCaseVerification(caseId: string): Promise<VerificationStatus> {
    return this.request('GET', `/verification/cases/${encodeURIComponent(caseId)}`);
  }
  listAttestations(
    subjectType: AttestationSubjectType,
    subjectId: string,
  ): Promise<{ items: Attestation[] }> {
    return this.request('GET', `/attestations${queryString({ subjectType, subjectId })}`);
  }
  /**
   * 201: the attestation, signed. 202 (two-person rule): nothing is signed yet; `approval` waits
   * for a second verifier of the party, whose approval signs it in the reader's name.
   */
  attest(input: AttestationInput): Promise<Attestation | { approval: Approval }> {
    return this.request('POST', '/attestations', input);
  }
  verificationPolicies(): Promise<{ items: VerificationPolicy[] }> {
    return this.request('GET', '/verification-policies');
  }

  // --- transparency log, audit, reports ---
  logCheckpoint(): Promise<LogCheckpoint> {
    return this.request('GET', '/log/checkpoint');
  }
  audit(query: AuditQuery): Promise<AuditPage> {
    return this.request('GET', `/audit${queryString(query)}`);
  }
  reportSummary(query: { from?: string; to?: string } = {}): Promise<ReportSummary> {
    return this.request('GET', `/reports/summary${queryString(query)}`);
  }

  /** The approvals the caller may give (status pending). */
  listApprovals(limit = 50): Promise<{ items: Approval[] }> {
    return this.request('GET', `/approvals${queryString({ status: 'pending', limit })}`);
  }
  /** One approval, to its first party and the party its second may come from. */
  getApproval(id: string): Promise<Approval> {
    return this.request('GET', `/approvals/${encodeURIComponent(id)}`);
  }
  /** The second person approves exactly what they read (payloadHash); the act is then performed. */
  approveApproval(id: string, body: { reason?: string; payloadHash?: string }): Promise<Approval> {
    return this.request('POST', `/approvals/${encodeURIComponent(id)}/approve`, body);
  }
  /** An eligible second person declines (or the first withdraws): nothing of the act is done. */
  declineApproval(id: string, reason: string): Promise<Approval> {
    return this.request('POST', `/approvals/${encodeURIComponent(id)}/decline`, { reason });
  }

  // --- administration ---
  listTokens(): Promise<{ items: ApiToken[] }> {
    return this.request('GET', '/tokens');
  }
  createToken(input: { name: string; permissions: string[]; expiresInDays: number }): Promise<NewApiToken> {
    return this.request('POST', '/tokens', input);
  }
  async revokeToken(id: string): Promise<void> {
    await this.request('DELETE', `/tokens/${encodeURIComponent(id)}`);
  }
  listWebhooks(): Promise<{ items: WebhookSubscription[] }> {
    return this.request('GET', '/webhooks');
  }
  createWebhook(input: WebhookInput): Promise<WebhookWithSecret> {
    return this.request('POST', '/webhooks', input);
  }
  patchWebhook(id: string, patch: WebhookPatch): Promise<WebhookSubscription> {
    return this.request('PATCH', `/webhooks/${encodeURIComponent(id)}`, patch);
  }
  rotateWebhookSecret(id: string): Promise<WebhookWithSecret> {
    return this.request('POST', `/webhooks/${encodeURIComponent(id)}/rotate-secret`, {});
  }
  webhookDeliveries(id: string, limit = 20): Promise<Page<WebhookDelivery>> {
    return this.request('GET', `/webhooks/${encodeURIComponent(id)}/deliveries${queryString({ limit })}`);
  }
  securityAlerts(query: { cursor?: string; limit?: number } = {}): Promise<Page<SecurityAlert>> {
    return this.request('GET', `/security/alerts${queryString(query)}`);
  }

  // --- photos and documents ---
  listMedia(subject: MediaSubject, id: string): Promise<{ items: Media[] }> {
    return this.request('GET', `/${subject}/${encodeURIComponent(id)}/media`);
  }
  /** The file itself is the body; the server decides from the bytes what it is. */
  uploadMedia(subject: MediaSubject, id: string, file: Blob): Promise<Media> {
    return this.request('POST', `/${subject}/${encodeURIComponent(id)}/media?kind=photo`, undefined, {
      body: file,
      contentType: file.type && file.type.startsWith('image/') ? file.type : 'application/octet-stream',
    });
  }
  patchMedia(
    id: string,
    patch: { primary?: true; takenOn?: string | null; suppliedBy?: MediaSupplier | null },
  ): Promise<Media> {
    return this.request('PATCH', `/media/${encodeURIComponent(id)}`, patch);
  }
  orderMedia(subject: MediaSubject, id: string, ids: string[]): Promise<{ items: Media[] }> {
    return this.request('PUT', `/${subject}/${encodeURIComponent(id)}/media/order`, { ids });
  }

  // --- tracing requests ---
  searchRequests(query: Partial<RequestSearch>): Promise<Page<TracingRequestView>> {
    return this.request('POST', '/requests/search', query);
  }
  getRequest(id: string): Promise<TracingRequestView> {
    return this.request('GET', `/requests/${encodeURIComponent(id)}`);
  }
  createRequest(input: TracingRequestInput): Promise<TracingRequestView> {
    return this.request('POST', '/requests', input);
  }

  // --- matching ---
  listMatches(query: {
    status?: MatchStatus;
    kind?: MatchKind;
    limit?: number;
  }): Promise<{ items: MatchProposal[] }> {
    return this.request('GET', `/matches${queryString(query)}`);
  }
  getMatch(id: string): Promise<MatchComparison> {
    return this.request('GET', `/matches/${encodeURIComponent(id)}`);
  }
  /** Under the two-person rule a first confirmation answers `awaiting-second` and the approval's id. */
  confirmMatch(id: string, reason?: string): Promise<MatchProposal & { approvalId: string | null }> {
    return this.request('POST', `/matches/${encodeURIComponent(id)}/confirm`, reason ? { reason } : {});
  }
  rejectMatch(id: string, reason: string): Promise<MatchProposal> {
    return this.request('POST', `/matches/${encodeURIComponent(id)}/reject`, { reason });
  }
  /** Runs matching for one request now; answers its open proposals, most probable first. */
  matchRequest(requestId: string): Promise<{ items: MatchProposal[] }> {
    return this.request('POST', `/requests/${encodeURIComponent(requestId)}/match`, {});
  }

  // --- cases ---
  listCases(query: CaseFilters & { cursor?: string; limit?: number }): Promise<Page<TracingCase>> {
    const { status, ...rest } = query;
    return this.request('GET', `/cases${queryString({ ...rest, status: status?.join(',') })}`);
  }
  getCase(id: string): Promise<CaseDetail> {
    return this.request('GET', `/cases/${encodeURIComponent(id)}`);
  }
  transitionCase(
    id: string,
    body: { to: CaseStatusCode; reason?: string; version: number },
  ): Promise<CaseDetail> {
    return this.request('POST', `/cases/${encodeURIComponent(id)}/transitions`, body);
  }

  // --- contact ---
  getCaseContact(caseId: string): Promise<CaseContact> {
    return this.request('GET', `/cases/${encodeURIComponent(caseId)}/contact`);
  }
  createContactPlan(caseId: string, input: ContactPlanInput): Promise<ContactPlan> {
    return this.request('POST', `/cases/${encodeURIComponent(caseId)}/contact-plan`, input);
  }
  patchContactPlan(planId: string, patch: ContactPlanPatch): Promise<ContactPlan> {
    return this.request('PATCH', `/contact-plans/${encodeURIComponent(planId)}`, patch);
  }
  recordContact(occurrenceId: string, input: ContactRecordInput): Promise<ContactOccurrence> {
    return this.request('POST', `/contact-occurrences/${encodeURIComponent(occurrenceId)}/record`, input);
  }
  contactRegularity(query: Partial<RegularityQuery>): Promise<RegionalRegularity> {
    return this.request('GET', `/contact/regularity${queryString(query)}`);
  }
  listMessages(caseId: string): Promise<{ items: CaseMessage[] }> {
    return this.request('GET', `/cases/${encodeURIComponent(caseId)}/messages`);
  }
  submitMessage(caseId: string, body: string): Promise<CaseMessage> {
    return this.request('POST', `/cases/${encodeURIComponent(caseId)}/messages`, { body });
  }
  getMessage(id: string): Promise<CaseMessageWithHistory> {
    return this.request('GET', `/messages/${encodeURIComponent(id)}`);
  }
  reviewMessage(id: string, review: MessageReview): Promise<CaseMessage> {
    return this.request('POST', `/messages/${encodeURIComponent(id)}/review`, review);
  }

  // --- reunification ---
  getReunification(caseId: string): Promise<ReunificationView> {
    return this.request('GET', `/cases/${encodeURIComponent(caseId)}/reunification`);
  }
  createReunificationPlan(caseId: string, input: ReunificationPlanInput): Promise<ReunificationView> {
    return this.request('POST', `/cases/${encodeURIComponent(caseId)}/reunification-plan`, input);
  }
  patchReunificationPlan(planId: string, patch: ReunificationPlanPatch): Promise<ReunificationView> {
    return this.request('PATCH', `/reunification-plans/${encodeURIComponent(planId)}`, patch);
  }
  /** Approves the plan as the user read it: the content hash they saw, not whatever it is now. */
  approveReunificationPlan(planId: string, contentHash: string): Promise<ReunificationView> {
    return this.request('POST', `/reunification-plans/${encodeURIComponent(planId)}/approve`, {
      contentHash,
    });
  }
  startReunificationPlan(planId: string, version: number): Promise<ReunificationView> {
    return this.request('POST', `/reunification-plans/${encodeURIComponent(planId)}/start`, { version });
  }
  withdrawReunificationPlan(planId: string, reason: string): Promise<ReunificationView> {
    return this.request('POST', `/reunification-plans/${encodeURIComponent(planId)}/withdraw`, { reason });
  }
  recordHandover(planId: string, input: HandoverInput): Promise<ReunificationView> {
    return this.request('POST', `/reunification-plans/${encodeURIComponent(planId)}/handover`, input);
  }
  recordWelfareCheck(checkId: string, input: WelfareRecord): Promise<WelfareCheck> {
    return this.request('POST', `/welfare-checks/${encodeURIComponent(checkId)}/record`, input);
  }

  // --- age-out ---
  listAgeOut(query: {
    status?: AgeOutStatus | undefined;
    dueWithinDays?: number | undefined;
    cursor?: string;
    limit?: number;
  }): Promise<AgeOutPage> {
    return this.request('GET', `/age-out${queryString(query)}`);
  }
  getAgeOut(id: string): Promise<AgeOutDetail> {
    return this.request('GET', `/age-out/${encodeURIComponent(id)}`);
  }
  recordAgeOutConsent(id: string, input: AgeOutConsentInput): Promise<AgeOutDetail> {
    return this.request('POST', `/age-out/${encodeURIComponent(id)}/consent`, input);
  }
  resolveAgeOut(id: string, input: AgeOutResolveInput): Promise<AgeOutDetail> {
    return this.request('POST', `/age-out/${encodeURIComponent(id)}/resolve`, input);
  }

  // --- notifications ---
  listNotifications(query: {
    unread?: boolean;
    cursor?: string;
    limit?: number;
  }): Promise<Page<Notification>> {
    const { unread, ...rest } = query;
    return this.request(
      'GET',
      `/notifications${queryString({ ...rest, unread: unread ? 'true' : undefined })}`,
    );
  }
  unreadNotifications(): Promise<{ unread: number }> {
    return this.request('GET', '/notifications/unread-count');
  }
  markNotificationRead(id: string): Promise<Notification> {
    return this.request('POST', `/notifications/${encodeURIComponent(id)}/read`, {});
  }
  markAllNotificationsRead(): Promise<{ marked: number }> {
    return this.request('POST', '/notifications/read-all', {});
  }
}

/** `?a=1&b=2` from the values that are set (ids and codes only: never names in a URL). */
export function queryString(query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The one client the application uses (same origin as the page). */
export const api = new ApiClient();
