import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/** A disclosure popup of buttons: Escape or an outside click closes it and focus returns to the trigger. */
export function Menu({ label, icon, children, align = 'end' }: { label: string; icon?: ReactNode; children: (close: () => void) => ReactNode; align?: 'start' | 'end' }) {
  const [open, setOpen] = useState(false);
  const [up, setUp] = useState(false);
  const id = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const btn = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    // Open upwards when the popup would be cut off by a scrolling container (chat messages) or the window.
    const pop = wrap.current?.querySelector<HTMLElement>('.menu-pop');
    const clip = wrap.current?.closest<HTMLElement>('.msg-scroller, .side-scroll');
    if (pop && wrap.current) {
      const bottom = clip ? clip.getBoundingClientRect().bottom : window.innerHeight;
      const top = clip ? clip.getBoundingClientRect().top : 0;
      const trigger = wrap.current.getBoundingClientRect();
      const below = bottom - trigger.bottom;
      setUp(pop.offsetHeight + 8 > below && trigger.top - top > below);
    }
    const first = wrap.current?.querySelector<HTMLElement>('.menu-pop button, .menu-pop a');
    first?.focus();
    return () => document.removeEventListener('mousedown', onDoc);
  }, [open]);

  const close = () => {
    setOpen(false);
    btn.current?.focus();
  };

  return (
    <div
      className="menu"
      ref={wrap}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
      onBlur={(e) => {
        if (open && wrap.current && !wrap.current.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={btn}
        type="button"
        className={icon ? 'icon-btn' : 'btn btn-ghost'}
        aria-expanded={open}
        aria-controls={id}
        aria-label={icon ? label : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {icon ?? label}
      </button>
      <div id={id} className={`menu-pop menu-${align}${up ? ' menu-up' : ''}`} hidden={!open}>
        {open && children(() => setOpen(false))}
      </div>
    </div>
  );
}

/** One plain action inside a Menu. */
export function MenuAction({ label, onClick, testId, danger }: { label: string; onClick: () => void; testId?: string; danger?: boolean }) {
  return (
    <button type="button" className={danger ? 'danger' : undefined} onClick={onClick} data-testid={testId}>
      {label}
    </button>
  );
}
