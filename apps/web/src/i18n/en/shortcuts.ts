const strings = {
  button: 'Keyboard shortcuts',
  title: 'Keyboard shortcuts',
  note: 'They do not work while you type in a field.',
  move: 'Next / previous proposal',
  open: 'Open the selected proposal',
  confirm: 'Confirm the match (opens the dialog)',
  reject: 'Reject the match (opens the dialog)',
};

export default strings;
