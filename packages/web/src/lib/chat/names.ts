/** How a conversation is called on screen: the other person, the group's name or members, or #channel · Space. */
import type { TFunction } from 'i18next';
import type { Conversation, UserSummary } from '../types';

export function otherMembers(c: Pick<Conversation, 'members'>, meId: number): UserSummary[] {
  const others = c.members.filter((m) => m.id !== meId);
  return others.length > 0 ? others : c.members;
}

/** The person to show for a direct conversation (a note to self shows me). */
export function directPartner(c: Conversation, meId: number): UserSummary | null {
  return c.kind === 'direct' ? (otherMembers(c, meId)[0] ?? null) : null;
}

export function listOfNames(names: string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'conjunction', style: 'short' }).format(names);
}

export function conversationTitle(c: Conversation, meId: number, t: TFunction, locale: string): string {
  switch (c.kind) {
    case 'direct':
      return directPartner(c, meId)?.name ?? t('chat.unknownPerson');
    case 'channel':
      return t('chat.channelTitle', { name: c.name ?? '', space: c.space?.name ?? '' });
    case 'group': {
      if (c.name) return c.name;
      const others = otherMembers(c, meId);
      const shown = others.slice(0, 3).map((m) => m.name);
      return others.length > 3
        ? t('chat.groupNamesMore', { names: shown.join(', '), count: others.length - 3 })
        : listOfNames(shown, locale);
    }
  }
}
