const strings = {
  title: 'Contact calendar',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  today: 'This month',
  legend: 'What the marks mean',
  planned: 'Expected',
  plannedHint: 'Expected from the plan’s rhythm: the server schedules only a few contacts ahead.',
  noContacts: 'no contacts',
  noContactsMonth: 'No contacts this month.',
  suspendedNote: 'Contact is suspended: no contacts are expected until the suspension is lifted.',
  keyboardHint:
    'Arrow keys move by day and week, Home and End to the week’s ends, Page Up and Page Down by month; Enter shows the day’s contacts.',
};

export default strings;
