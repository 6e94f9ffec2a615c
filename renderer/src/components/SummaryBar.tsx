// The summary line, kept in view at the top of the dashboard: "All 5 profiles can get a token"
// or "2 of 5 need attention", with a link to each problem card (the first few; the rest are
// first in the list anyway).
import { PROBLEMS } from '#common/health';
import { summaryKind, summaryTone } from '#common/health';

import { useAppState } from '../app/store';
import { summaryText } from '../app/summary-text';
import { useT } from '../app/use-t';

const LINKS = 3;

export function SummaryBar({ onReveal }: { onReveal: (profileId: string) => void }) {
  const { t } = useT();
  const model = useAppState((s) => s.model);
  const profiles = useAppState((s) => s.profiles);
  const { summary } = model;
  const problems = model.order.filter((id) => PROBLEMS.has(model.healths[id]!));
  const shown = problems.slice(0, LINKS);
  const nameOf = (id: string) => profiles.find((p) => p.id === id)?.name ?? '';
  return (
    <section
      className={`summary summary--${summaryTone(summary)}`}
      aria-label={t('summary.label')}
      data-summary={summaryKind(summary)}
      data-problems={summary.problems}
    >
      <p className="summary__line">
        <span className="summary__icon" aria-hidden="true" />
        <span className="summary__text">{summaryText(summary, t)}</span>
      </p>
      {shown.length > 0 && (
        <ul className="summary__problems" aria-label={t('summary.problemsLabel')}>
          {shown.map((id) => (
            <li key={id}>
              <a
                href={`#profile-${id}`}
                className={`summary__link summary__link--${model.healths[id]}`}
                onClick={(event) => {
                  event.preventDefault();
                  onReveal(id);
                }}
              >
                {t('summary.problem', { name: nameOf(id), problem: t(`health.${model.healths[id]!}`) })}
              </a>
            </li>
          ))}
          {problems.length > LINKS && <li className="summary__more">{t('summary.more', { count: problems.length - LINKS })}</li>}
        </ul>
      )}
    </section>
  );
}
