const strings = {
  required: 'This field is required.',
  atLeastOne: 'Enter at least one.',
  tooLong: 'This is too long (at most {{max}} characters).',
  outOfRange: 'This number is out of range.',
  email: 'Enter a valid e-mail address, like name@example.org.',
  phone: 'Enter a phone number using digits, spaces, brackets or dashes, e.g. +380 44 123 4567.',
  choose: 'Choose one of the options.',
  future: 'This date is in the future.',
  beforeBirth: 'This date is before the date of birth.',
  partialDateFormat: 'Write the date as a year (2015), a month (2015-07) or a full date (2015-07-02).',
  calendarDateFormat: 'Write the date in full, e.g. 2026-11-23.',
  notRealDate: 'This date does not exist in the calendar.',
  invalid: 'This value is not accepted.',
};

export default strings;
