// Main's own texts in English: the tray and the OS notifications. The renderer has its own
// catalog; provider error explanations come from the provider catalog in core.
export const en = {
  tray: {
    open: 'Open Tessera',
    refreshAll: 'Refresh all',
    quit: 'Quit Tessera',
    lockNow: 'Lock now',
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
    unusable: 'The provider’s answers could not be used 3 times in a row; automatic attempts stopped.',
    secrets_cleared: 'The installer PIN was reset, which deleted the profile’s secrets; type them again.',
    secret_dropped: 'A stored secret could not be read and was set aside; edit the profile and type it again.',
    secrets_unbound: 'The profile’s address changed since its secrets were saved; edit the profile and type them again.',
  },
  tokenFile: {
    dialogTitle: 'Token file for “{{profile}}”',
    dialogButton: 'Use this file',
  },
  startup: {
    title: 'Tessera could not start',
    body: 'Details were written to {{file}}.',
  },
  dataFolder: {
    inUse: 'Another Tessera program ({{owner}}, pid {{pid}}) is using the data folder {{dir}}. Close it, then start Tessera again.',
    owners: { electron: 'the app', browser: 'a browser host', cli: 'a tessera command', unknown: 'unknown' },
  },
  bundles: {
    exportTitle: 'Export profiles',
    importTitle: 'Import profiles',
    fileType: 'Tessera profile bundles',
    save: 'Export',
    open: 'Open',
  },
  service: {
    heldTitle: 'Another program is using port {{port}}',
    heldBody:
      'POS programs on this computer may be sending their access keys to it instead of Tessera ({{addresses}}). Tessera takes the port as soon as it is free.',
  },
};
