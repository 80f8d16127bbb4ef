import { useTranslation } from 'react-i18next';
import type { RegistryEntry } from '../../lib/types';
import { PersonLink, Time, VisibilityBadge } from '../bits';

/**
 * The closed spaces as a table; on a phone each row becomes a card (CSS), with `data-label`
 * naming each value since the header row is hidden there.
 */
export function RegistryTable({ items }: { items: RegistryEntry[] }) {
  const { t } = useTranslation();
  const cols = {
    name: t('governance.colName'),
    visibility: t('governance.colVisibility'),
    purpose: t('governance.colPurpose'),
    owners: t('governance.colOwners'),
    members: t('governance.colMembers'),
    created: t('governance.colCreated'),
    activity: t('governance.colActivity'),
  };
  return (
    <table className="registry-table" data-testid="registry-table">
      <caption className="sr-only">{t('governance.registryTitle')}</caption>
      <thead>
        <tr>
          {Object.values(cols).map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.space.id} data-testid={`registry-${e.space.slug}`}>
            <th scope="row" data-label={cols.name}>
              {e.space.name}
            </th>
            <td data-label={cols.visibility}>
              <VisibilityBadge visibility={e.space.visibility} />
            </td>
            <td data-label={cols.purpose} className="pre-wrap">
              {e.purpose || <span className="muted">{t('closedSpaces.noPurpose')}</span>}
            </td>
            <td data-label={cols.owners}>
              {e.owners.length === 0 ? (
                <span className="muted">{t('governance.noOwners')}</span>
              ) : (
                <ul className="plain-list">
                  {e.owners.map((o) => (
                    <li key={o.id}>
                      <PersonLink user={o} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td data-label={cols.members}>{t('spaces.members', { count: e.memberCount })}</td>
            <td data-label={cols.created}>
              <Time iso={e.createdAt} dateOnly />
            </td>
            <td data-label={cols.activity}>{e.lastActivityAt ? <Time iso={e.lastActivityAt} /> : <span className="muted">{t('governance.noActivity')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
