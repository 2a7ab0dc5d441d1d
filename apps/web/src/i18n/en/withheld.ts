const strings = {
  label: 'Withheld',
  explain: 'Withheld from you: your organisation or role may not see this information.',
};

export default strings;
