const strings = {
  title: 'Contact regularity by region',
  intro:
    'How regularly contact took place in your organisation’s cases, by the child’s current region. Counts only.',
  from: 'From',
  to: 'To',
  period: 'From {{from}} to {{to}}; regions with fewer than {{min}} cases are hidden.',
  empty: 'No contacts in this period.',
  noRegion: 'Region not recorded',
  col: {
    cases: 'Cases',
    due: 'Due',
    held: 'Held',
    heldOnTime: 'On time',
    missed: 'Missed',
    cancelled: 'Cancelled',
    overdue: 'Overdue',
    share: 'Share on time',
  },
  suppressed: 'Fewer than {{min}} cases: hidden to protect the children',
  suppressedNote:
    '“< {{min}}”: a region with fewer than {{min}} cases; its numbers are not shown so no child can be recognised.',
};

export default strings;
