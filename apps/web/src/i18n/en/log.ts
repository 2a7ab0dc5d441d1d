const strings = {
  title: 'Transparency log',
  intro: 'The current state of the public ledger of signed statements.',
  noAccess: 'Your role may not read the log.',
  size: 'Entries in the log',
  witnessStatus: 'Witnesses',
  witness: {
    trusted: 'Trusted',
    'quorum-not-met': 'Not witnessed (quorum not met)',
    stale: 'Witnessing is out of date',
    'no-witnesses': 'No witness registered',
  },
  quorum: 'Cosignatures needed: {{quorum}} of {{witnesses}} witnesses',
  checkpoint: 'Current checkpoint',
  origin: 'Log',
  root: 'Root hash',
  key: 'Log key',
  note: 'Signed checkpoint, with the cosignatures collected',
  cosigners: 'Cosignatures',
  witnessExplain: {
    trusted:
      'Enough witnesses countersigned this checkpoint recently: every party that checks it sees the same history.',
    'quorum-not-met':
      'Too few witnesses countersigned this checkpoint: treat it as unconfirmed until more do.',
    stale: 'The latest countersignatures are old: the witnesses have not seen the newest entries yet.',
    'no-witnesses':
      'No party has registered a witness yet, so nobody independent has countersigned the log.',
  },
  noCosigners: 'No cosignature yet.',
  witnessName: 'Witness',
  cosignedAt: 'Countersigned',
  fresh: 'Recent',
  explainTitle: 'What this means',
  explain: {
    what: 'Every verification is a signed statement, and every statement is written into this log: a numbered list that no one can rewrite without it showing.',
    noPersonal:
      'The log holds no personal data: no names, no dates of birth, no photos. Where it refers to a child’s file it holds only a salted fingerprint of it.',
    checkpoint:
      'The checkpoint is the log’s signed summary: its size and a root hash that depends on every entry. If any past entry changed, the root would no longer match.',
    witnesses:
      'Witnesses run by the parties countersign each checkpoint after checking that it extends the one they saw before. A log that showed two sides different histories would need a witness to sign both, and each refuses.',
    check: 'Each party can check the whole log on its own computer, with its own copy, at any time.',
  },
  explainCommand: 'To check it yourself:',
};

export default strings;
