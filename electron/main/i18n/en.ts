// Main's own texts in English: the tray and the OS notifications. The renderer has its own
// catalog; provider error explanations come from the provider catalog in core.
export const en = {
  tray: {
    open: 'Open Tessera',
    refreshAll: 'Refresh all',
    quit: 'Quit Tessera',
  },
  tooltip: {
    text: 'Tessera — {{summary}}',
  },
  // The same sentences as the dashboard's summary line (renderer locales, section "summary").
  summary: {
    none: 'No profiles yet',
    allOk_one: 'The profile can get a token',
    allOk_other: 'All {{count}} profiles can get a token',
    problems_one: '{{count}} of {{total}} needs attention',
    problems_other: '{{count}} of {{total}} need attention',
    pending: 'Signing in: {{ready}} of {{total}} can get a token so far',
  },
  notify: {
    title: 'Tessera',
    attention: '{{profile}} needs attention: {{reason}}',
    attentionMany_one: '{{count}} profile needs attention. Open Tessera to see why.',
    attentionMany_other: '{{count}} profiles need attention. Open Tessera to see why.',
    expired: 'The token of {{profile}} expired and could not be renewed yet.',
    expiredMany_one: '{{count}} token expired and could not be renewed yet.',
    expiredMany_other: '{{count}} tokens expired and could not be renewed yet.',
  },
  reason: {
    generic: 'The provider refused the credentials.',
    secret_unreadable: 'A stored secret can no longer be opened; type the secrets again.',
    unknown_provider: 'This version of Tessera does not know the profile’s provider.',
    unknown_environment: 'The profile’s environment no longer exists. Edit the profile and choose one.',
    profile_missing: 'The profile no longer exists.',
  },
  startup: {
    title: 'Tessera could not start',
    body: 'Details were written to {{file}}.',
  },
};
