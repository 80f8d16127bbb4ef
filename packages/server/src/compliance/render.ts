/**
 * The policy in plain language, German and English. One renderer feeds the API (what every
 * employee reads) and the annex to the written works agreement, so both always say the same.
 */
import { POLICY_MODULES, RETENTION_TYPES, type Locale, type NotificationType, type PolicyDocument, type PolicyModule, type PolicyRole, type PolicySection } from '@foyer/shared';

type Text = Record<Locale, string>;

const MODULE_NAMES: Record<PolicyModule, Text> = {
  chat: { en: 'Chat (direct messages, group conversations and space channels)', de: 'Chat (Direktnachrichten, Gruppenunterhaltungen und Kanäle in Räumen)' },
  questions: { en: 'Questions and answers', de: 'Fragen und Antworten' },
  wiki: { en: 'Wiki pages', de: 'Wiki-Seiten' },
  files: { en: 'Files', de: 'Dateien' },
  linkPreviews: { en: 'Link previews', de: 'Linkvorschauen' },
  announcements: { en: 'Announcements with acknowledgement', de: 'Ankündigungen mit Lesebestätigung' },
  analytics: { en: 'Analytics (aggregates only)', de: 'Auswertungen (nur zusammengefasst)' },
  integrations: { en: 'Integrations with other systems', de: 'Anbindungen an andere Systeme' },
};

const RETENTION_NAMES: Record<(typeof RETENTION_TYPES)[number], Text> = {
  chatMessages: { en: 'Chat messages', de: 'Chatnachrichten' },
  posts: { en: 'Posts', de: 'Beiträge' },
  comments: { en: 'Comments', de: 'Kommentare' },
  questions: { en: 'Questions (with their answers and the comments on those)', de: 'Fragen (mit ihren Antworten und den Kommentaren dazu)' },
  wikiPages: { en: 'Wiki pages', de: 'Wiki-Seiten' },
  files: { en: 'Files', de: 'Dateien' },
  notifications: { en: 'Notifications', de: 'Benachrichtigungen' },
  auditLog: { en: 'Audit log', de: 'Prüfprotokoll' },
};

export const ROLE_NAMES: Record<PolicyRole, Text> = {
  admin: { en: 'administrators', de: 'Administratorinnen und Administratoren' },
  communications: { en: 'internal communications', de: 'interne Kommunikation' },
  governance: { en: 'works council (governance)', de: 'Betriebsrat (Governance)' },
  moderator: { en: 'moderators', de: 'Moderation' },
};

/** Notification types as the urgent exceptions of quiet hours name them. */
const NOTIFICATION_NAMES: Partial<Record<NotificationType, Text>> = {
  mention: { en: 'mentions', de: 'Erwähnungen' },
  reply: { en: 'replies', de: 'Antworten auf Beiträge' },
  reaction: { en: 'reactions', de: 'Reaktionen' },
  join_request: { en: 'requests to join a space', de: 'Beitrittsanfragen' },
  join_decision: { en: 'decisions on a request to join', de: 'Entscheidungen über Beitrittsanfragen' },
  invitation: { en: 'invitations to a space', de: 'Einladungen in einen Space' },
  chat_mention: { en: 'mentions in chat', de: 'Erwähnungen im Chat' },
  declassify_request: { en: 'requests to widen a post’s audience', de: 'Anfragen, einen Beitrag weiter zu öffnen' },
  declassify_decision: { en: 'decisions on those requests', de: 'Entscheidungen über diese Anfragen' },
  announcement_reminder: { en: 'reminders of announcements to acknowledge', de: 'Erinnerungen an zu bestätigende Ankündigungen' },
  report_received: { en: 'reports for moderators', de: 'Meldungen an die Moderation' },
  moderation_decision: { en: 'moderation decisions', de: 'Moderationsentscheidungen' },
  space_inactive: { en: 'notices about inactive spaces', de: 'Hinweise auf inaktive Spaces' },
  question_answered: { en: 'answers to a person’s questions', de: 'Antworten auf eigene Fragen' },
};

const WEEKDAYS: Record<Locale, string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
};

