// The summary line in words: "All 5 profiles can get a token", "2 of 5 need attention". Main
// says the same in the tray's tooltip (electron/main/i18n summaryText; a unit test compares them).
import { type HealthSummary, summaryKind } from '#common/health';

import type { Translate } from './explain';

export function summaryText(summary: HealthSummary, t: Translate): string {
  switch (summaryKind(summary)) {
    case 'none':
      return t('summary.none');
    case 'all-ok':
      return t('summary.allOk', { count: summary.total });
    case 'problems':
      return t('summary.problems', { count: summary.problems, total: summary.total });
    case 'pending':
      return t('summary.pending', { ready: summary.total - summary.pending, total: summary.total });
  }
}
