const strings = {
  codeTitle: 'Two-step verification',
  codeIntro: 'Enter the 6-digit code your authenticator app shows for Homeward.',
  code: 'Code from the app',
  useRecovery: 'I cannot use my phone: enter a recovery code',
  useApp: 'Use the code from the app instead',
  recoveryEntryIntro:
    'Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.',
  recoveryCode: 'Recovery code',
  verify: 'Continue',
  startOver: 'Start again',
  setUp: 'Set up two-step verification',
  alreadyOn: 'Two-step verification is on for your account.',
  optionalIntro:
    'Protect your account with a second step at sign-in: a 6-digit code from an authenticator app on your phone (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator).',
  enrolTitle: 'Set up two-step verification',
  enrolIntro:
    'Your organisation asks for a second step at sign-in: a 6-digit code from an authenticator app on your phone (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator).',
  enrolStep1: '1. In the app, add an account and scan this QR code.',
  qrLabel: 'QR code for setting up two-step verification in an authenticator app',
  manualEntry:
    'If you cannot scan it, type in the key below; on a phone with the app, you can open the set-up link.',
  secretLabel: 'Key',
  openInApp: 'Open the set-up link',
  enrolStep2: '2. Enter the 6-digit code the app now shows.',
  confirm: 'Turn on two-step verification',
  recoveryTitle: 'Your recovery codes',
  recoveryIntro:
    'Each code lets you sign in once if you lose your phone. Write them down or print them now and keep them somewhere safe: they will not be shown again.',
  recoveryDone: 'I have saved my recovery codes',
};

export default strings;
