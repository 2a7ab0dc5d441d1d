import app from './en/app.ts';
import nav from './en/nav.ts';
import header from './en/header.ts';
import login from './en/login.ts';
import twoFactor from './en/twoFactor.ts';
import dashboard from './en/dashboard.ts';
import dossiers from './en/dossiers.ts';
import dossier from './en/dossier.ts';
import dossierRecords from './en/dossierRecords.ts';
import verification from './en/verification.ts';
import withheld from './en/withheld.ts';
import requests from './en/requests.ts';
import requestForm from './en/requestForm.ts';
import matches from './en/matches.ts';
import approvals from './en/approvals.ts';
import match from './en/match.ts';
import cases from './en/cases.ts';
import caseStrings from './en/case.ts';
import contact from './en/contact.ts';
import messages from './en/messages.ts';
import reunification from './en/reunification.ts';
import ageOut from './en/ageOut.ts';
import notifications from './en/notifications.ts';
import report from './en/report.ts';
import reports from './en/reports.ts';
import history from './en/history.ts';
import fields from './en/fields.ts';
import enums from './en/enums.ts';
import photos from './en/photos.ts';
import audit from './en/audit.ts';
import log from './en/log.ts';
import admin from './en/admin.ts';
import users from './en/users.ts';
import shortcuts from './en/shortcuts.ts';
import errors from './en/errors.ts';
import issues from './en/issues.ts';
import calendar from './en/calendar.ts';
import sharing from './en/sharing.ts';
import exportStrings from './en/exports.ts';

/** English strings, one file per section under ./en/. The Ukrainian and Russian files must have exactly the same keys (checked by type and by test). */
export const en = {
  app,
  nav,
  header,
  login,
  twoFactor,
  dashboard,
  dossiers,
  dossier,
  dossierRecords,
  verification,
  withheld,
  requests,
  requestForm,
  matches,
  approvals,
  match,
  cases,
  case: caseStrings,
  contact,
  messages,
  reunification,
  ageOut,
  notifications,
  report,
  reports,
  history,
  fields,
  enums,
  photos,
  audit,
  log,
  admin,
  users,
  shortcuts,
  errors,
  issues,
  calendar,
  sharing,
  exports: exportStrings,
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
/** The shape every language must fill in full. */
export type Messages = Strings<typeof en>;
