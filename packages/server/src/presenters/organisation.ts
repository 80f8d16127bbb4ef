import type { Selectable } from 'kysely';
import type { Organisation } from '@foyer/shared';
import type { OrganisationTable } from '../db/schema.js';
import { parseJson } from '../lib/json.js';

export function presentOrganisation(org: Selectable<OrganisationTable> | undefined): Organisation {
  if (!org) return { name: '', defaultLocale: 'en', allowedDomains: [], setupDone: false, demo: false, chatGuests: false, guestMaxLabel: 200, redactLabel: 300, privateSpaceCreators: 'everyone', secretSpaceCreators: 'everyone', secretPurposeRequired: false, spaceGuidelines: '', inactivityArchiveDays: null };
  return {
    name: org.name,
    defaultLocale: org.default_locale === 'de' ? 'de' : 'en',
    allowedDomains: parseJson<string[]>(org.allowed_domains, []),
    setupDone: true,
    demo: org.demo === 1,
    chatGuests: org.chat_guests === 1,
    guestMaxLabel: org.guest_max_label,
    redactLabel: org.redact_label,
    privateSpaceCreators: org.private_space_creators,
    secretSpaceCreators: org.secret_space_creators,
    secretPurposeRequired: org.secret_purpose_required === 1,
    spaceGuidelines: org.space_guidelines,
    inactivityArchiveDays: org.inactivity_archive_days,
  };
}
