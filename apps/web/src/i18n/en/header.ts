const strings = {
  party: 'Organisation',
  roles: 'Role',
  signOut: 'Sign out',
  language: 'Language',
  signedInAs: 'Signed in as {{name}}',
};

export default strings;
