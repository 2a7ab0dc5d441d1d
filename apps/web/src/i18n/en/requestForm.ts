const strings = {
  title: 'New tracing request',
  intro:
    'Fill in what the family knows. Only the child’s given name, the name of the person asking and their relationship are required; partial dates are fine (a year, or a year and month).',
  child: 'The child the family is looking for',
  family: 'The family member asking',
  dateHint: 'A year (2015), a month (2015-07) or a full date (2015-07-02)',
  calendarDateHint: 'A full date, e.g. 2026-11-23. Leave empty for today.',
  submit: 'File the tracing request',
  submitting: 'Filing…',
  created: 'The tracing request has been filed.',
  fixErrors: 'Please correct the fields marked below.',
  candidates: 'Possible matches among recorded children',
  candidatesHint:
    'Children on record whose name resembles the one you typed. Matching proper comes later: this is a name search only.',
  candidatesTypeName: 'Type the child’s given name to see children on record with a similar name.',
  candidatesNone: 'No recorded child has a similar name yet.',
  candidatesSearching: 'Looking for similar names…',
};

export default strings;
