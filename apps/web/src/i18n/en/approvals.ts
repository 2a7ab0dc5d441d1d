const strings = {
  approve: 'Approve',
  decline: 'Decline',
  approveTitle: 'Give the second approval?',
  approveText:
    'You approve exactly what the first person confirmed. It takes effect at once; if it has changed meanwhile, your approval is refused.',
  reasonOptional: 'Reason (optional)',
  declineTitle: 'Decline this approval?',
  declineText: 'Nothing is done. Say why, so that the first person understands.',
  cancel: 'Cancel',
  withdraw: 'Withdraw',
  withdrawTitle: 'Withdraw your request for a second approval?',
  withdrawText:
    'Nothing of it is done: a match goes back to the review queue, as it was before you confirmed it. Say why, for the record.',
  mine: 'Waiting for a second person',
  mineIntro: 'You asked for these and nobody has answered yet. You may withdraw one.',
  askedOn: 'asked {{date}}',
};

export default strings;
