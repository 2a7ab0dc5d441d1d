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
};

export default strings;
