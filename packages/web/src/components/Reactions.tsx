import { REACTIONS, REACTION_EMOJI } from '@foyer/shared';
import { useTranslation } from 'react-i18next';
import type { Reaction, ReactionSummary } from '../lib/types';
import { Menu } from './Menu';

interface Props {
  summary: ReactionSummary;
  canReact: boolean;
  busy?: boolean;
  onToggle: (reaction: Reaction, on: boolean) => void;
  onShowWho?: () => void;
  /** Show the "add reaction" button here (chat puts it in the message toolbar instead). */
  picker?: boolean;
}

export function Reactions({ summary, canReact, busy, onToggle, onShowWho, picker = true }: Props) {
  const { t } = useTranslation();
  const present = REACTIONS.filter((r) => (summary.counts[r] ?? 0) > 0);
  const total = present.reduce((n, r) => n + (summary.counts[r] ?? 0), 0);
  const mine = new Set(summary.mine);
  return (
    <div className="reactions" role="group" aria-label={t('reactions.group')}>
      {present.map((r) => (
        <button
          key={r}
          type="button"
          className={mine.has(r) ? 'chip chip-on' : 'chip'}
          aria-pressed={mine.has(r)}
          disabled={!canReact || busy}
          onClick={() => onToggle(r, !mine.has(r))}
          aria-label={t('reactions.chip', { reaction: t(`reactions.names.${r}`), count: summary.counts[r] ?? 0 })}
          data-testid={`reaction-chip-${r}`}
        >
          <span aria-hidden="true">{REACTION_EMOJI[r]}</span> <span aria-hidden="true">{summary.counts[r]}</span>
        </button>
      ))}
      {canReact && picker && <ReactionPicker mine={summary.mine} onToggle={onToggle} />}
      {onShowWho && total > 0 && (
        <button type="button" className="link-btn small" onClick={onShowWho}>
          {t('reactions.who', { count: total })}
        </button>
      )}
    </div>
  );
}

/** The "add reaction" popup: one button per reaction, pressed when it is mine. */
export function ReactionPicker({ mine, onToggle }: { mine: readonly Reaction[]; onToggle: (reaction: Reaction, on: boolean) => void }) {
  const { t } = useTranslation();
  const set = new Set(mine);
  return (
    <Menu label={t('reactions.add')} icon={<span aria-hidden="true">☺︎+</span>} align="start">
      {(close) => (
        <div className="reaction-picker">
          {REACTIONS.map((r) => (
            <button
              key={r}
              type="button"
              className={set.has(r) ? 'icon-btn reaction-pick on' : 'icon-btn reaction-pick'}
              aria-pressed={set.has(r)}
              aria-label={t(`reactions.names.${r}`)}
              title={t(`reactions.names.${r}`)}
              data-testid={`react-${r}`}
              onClick={() => {
                onToggle(r, !set.has(r));
                close();
              }}
            >
              <span aria-hidden="true">{REACTION_EMOJI[r]}</span>
            </button>
          ))}
        </div>
      )}
    </Menu>
  );
}