function list(items: string[], locale: Locale): string {
  if (!items.length) return locale === 'de' ? 'keine' : 'none';
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

const days = (n: number, locale: Locale) => (locale === 'de' ? (n === 1 ? '1 Tag' : `${n} Tagen`) : n === 1 ? '1 day' : `${n} days`);

/** Holders: names of the current holders of each functional role (shown where the roles are named). */
export function describePolicy(doc: PolicyDocument, locale: Locale, holders: Partial<Record<PolicyRole, string[]>> = {}): PolicySection[] {
  const de = locale === 'de';
  const on = POLICY_MODULES.filter((m) => doc.modules[m]).map((m) => MODULE_NAMES[m][locale]);
  const off = POLICY_MODULES.filter((m) => !doc.modules[m]).map((m) => MODULE_NAMES[m][locale]);
  const roleName = (r: PolicyRole) => ROLE_NAMES[r][locale];
  const qh = doc.quietHours;
  const urgent = qh.urgentBypass ? qh.urgentTypes.map((t) => NOTIFICATION_NAMES[t]?.[locale] ?? t) : [];
  const sections: PolicySection[] = [
    {
      id: 'modules',
      title: de ? 'Freigeschaltete Funktionen' : 'Enabled features',
      sentences: [
        de ? `Freigeschaltet sind: ${list(on, locale)}.` : `These features are enabled: ${list(on, locale)}.`,
        de ? `Abgeschaltet sind: ${list(off, locale)}. Foyer lehnt jede Nutzung abgeschalteter Funktionen ab.` : `These features are switched off: ${list(off, locale)}. Foyer refuses every use of a feature that is switched off.`,
      ],
    },
    {
      id: 'presence',
      title: de ? 'Anwesenheit und Lesebestätigungen' : 'Presence and read receipts',
      sentences: [
        doc.presence.mode === 'on'
          ? de
            ? 'Jede Person kann selbst einen Status setzen (z. B. „im Urlaub“). Foyer zeigt nie automatisch an, ob jemand online ist.'
            : 'Each person may set a status themselves (e.g. “on holiday”). Foyer never shows automatically whether someone is online.'
          : de
            ? 'Es gibt keine Anwesenheitsanzeige, auch keinen selbst gesetzten Status.'
            : 'There is no presence display, not even a self-chosen status.',
        {
          off: de ? 'Niemand sieht, ob oder wann andere eine Nachricht gelesen haben.' : 'Nobody can see whether or when others have read a message.',
          direct: de ? 'Lesebestätigungen sind nur in Direktnachrichten zwischen zwei Personen erlaubt.' : 'Read receipts are allowed only in direct messages between two people.',
          all: de ? 'Lesebestätigungen sind in allen Unterhaltungen erlaubt.' : 'Read receipts are allowed in all conversations.',
        }[doc.readReceipts.mode],
      ],
    },
    {
      id: 'quietHours',
      title: de ? 'Ruhezeiten' : 'Quiet hours',
      sentences: qh.enabled
        ? [
            de
              ? `Arbeitstage sind ${list(qh.workdays.map((d) => WEEKDAYS.de[d - 1]), locale)}; Ruhezeit ist von ${qh.start} bis ${qh.end} Uhr (${qh.timeZone}), sofern die Person nichts anderes einstellt.`
              : `Working days are ${list(qh.workdays.map((d) => WEEKDAYS.en[d - 1]), locale)}; quiet hours run from ${qh.start} to ${qh.end} (${qh.timeZone}) unless a person sets their own.`,
            de
              ? 'Benachrichtigungen, die außerhalb der Arbeitszeit einer Person eintreffen, hält Foyer zurück und stellt sie zu Beginn ihres nächsten Arbeitstags zu, mit einer Zusammenfassung, wie viele es sind.'
              : 'Notifications that arrive outside a person’s working hours are held by Foyer and delivered at the start of their next working day, with a summary of how many arrived.',
            urgent.length
              ? de
                ? `Nur diese dringenden Benachrichtigungen werden sofort zugestellt: ${list(urgent, locale)}.`
                : `Only these urgent notifications are delivered at once: ${list(urgent, locale)}.`
              : de
                ? 'Es gibt keine Ausnahme für dringende Benachrichtigungen.'
                : 'There is no exception for urgent notifications.',
          ]
        : [de ? 'Es gelten keine organisationsweiten Ruhezeiten.' : 'No organisation-wide quiet hours apply.'],
    },
    {
      id: 'retention',
      title: de ? 'Aufbewahrung' : 'Retention',
      sentences: RETENTION_TYPES.map((t) => {
        const d = doc.retention[t];
        const name = RETENTION_NAMES[t][locale];
        if (d === null) return de ? `${name}: bleiben erhalten, bis jemand sie löscht.` : `${name}: kept until someone deletes them.`;
        if (t === 'auditLog')
          return de
            ? `${name}: Einträge werden nach ${days(d, locale)} gelöscht, außer solche zu einem noch offenen versiegelten Zugriff. Das Protokoll bleibt überprüfbar: Jede Löschung wird selbst eingetragen, mit der Anzahl und dem letzten gelöschten Eintrag.`
            : `${name}: entries are deleted after ${days(d, locale)}, except those about a sealed access still open. The log stays verifiable: each deletion is recorded in it, with the count and the last entry deleted.`;
        return de ? `${name}: werden nach ${days(d, locale)} gelöscht.` : `${name}: deleted after ${days(d, locale)}.`;
      }),
    },
    {
      id: 'erasure',
      title: de ? 'Löschung eines Kontos' : 'Erasure of an account',
      sentences: [
        doc.erasure.mode === 'remove'
          ? de
            ? 'Wird ein Konto gelöscht, löscht Foyer auch alles, was die Person an gemeinsamen Orten geschrieben oder hochgeladen hat.'
            : 'When an account is erased, Foyer also deletes everything the person wrote or uploaded in shared places.'
          : de
            ? 'Wird ein Konto gelöscht, bleibt, was die Person an gemeinsamen Orten geschrieben oder hochgeladen hat, erhalten und erscheint unter dem Namen „Former employee“ (ehemals beschäftigt); ihre Nachrichten in Direktnachrichten, ihr Name und ihre übrigen persönlichen Daten werden gelöscht.'
            : 'When an account is erased, what the person wrote or uploaded in shared places is kept and shown under the name “Former employee”; their direct messages, their name and other personal data are deleted.',
        de
          ? 'In beiden Fällen werden Profil, Einstellungen, Sitzungen, Mitgliedschaften, Reaktionen und Benachrichtigungen der Person gelöscht.'
          : 'Either way, the person’s profile, settings, sessions, memberships, reactions and notifications are deleted.',
      ],
    },
    {
      id: 'analytics',
      title: de ? 'Auswertungen' : 'Analytics',
      sentences: [
        de
          ? `Zahlen werden nur über mindestens ${doc.analytics.k} Personen zusammengefasst gezeigt; kleinere Gruppen werden unterdrückt. Es gibt keine Auswertung einzelner Personen.`
          : `Figures are shown only as aggregates over at least ${doc.analytics.k} people; smaller groups are suppressed. Nobody's individual activity is evaluated.`,
      ],
    },
    {
      id: 'roles',
      title: de ? 'Rollen' : 'Roles',
      sentences: (['communications', 'governance', 'moderator'] as const).map((r) => {
        if (!doc.roles[r]) return de ? `Die Rolle „${roleName(r)}“ gibt es nicht.` : `The role “${roleName(r)}” does not exist.`;
        const who = holders[r];
        if (!who) return de ? `Die Rolle „${roleName(r)}“ gibt es.` : `The role “${roleName(r)}” exists.`;
        if (!who.length) return de ? `Die Rolle „${roleName(r)}“ hat derzeit niemand.` : `Nobody holds the role “${roleName(r)}” at present.`;
        return de ? `Die Rolle „${roleName(r)}“ haben: ${list(who, locale)}.` : `The role “${roleName(r)}” is held by: ${list(who, locale)}.`;
      }),
    },
    {
      id: 'coDetermination',
      title: de ? 'Mitbestimmung bei Änderungen' : 'Co-determination of changes',
      sentences: [
        de
          ? `Änderungen schlagen Administratorinnen und Administratoren vor. Sie gelten erst, wenn je eine Person aus ${list(doc.coDetermination.approverRoles.map(roleName), locale)} zugestimmt hat; niemand kann den eigenen Vorschlag genehmigen.`
          : `Administrators propose changes. A change applies only after one person from each of ${list(doc.coDetermination.approverRoles.map(roleName), locale)} has approved it; nobody can approve their own proposal.`,
      ],
    },
    {
      id: 'sealedAccess',
      title: de ? 'Versiegelter Zugriff' : 'Sealed access',
      sentences: [
        de
          ? `Zugriff auf Inhalte, die jemand sonst nicht lesen darf, braucht die Zustimmung von zwei Personen aus verschiedenen Rollen (${list(doc.sealedAccess.approverRoles.map(roleName), locale)}) und gilt höchstens ${days(doc.sealedAccess.maxDays, locale)}.`
          : `Access to content someone may not otherwise read needs the approval of two people in different roles (${list(doc.sealedAccess.approverRoles.map(roleName), locale)}) and lasts at most ${days(doc.sealedAccess.maxDays, locale)}.`,
        doc.sealedAccess.notifyDelayDays === 0
          ? de
            ? `Betroffene werden sofort informiert (ein Aufschub ist auf höchstens ${days(doc.sealedAccess.maxNotifyDelayDays, locale)} begrenzt).`
            : `The people affected are told at once (a delay is limited to at most ${days(doc.sealedAccess.maxNotifyDelayDays, locale)}).`
          : de
            ? `Betroffene werden nach ${days(doc.sealedAccess.notifyDelayDays, locale)} informiert, spätestens nach ${days(doc.sealedAccess.maxNotifyDelayDays, locale)}.`
            : `The people affected are told after ${days(doc.sealedAccess.notifyDelayDays, locale)}, at the latest after ${days(doc.sealedAccess.maxNotifyDelayDays, locale)}.`,
        de ? 'Jeder Schritt wird in einem manipulationssicheren Prüfprotokoll festgehalten.' : 'Every step is recorded in a tamper-evident audit log.',
      ],
    },
  ];
  // Stored and agreed, but no feature applies these yet: say so rather than promise it.
  const notYet = de ? 'Foyer setzt diese Regel noch nicht selbst durch; sie ist als Vereinbarung festgehalten.' : 'Foyer does not apply this rule by itself yet; it is recorded as agreed.'
  for (const s of sections) if (NOT_ENFORCED_YET.has(s.id)) s.sentences.push(notYet);
  return sections;
}

/** Sections whose rules no feature applies yet (docs/admin.md, Works agreement and audit log); empty since quiet hours are applied. */
const NOT_ENFORCED_YET = new Set<string>([]);
