import type { Messages } from './en.ts';
import app from './uk/app.ts';
import nav from './uk/nav.ts';
import header from './uk/header.ts';
import login from './uk/login.ts';
import twoFactor from './uk/twoFactor.ts';
import dashboard from './uk/dashboard.ts';
import dossiers from './uk/dossiers.ts';
import dossier from './uk/dossier.ts';
import dossierRecords from './uk/dossierRecords.ts';
import verification from './uk/verification.ts';
import withheld from './uk/withheld.ts';
import requests from './uk/requests.ts';
import requestForm from './uk/requestForm.ts';
import matches from './uk/matches.ts';
import approvals from './uk/approvals.ts';
import match from './uk/match.ts';
import cases from './uk/cases.ts';
import caseStrings from './uk/case.ts';
import contact from './uk/contact.ts';
import messages from './uk/messages.ts';
import reunification from './uk/reunification.ts';
import ageOut from './uk/ageOut.ts';
import notifications from './uk/notifications.ts';
import report from './uk/report.ts';
import reports from './uk/reports.ts';
import history from './uk/history.ts';
import fields from './uk/fields.ts';
import enums from './uk/enums.ts';
import photos from './uk/photos.ts';
import audit from './uk/audit.ts';
import log from './uk/log.ts';
import admin from './uk/admin.ts';
import users from './uk/users.ts';
import shortcuts from './uk/shortcuts.ts';
import errors from './uk/errors.ts';
import issues from './uk/issues.ts';
import calendar from './uk/calendar.ts';
import sharing from './uk/sharing.ts';
import exportStrings from './uk/exports.ts';

export const uk: Messages = {
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
