import type { Messages } from './en.ts';
import app from './ru/app.ts';
import nav from './ru/nav.ts';
import header from './ru/header.ts';
import login from './ru/login.ts';
import twoFactor from './ru/twoFactor.ts';
import dashboard from './ru/dashboard.ts';
import dossiers from './ru/dossiers.ts';
import dossier from './ru/dossier.ts';
import dossierRecords from './ru/dossierRecords.ts';
import verification from './ru/verification.ts';
import withheld from './ru/withheld.ts';
import requests from './ru/requests.ts';
import requestForm from './ru/requestForm.ts';
import matches from './ru/matches.ts';
import approvals from './ru/approvals.ts';
import match from './ru/match.ts';
import cases from './ru/cases.ts';
import caseStrings from './ru/case.ts';
import contact from './ru/contact.ts';
import messages from './ru/messages.ts';
import reunification from './ru/reunification.ts';
import ageOut from './ru/ageOut.ts';
import notifications from './ru/notifications.ts';
import report from './ru/report.ts';
import reports from './ru/reports.ts';
import history from './ru/history.ts';
import fields from './ru/fields.ts';
import enums from './ru/enums.ts';
import photos from './ru/photos.ts';
import audit from './ru/audit.ts';
import log from './ru/log.ts';
import admin from './ru/admin.ts';
import users from './ru/users.ts';
import shortcuts from './ru/shortcuts.ts';
import errors from './ru/errors.ts';
import issues from './ru/issues.ts';
import calendar from './ru/calendar.ts';
import sharing from './ru/sharing.ts';
import exportStrings from './ru/exports.ts';

export const ru: Messages = {
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
