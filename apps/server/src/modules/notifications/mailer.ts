import nodemailer from 'nodemailer';
import type { SendOutcome } from './webhook-sender.ts';

/**
 * The notice e-mail: the kind and a link, nothing more. Names, case details and even subject ids
 * stay in the application, behind sign-in; a mailbox is not a safe place for them.
 */
export function noticeEmail(kind: string, publicUrl: string | undefined): { subject: string; text: string } {
  const where = publicUrl ? `Open ${publicUrl.replace(/\/+$/, '')}/notifications to read it.` : 'Sign in to Homeward to read it.';
  return {
    subject: `Homeward: new notification (${kind})`,
    text: [
      `You have a new notification in Homeward (${kind}).`,
      '',
      where,
      '',
      'For the safety of the people concerned, this e-mail carries no details.',
      '',
    ].join('\n'),
  };
}

export interface Mailer {
  send(to: string, mail: { subject: string; text: string }): Promise<SendOutcome>;
  close(): void;
}

/** An SMTP mailer for `smtpUrl` (smtp://, smtps://; nodemailer's URL options apply). */
export function createMailer(smtpUrl: string, from: string, timeoutMs: number): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs * 2 });
  return {
    async send(to, mail) {
      try {
        await transport.sendMail({ from, to, subject: mail.subject, text: mail.text });
        return { ok: true };
      } catch (err) {
        return { ok: false, errorCode: smtpErrorCode(err) };
      }
    },
    close: () => transport.close(),
  };
}

function smtpErrorCode(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown };
  if (typeof e.responseCode === 'number') return `SMTP_${e.responseCode}`;
  return typeof e.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(e.code) ? e.code : 'SMTP_FAILED';
}
