import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PageSummary } from '../../lib/types';
import type { TreeNode } from '../../lib/wiki';
import { LabelBadge } from '../labels/LabelBadge';

interface Props {
  nodes: TreeNode[];
  label: string;
  /** Pages at this label are not badged (the space's default says it already). */
  defaultLabel?: number;
  currentId?: number;
  /** Offer "Move…" for each page. */
  onMove?: (page: PageSummary) => void;
}

/**
 * The space's pages as nested lists of links: every link and button is reachable with Tab, and
 * a disclosure button before a page with children shows or hides them (aria-expanded).
 */
export function PageTree({ nodes, label, defaultLabel, currentId, onMove }: Props) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <nav aria-label={label} className="wiki-tree-nav">
      <Branch nodes={nodes} collapsed={collapsed} toggle={toggle} defaultLabel={defaultLabel} currentId={currentId} onMove={onMove} root />
    </nav>
  );
}

interface BranchProps extends Omit<Props, 'label' | 'nodes'> {
  nodes: TreeNode[];
  collapsed: ReadonlySet<number>;
  toggle: (id: number) => void;
  root?: boolean;
}

function Branch({ nodes, collapsed, toggle, defaultLabel, currentId, onMove, root }: BranchProps) {
  const { t } = useTranslation();
  return (
    <ul className={root ? 'wiki-tree' : 'wiki-tree wiki-subtree'}>
      {nodes.map(({ page, children }) => {
        const open = !collapsed.has(page.id);
        const subId = `wiki-sub-${page.id}`;
        return (
          <li key={page.id} data-testid={`tree-${page.id}`}>
            <div className="wiki-tree-row">
              {children.length > 0 ? (
                <button
                  type="button"
                  className="icon-btn wiki-tree-toggle"
                  aria-expanded={open}
                  aria-controls={subId}
                  aria-label={t(open ? 'wiki.collapse' : 'wiki.expand', { title: page.title, count: children.length })}
                  onClick={() => toggle(page.id)}
                >
                  <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                </button>
              ) : (
                <span className="wiki-tree-leaf" aria-hidden="true" />
              )}
              <Link to={`/pages/${page.id}`} className="wiki-tree-link grow" aria-current={page.id === currentId ? 'page' : undefined}>
                {page.title}
              </Link>
              {defaultLabel !== undefined && page.label !== defaultLabel && <LabelBadge level={page.label} small />}
              {onMove && (
                <button type="button" className="btn btn-small btn-ghost" onClick={() => onMove(page)} aria-label={t('wiki.moveTitled', { title: page.title })}>
                  {t('wiki.move')}
                </button>
              )}
            </div>
            {children.length > 0 && (
              <div id={subId} hidden={!open}>
                <Branch nodes={children} collapsed={collapsed} toggle={toggle} defaultLabel={defaultLabel} currentId={currentId} onMove={onMove} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
