const strings = {
  title: 'Sign in',
  intro: 'Sign in with the e-mail address and password your administrator gave you.',
  demoHint:
    'Trying the demo? Its e-mail and password are printed in the window where Homeward was started.',
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  signingIn: 'Signing in…',
};

export default strings;
