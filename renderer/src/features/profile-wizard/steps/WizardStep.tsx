// One numbered step of the form, labelled by its heading.
import type { ReactNode } from 'react';

export function WizardStep({ id, number, title, children }: { id: string; number: number; title: string; children: ReactNode }) {
  return (
    <section className="wizard__step" aria-labelledby={id}>
      <h2 id={id} className="wizard__step-title">
        <span className="wizard__step-number" aria-hidden="true">
          {number}
        </span>
        {title}
      </h2>
      {children}
    </section>
  );
}
