import type { PolicySection } from '@foyer/shared';

/** The policy in plain language, as the server renders it for the reader's language. */
export function PolicySections({ sections }: { sections: PolicySection[] }) {
  return (
    <div className="policy-sections">
      {sections.map((s) => (
        <section key={s.id} className="policy-section" aria-labelledby={`policy-${s.id}`} data-testid={`policy-section-${s.id}`}>
          <h3 id={`policy-${s.id}`}>{s.title}</h3>
          {s.sentences.map((sentence, i) => (
            <p key={i}>{sentence}</p>
          ))}
        </section>
      ))}
    </div>
  );
}
