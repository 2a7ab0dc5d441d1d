const strings = {
  empty: 'No history yet.',
  you: 'you',
  system: 'the system',
  user: 'user {{id}}',
};

export default strings;
