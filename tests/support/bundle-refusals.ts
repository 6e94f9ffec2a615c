// Every reason a profile bundle can be refused, for the tests that check each has a text in
// every language (the app's and the command line's). Keyed by the type, so a new refusal fails
// typecheck here until it is listed, and so until both texts are checked.
import type { BundleRefusal } from '#common/bundle-view';

const ALL = {
  not_bundle: true,
  passphrase: true,
  damaged: true,
  newer_version: true,
  invalid: true,
  invalid_profile: true,
  too_large: true,
  passphrase_short: true,
  secret_unreadable: true,
  expired: true,
  file: true,
} as const satisfies Record<BundleRefusal, true>;

export const BUNDLE_REFUSALS = Object.keys(ALL) as BundleRefusal[];
