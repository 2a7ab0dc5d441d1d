import { ageOutJobs } from '../modules/age-out/age-out.jobs.ts';
import { caseJobs } from '../modules/cases/cases.jobs.ts';
import { consentJobs } from '../modules/consent/consent.jobs.ts';
import { contactJobs } from '../modules/contact/contact.jobs.ts';
import { exportJobs } from '../modules/exports/exports.jobs.ts';
import { matchingJobs } from '../modules/matching/matching.jobs.ts';
import { notificationJobs } from '../modules/notifications/notifications.jobs.ts';
import { retentionJobs } from '../modules/retention/retention.jobs.ts';
import { reunificationJobs } from '../modules/reunification/reunification.jobs.ts';
import { securityJobs } from '../modules/security/security.jobs.ts';
import type { JobDefinition } from './job-types.ts';

/** Every background job, from every module. */
export const allJobs: readonly JobDefinition[] = [...matchingJobs, ...caseJobs, ...contactJobs, ...reunificationJobs, ...ageOutJobs, ...notificationJobs, ...securityJobs, ...retentionJobs, ...consentJobs, ...exportJobs];
