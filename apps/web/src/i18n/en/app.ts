const strings = {
  yes: 'Yes',
  no: 'No',
  name: 'Homeward',
  tagline: 'Tracing children displaced by war',
  skipToContent: 'Skip to main content',
  loading: 'Loading…',
  loadMore: 'Show more',
  loadingMore: 'Loading more…',
  back: 'Back',
  notRecorded: 'Not recorded',
  fictionalData: 'Demonstration data: every record here is fictional.',
};

export default strings;
