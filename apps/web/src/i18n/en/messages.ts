const strings = {
  intro:
    'Messages between the family and the child are delivered only after a safeguarding review. The other side sees a message once it is approved.',
  empty: 'No messages yet.',
  sentBy: 'Relayed {{date}} by',
  reviewedBy: 'reviewed {{date}} by',
  returnedBecause: 'Returned to the sender: {{reason}}',
  awaitingReview: 'Waiting for a safeguarding review; it has not been delivered.',
  notOwnReview: 'You relayed this message: another reviewer must review it.',
  approve: 'Approve and deliver',
  return: 'Return to the sender',
  returnTitle: 'Return the message',
  returnIntro:
    'The message will not be delivered. The sender sees your reason and can relay a new message.',
  compose: 'New message',
  text: 'Message',
  reviewFirst: 'It will be reviewed before it is delivered to the other side.',
  send: 'Send for review',
  sent: 'Sent for review.',
  caseNotActive: 'The case is no longer active: no more messages can be relayed.',
};

export default strings;
