/**
 * Demo-mode sample company: a fictional German machine builder with a UK subsidiary.
 *
 * Pure data, no imports. The seeder turns these constants into rows; `validateDemoData()` at the
 * bottom checks the cross-references (handles, memberships, who may read what) and returns a list
 * of problems, empty when the data is consistent.
 *
 * Conventions:
 * - `department` and `site` on a person refer to `DEMO_DEPARTMENTS[].name` / `DEMO_SITES[].name`.
 * - A space's effective members are its owner, its explicit `members`, and every employee (never
 *   the guest) whose department is listed in `memberDepartments`. Use `demoSpaceMembers()`.
 * - Public spaces can be read by every employee; private and secret spaces only by their members.
 *   The guest can only ever read the spaces they are an explicit member of.
 * - Comment `replies` are one level deep (a reply's parent is the top-level comment).
 * - `hoursAgo` is relative to seeding time; comments and reactions come after their post.
 */

export type DemoLocale = 'de' | 'en';
export type DemoRole = 'admin' | 'member' | 'guest';
export type DemoVisibility = 'public' | 'private' | 'secret';
export type DemoReactionType = 'like' | 'love' | 'celebrate' | 'insightful' | 'support' | 'laugh';

export interface DemoOrg {
  name: string;
  defaultLocale: DemoLocale;
  allowedDomains: string[];
}

export interface DemoDepartment {
  /** Canonical (English) name, stored on users. */
  name: string;
  /** German display name. */
  nameDe: string;
}

export interface DemoSite {
  name: string;
  country: 'DE' | 'GB';
  timezone: string;
}

export interface DemoPerson {
  handle: string;
  name: string;
  email: string;
  title: string;
  department: string;
  site: string;
  languages: string[];
  locale: DemoLocale;
  about: string;
  role: DemoRole;
  /** Shown on the demo login screen for the four one-click accounts. */
  demoLabel?: string;
}

export interface DemoSpace {
  slug: string;
  name: string;
  description: string;
  visibility: DemoVisibility;
  owner: string;
  members: string[];
  memberDepartments?: string[];
}

export interface DemoReaction {
  handle: string;
  reaction: DemoReactionType;
}

export interface DemoReply {
  author: string;
  body: string;
}

export interface DemoComment {
  author: string;
  body: string;
  replies?: DemoReply[];
}

export interface DemoPost {
  space: string;
  author: string;
  body: string;
  comments: DemoComment[];
  reactions: DemoReaction[];
  pinned?: boolean;
  hoursAgo: number;
}

/** Shorthand: the same reaction from several people. */
function rx(reaction: DemoReactionType, ...handles: string[]): DemoReaction[] {
  return handles.map((handle) => ({ handle, reaction }));
}

// ---------------------------------------------------------------------------------------------
// Organisation
// ---------------------------------------------------------------------------------------------

export const DEMO_ORG: DemoOrg = {
  name: 'Nordlicht Maschinenbau GmbH',
  defaultLocale: 'de',
  allowedDomains: ['nordlicht.example'],
};

export const DEMO_PASSWORD = 'foyer-demo-2026';

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { name: 'Management', nameDe: 'Geschäftsführung' },
  { name: 'Engineering', nameDe: 'Konstruktion & Entwicklung' },
  { name: 'Production', nameDe: 'Produktion' },
  { name: 'Sales', nameDe: 'Vertrieb' },
  { name: 'Marketing', nameDe: 'Marketing & Kommunikation' },
  { name: 'HR', nameDe: 'Personal' },
  { name: 'Finance', nameDe: 'Finanzen & Controlling' },
  { name: 'IT', nameDe: 'IT' },
  { name: 'Legal', nameDe: 'Recht' },
];

export const DEMO_SITES: DemoSite[] = [
  { name: 'Hamburg', country: 'DE', timezone: 'Europe/Berlin' },
  { name: 'Munich', country: 'DE', timezone: 'Europe/Berlin' },
  { name: 'Stuttgart', country: 'DE', timezone: 'Europe/Berlin' },
  { name: 'Manchester', country: 'GB', timezone: 'Europe/London' },
  { name: 'London', country: 'GB', timezone: 'Europe/London' },
];

// ---------------------------------------------------------------------------------------------
// People (exactly 50: 38 in Germany, 11 in the UK, 1 external guest)
// ---------------------------------------------------------------------------------------------

export const DEMO_PEOPLE: DemoPerson[] = [
  // --- Hamburg (headquarters) ---
  {
    handle: 'juergen.weiss',
    name: 'Jürgen Weiß',
    email: 'juergen.weiss@nordlicht.example',
    title: 'Leiter IT-Infrastruktur',
    department: 'IT',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Seit 2009 bei Nordlicht. Kümmert sich um Netz, Server und darum, dass Foyer läuft. Segelt am Wochenende auf der Alster.',
    role: 'admin',
    demoLabel: 'Administrator / Admin',
  },
  {
    handle: 'sophie.mueller',
    name: 'Sophie Müller',
    email: 'sophie.mueller@nordlicht.example',
    title: 'Konstrukteurin Maschinenbau',
    department: 'Engineering',
    site: 'Hamburg',
    languages: ['de', 'en', 'fr'],
    locale: 'de',
    about: 'Konstruiert Greifer und Zuführsysteme für unsere Verpackungslinien. Mitglied im Betriebsrat. Fragt gern nach, bevor sie fräsen lässt.',
    role: 'member',
    demoLabel: 'Mitarbeiterin / Employee',
  },
  {
    handle: 'katharina.schroeder',
    name: 'Katharina Schröder',
    email: 'katharina.schroeder@nordlicht.example',
    title: 'Geschäftsführerin',
    department: 'Management',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Geschäftsführerin seit 2019. Davor Werkleitung in Stuttgart. Offene Tür, auch digital.',
    role: 'member',
  },
  {
    handle: 'thomas.becker',
    name: 'Thomas Becker',
    email: 'thomas.becker@nordlicht.example',
    title: 'Vertriebsleiter DACH',
    department: 'Sales',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Verantwortet den Vertrieb in Deutschland, Österreich und der Schweiz. Meistens irgendwo zwischen Flensburg und Basel unterwegs.',
    role: 'member',
  },
  {
    handle: 'lena.hoffmann',
    name: 'Lena Hoffmann',
    email: 'lena.hoffmann@nordlicht.example',
    title: 'Teamleiterin Vertriebsinnendienst',
    department: 'Sales',
    site: 'Hamburg',
    languages: ['de', 'en', 'es'],
    locale: 'de',
    about: 'Leitet den Innendienst und organisiert nebenbei Laufgruppe, Kickerturnier und Mittagsumfragen. Key Userin für Vertrieb im S/4-Projekt.',
    role: 'member',
    demoLabel: 'Space-Ownerin / Space owner',
  },
  {
    handle: 'markus.schulz',
    name: 'Markus Schulz',
    email: 'markus.schulz@nordlicht.example',
    title: 'Schichtleiter Montage',
    department: 'Production',
    site: 'Hamburg',
    languages: ['de'],
    locale: 'de',
    about: 'Schichtleiter in der Endmontage Halle 2. Ansprechpartner für Schichttausch und Urlaubsplanung.',
    role: 'member',
  },
  {
    handle: 'frank.meyer',
    name: 'Frank Meyer',
    email: 'frank.meyer@nordlicht.example',
    title: 'Produktionsleiter Werk Hamburg',
    department: 'Production',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Gelernter Industriemechaniker, heute Produktionsleiter. Arbeitssicherheit geht vor Stückzahl.',
    role: 'member',
  },
  {
    handle: 'dennis.krueger',
    name: 'Dennis Krüger',
    email: 'dennis.krueger@nordlicht.example',
    title: 'CNC-Fräser',
    department: 'Production',
    site: 'Hamburg',
    languages: ['de'],
    locale: 'de',
    about: 'Fräst seit zwölf Jahren an der DMG in Halle 1. Amtierender Kickermeister.',
    role: 'member',
  },
  {
    handle: 'aylin.yilmaz',
    name: 'Aylin Yılmaz',
    email: 'aylin.yilmaz@nordlicht.example',
    title: 'Personalreferentin',
    department: 'HR',
    site: 'Hamburg',
    languages: ['de', 'tr', 'en'],
    locale: 'de',
    about: 'Zuständig für Onboarding, Ausbildung und Benefits am Standort Hamburg. Sprecht mich gern an!',
    role: 'member',
  },
  {
    handle: 'birgit.lange',
    name: 'Birgit Lange',
    email: 'birgit.lange@nordlicht.example',
    title: 'Leiterin Personal',
    department: 'HR',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Leitet das Personalwesen für alle Standorte in Deutschland und Großbritannien.',
    role: 'member',
  },
  {
    handle: 'stefan.wagner',
    name: 'Stefan Wagner',
    email: 'stefan.wagner@nordlicht.example',
    title: 'Leiter Finanzen & Controlling (CFO)',
    department: 'Finance',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Zahlen, Daten, Fakten. Und gelegentlich Marathon.',
    role: 'member',
  },
  {
    handle: 'claudia.fischer',
    name: 'Claudia Fischer',
    email: 'claudia.fischer@nordlicht.example',
    title: 'Finanzbuchhalterin',
    department: 'Finance',
    site: 'Hamburg',
    languages: ['de'],
    locale: 'de',
    about: 'Kreditoren, Reisekosten und Monatsabschluss. Stellvertretende Betriebsratsvorsitzende.',
    role: 'member',
  },
  {
    handle: 'jan.peters',
    name: 'Jan Peters',
    email: 'jan.peters@nordlicht.example',
    title: 'IT-Support (1st Level)',
    department: 'IT',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Erste Anlaufstelle für alles mit Stecker. Tickets bitte über den Service Desk.',
    role: 'member',
  },
  {
    handle: 'mia.schaefer',
    name: 'Mia Schäfer',
    email: 'mia.schaefer@nordlicht.example',
    title: 'Werkstudentin Marketing',
    department: 'Marketing',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Studiert Medienmanagement und betreut bei uns Social Media, Fotos und Videos.',
    role: 'member',
  },
  {
    handle: 'nina.krause',
    name: 'Nina Krause',
    email: 'nina.krause@nordlicht.example',
    title: 'Leiterin Marketing & Kommunikation',
    department: 'Marketing',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Messen, Website, Pressearbeit und interne Kommunikation.',
    role: 'member',
  },
  {
    handle: 'oliver.hansen',
    name: 'Oliver Hansen',
    email: 'oliver.hansen@nordlicht.example',
    title: 'Syndikusrechtsanwalt',
    department: 'Legal',
    site: 'Hamburg',
    languages: ['de', 'en', 'da'],
    locale: 'de',
    about: 'Verträge, Compliance, Datenschutz. Lieber einmal zu früh fragen als einmal zu spät.',
    role: 'member',
  },
  {
    handle: 'hans-peter.grosse',
    name: 'Hans-Peter Große',
    email: 'hans-peter.grosse@nordlicht.example',
    title: 'Industriemechaniker, Betriebsratsvorsitzender',
    department: 'Production',
    site: 'Hamburg',
    languages: ['de'],
    locale: 'de',
    about: 'Seit 31 Jahren im Betrieb, seit 2014 Vorsitzender des Betriebsrats. Sprechstunde dienstags in Halle 2.',
    role: 'member',
  },
  {
    handle: 'ute.jensen',
    name: 'Ute Jensen',
    email: 'ute.jensen@nordlicht.example',
    title: 'Assistentin der Geschäftsführung',
    department: 'Management',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Termine, Events, Unternehmensnews. Wenn ihr etwas für alle ankündigen wollt: einfach melden.',
    role: 'member',
  },
  {
    handle: 'tim.brandt',
    name: 'Tim Brandt',
    email: 'tim.brandt@nordlicht.example',
    title: 'Auszubildender Mechatroniker',
    department: 'Production',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Azubi im 1. Lehrjahr. Kicker-Vizemeister (noch).',
    role: 'member',
  },

  // --- Munich ---
  {
    handle: 'maximilian.huber',
    name: 'Maximilian Huber',
    email: 'maximilian.huber@nordlicht.example',
    title: 'Leiter Entwicklung',
    department: 'Engineering',
    site: 'Munich',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Verantwortet Mechanik-, Elektro- und Softwareentwicklung. Bergsteiger, Espresso-Puritaner.',
    role: 'member',
  },
  {
    handle: 'franziska.bauer',
    name: 'Franziska Bauer',
    email: 'franziska.bauer@nordlicht.example',
    title: 'Softwareentwicklerin Embedded Systems',
    department: 'Engineering',
    site: 'Munich',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Firmware für unsere Antriebs- und Sensormodule. C, Rust und viel Oszilloskop.',
    role: 'member',
  },
  {
    handle: 'lukas.gruber',
    name: 'Lukas Gruber',
    email: 'lukas.gruber@nordlicht.example',
    title: 'Softwareentwickler Steuerungstechnik',
    department: 'Engineering',
    site: 'Munich',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'SPS, OPC UA und die Steuerungssoftware NL-Control. Release-Manager.',
    role: 'member',
  },
  {
    handle: 'sebastian.mayer',
    name: 'Sebastian Mayer',
    email: 'sebastian.mayer@nordlicht.example',
    title: 'Key Account Manager',
    department: 'Sales',
    site: 'Munich',
    languages: ['de', 'en', 'it'],
    locale: 'de',
    about: 'Betreut Großkunden in Bayern, Österreich und Südtirol.',
    role: 'member',
  },
  {
    handle: 'julia.wimmer',
    name: 'Julia Wimmer',
    email: 'julia.wimmer@nordlicht.example',
    title: 'Produktmanagerin',
    department: 'Marketing',
    site: 'Munich',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Produktmanagement für die Baureihe GX. Bringt Kundenfeedback in die Roadmap.',
    role: 'member',
  },
  {
    handle: 'florian.schmid',
    name: 'Florian Schmid',
    email: 'florian.schmid@nordlicht.example',
    title: 'DevOps-Engineer',
    department: 'IT',
    site: 'Munich',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'CI/CD, Git-Server, VPN und alles, was nachts nicht ausfallen darf.',
    role: 'member',
  },
  {
    handle: 'theresa.koenig',
    name: 'Theresa König',
    email: 'theresa.koenig@nordlicht.example',
    title: 'Qualitätsingenieurin',
    department: 'Engineering',
    site: 'Munich',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Qualitätsmanagement, Reklamationen und 8D-Reports. Läuft beim Firmenlauf immer vorne mit.',
    role: 'member',
  },
  {
    handle: 'andreas.moser',
    name: 'Andreas Moser',
    email: 'andreas.moser@nordlicht.example',
    title: 'Vertriebsingenieur',
    department: 'Sales',
    site: 'Munich',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Technischer Vertrieb für Sondermaschinen. Vorher zehn Jahre in der Konstruktion.',
    role: 'member',
  },
  {
    handle: 'elif.demir',
    name: 'Elif Demir',
    email: 'elif.demir@nordlicht.example',
    title: 'Data Engineer',
    department: 'IT',
    site: 'Munich',
    languages: ['de', 'en', 'tr'],
    locale: 'en',
    about: 'Machine data, dashboards and the data side of the S/4 migration. New in Munich since this month.',
    role: 'member',
  },
  {
    handle: 'georg.pichler',
    name: 'Georg Pichler',
    email: 'georg.pichler@nordlicht.example',
    title: 'Servicetechniker',
    department: 'Production',
    site: 'Munich',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Inbetriebnahmen und Service beim Kunden, meistens in Süddeutschland und Österreich. Kommt aus Linz.',
    role: 'member',
  },

  // --- Stuttgart ---
  {
    handle: 'matthias.weber',
    name: 'Matthias Weber',
    email: 'matthias.weber@nordlicht.example',
    title: 'Werkleiter Stuttgart',
    department: 'Production',
    site: 'Stuttgart',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Leitet das Werk Stuttgart mit Blechbearbeitung, Schweißerei und Lackiererei.',
    role: 'member',
  },
  {
    handle: 'sabine.keller',
    name: 'Sabine Keller',
    email: 'sabine.keller@nordlicht.example',
    title: 'Schichtleiterin Lackiererei',
    department: 'Production',
    site: 'Stuttgart',
    languages: ['de'],
    locale: 'de',
    about: 'Schichtleitung Lackiererei und Betriebsrätin für den Standort Stuttgart.',
    role: 'member',
  },
  {
    handle: 'dragan.petrovic',
    name: 'Dragan Petrović',
    email: 'dragan.petrovic@nordlicht.example',
    title: 'Schweißer',
    department: 'Production',
    site: 'Stuttgart',
    languages: ['de', 'sr', 'en'],
    locale: 'de',
    about: 'WIG- und MAG-Schweißer, Grillmeister der Frühschicht. Im Betriebsrat.',
    role: 'member',
  },
  {
    handle: 'melanie.vogt',
    name: 'Melanie Vogt',
    email: 'melanie.vogt@nordlicht.example',
    title: 'Strategische Einkäuferin',
    department: 'Finance',
    site: 'Stuttgart',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Einkauf für Antriebe, Elektrik und Zukaufteile. Key Userin Einkauf im S/4-Projekt.',
    role: 'member',
  },
  {
    handle: 'tobias.haeussler',
    name: 'Tobias Häußler',
    email: 'tobias.haeussler@nordlicht.example',
    title: 'Konstrukteur Sondermaschinenbau',
    department: 'Engineering',
    site: 'Stuttgart',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Sondermaschinen von der Idee bis zur Abnahme. Fährt am Wochenende Rad auf der Alb.',
    role: 'member',
  },
  {
    handle: 'carina.ott',
    name: 'Carina Ott',
    email: 'carina.ott@nordlicht.example',
    title: 'Controllerin, Projektleitung S/4HANA',
    department: 'Finance',
    site: 'Stuttgart',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Controlling für die Werke und Projektleitung der S/4HANA-Migration. Mittags beim Yoga.',
    role: 'member',
  },
  {
    handle: 'daniel.boehm',
    name: 'Daniel Böhm',
    email: 'daniel.boehm@nordlicht.example',
    title: 'Vertriebsinnendienst',
    department: 'Sales',
    site: 'Stuttgart',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Angebote, Auftragsabwicklung und Ersatzteilanfragen für Baden-Württemberg und die Schweiz.',
    role: 'member',
  },
  {
    handle: 'petra.riedel',
    name: 'Petra Riedel',
    email: 'petra.riedel@nordlicht.example',
    title: 'HR Business Partnerin',
    department: 'HR',
    site: 'Stuttgart',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Ansprechpartnerin für Führungskräfte und Mitarbeitende in Stuttgart und München.',
    role: 'member',
  },
  {
    handle: 'kai.zimmermann',
    name: 'Kai Zimmermann',
    email: 'kai.zimmermann@nordlicht.example',
    title: 'Netzwerkadministrator',
    department: 'IT',
    site: 'Stuttgart',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Netzwerk, WLAN und Zugänge. Legt neue Accounts an, wenn das Onboarding-Formular rechtzeitig kommt.',
    role: 'member',
  },

  // --- London ---
  {
    handle: 'james.whitaker',
    name: 'James Whitaker',
    email: 'james.whitaker@nordlicht.example',
    title: 'Managing Director UK',
    department: 'Management',
    site: 'London',
    languages: ['en', 'de'],
    locale: 'en',
    about: 'Runs Nordlicht UK Ltd. Spent three years in Hamburg and still misses Franzbrötchen.',
    role: 'member',
  },
  {
    handle: 'emily.clarke',
    name: 'Emily Clarke',
    email: 'emily.clarke@nordlicht.example',
    title: 'Sales Manager UK & Ireland',
    department: 'Sales',
    site: 'London',
    languages: ['en'],
    locale: 'en',
    about: 'Food, beverage and pharma packaging customers across the UK and Ireland.',
    role: 'member',
  },
  {
    handle: 'priya.patel',
    name: 'Priya Patel',
    email: 'priya.patel@nordlicht.example',
    title: 'Marketing Manager UK',
    department: 'Marketing',
    site: 'London',
    languages: ['en', 'gu', 'hi'],
    locale: 'en',
    about: 'Trade shows, campaigns and the UK website. Always looking for customer stories.',
    role: 'member',
  },
  {
    handle: 'rachel.adeyemi',
    name: 'Rachel Adeyemi',
    email: 'rachel.adeyemi@nordlicht.example',
    title: 'Financial Controller UK',
    department: 'Finance',
    site: 'London',
    languages: ['en', 'yo'],
    locale: 'en',
    about: 'Month-end, VAT and everything the UK entity reports to Hamburg.',
    role: 'member',
  },
  {
    handle: 'charlotte.davies',
    name: 'Charlotte Davies',
    email: 'charlotte.davies@nordlicht.example',
    title: 'Legal Counsel',
    department: 'Legal',
    site: 'London',
    languages: ['en', 'fr'],
    locale: 'en',
    about: 'Commercial contracts, employment law and UK GDPR for Nordlicht UK.',
    role: 'member',
  },

  // --- Manchester ---
  {
    handle: 'oliver.bennett',
    name: 'Oliver Bennett',
    email: 'oliver.bennett@nordlicht.example',
    title: 'Field Service Engineer',
    department: 'Engineering',
    site: 'Manchester',
    languages: ['en'],
    locale: 'en',
    about: 'Commissioning and servicing our lines from Glasgow to Bristol. Five-a-side on Wednesdays.',
    role: 'member',
  },
  {
    handle: 'tom.hughes',
    name: 'Tom Hughes',
    email: 'tom.hughes@nordlicht.example',
    title: 'Operations Manager',
    department: 'Production',
    site: 'Manchester',
    languages: ['en'],
    locale: 'en',
    about: 'Runs the Manchester service hub and spare parts warehouse.',
    role: 'member',
  },
  {
    handle: 'sarah.oconnor',
    name: "Sarah O'Connor",
    email: 'sarah.oconnor@nordlicht.example',
    title: 'HR Advisor',
    department: 'HR',
    site: 'Manchester',
    languages: ['en', 'ga'],
    locale: 'en',
    about: 'HR for both UK offices: onboarding, benefits and payroll questions.',
    role: 'member',
  },
  {
    handle: 'david.evans',
    name: 'David Evans',
    email: 'david.evans@nordlicht.example',
    title: 'Service Desk Analyst',
    department: 'IT',
    site: 'Manchester',
    languages: ['en', 'cy'],
    locale: 'en',
    about: 'IT support for the UK. Have you tried turning it off and on again?',
    role: 'member',
  },
  {
    handle: 'liam.murphy',
    name: 'Liam Murphy',
    email: 'liam.murphy@nordlicht.example',
    title: 'Applications Engineer',
    department: 'Engineering',
    site: 'Manchester',
    languages: ['en'],
    locale: 'en',
    about: 'Retrofits, customer trials and technical pre-sales support.',
    role: 'member',
  },
  {
    handle: 'aleksandra.nowak',
    name: 'Aleksandra Nowak',
    email: 'aleksandra.nowak@nordlicht.example',
    title: 'Warehouse & Logistics Coordinator',
    department: 'Production',
    site: 'Manchester',
    languages: ['en', 'pl'],
    locale: 'en',
    about: 'Joined the Manchester warehouse this month. Keeps the spare parts moving.',
    role: 'member',
  },

  // --- External guest ---
  {
    handle: 'external.consultant',
    name: 'Katrin Albers',
    email: 'external.consultant@partner.example',
    title: 'Externe Beraterin SAP S/4HANA (Partner Consulting AG)',
    department: 'IT',
    site: 'Hamburg',
    languages: ['de', 'en'],
    locale: 'de',
    about: 'Externe Beraterin der Partner Consulting AG. Begleitet die S/4HANA-Migration (Finanzen und Einkauf).',
    role: 'guest',
    demoLabel: 'Gast / Guest',
  },
];

// ---------------------------------------------------------------------------------------------
// Spaces
// ---------------------------------------------------------------------------------------------

const ALL_DEPARTMENTS = DEMO_DEPARTMENTS.map((d) => d.name);

export const DEMO_SPACES: DemoSpace[] = [
  {
    slug: 'company-news',
    name: 'Unternehmensnews / Company news',
    description:
      'Offizielle Ankündigungen für alle Standorte. Official announcements for all sites in Germany and the UK.',
    visibility: 'public',
    owner: 'ute.jensen',
    members: ['katharina.schroeder', 'birgit.lange'],
    memberDepartments: ALL_DEPARTMENTS,
  },
  {
    slug: 'ask-it',
    name: 'Frag die IT / Ask IT',
    description: 'Fragen rund um Laptop, VPN, Drucker und Software. Questions about laptops, VPN, printers and software.',
    visibility: 'public',
    owner: 'jan.peters',
    members: [
      'sophie.mueller',
      'lena.hoffmann',
      'markus.schulz',
      'aylin.yilmaz',
      'claudia.fischer',
      'mia.schaefer',
      'oliver.hansen',
      'ute.jensen',
      'franziska.bauer',
      'sebastian.mayer',
      'sabine.keller',
      'daniel.boehm',
      'hans-peter.grosse',
      'theresa.koenig',
      'emily.clarke',
      'tom.hughes',
      'priya.patel',
      'liam.murphy',
    ],
    memberDepartments: ['IT'],
  },
  {
    slug: 'sports-social',
    name: 'Sport & Freizeit / Sports & Social',
    description: 'Laufgruppen, Kickerturnier, Mittagessen und alles andere abseits der Arbeit. Everything off the clock.',
    visibility: 'public',
    owner: 'lena.hoffmann',
    members: [
      'sophie.mueller',
      'dennis.krueger',
      'aylin.yilmaz',
      'jan.peters',
      'mia.schaefer',
      'tim.brandt',
      'markus.schulz',
      'franziska.bauer',
      'lukas.gruber',
      'florian.schmid',
      'theresa.koenig',
      'julia.wimmer',
      'sebastian.mayer',
      'tobias.haeussler',
      'dragan.petrovic',
      'carina.ott',
      'kai.zimmermann',
      'oliver.bennett',
      'liam.murphy',
      'priya.patel',
      'aleksandra.nowak',
    ],
  },
  {
    slug: 'uk-office',
    name: 'UK office',
    description: 'News and logistics for Nordlicht UK in London and Manchester. English, please.',
    visibility: 'public',
    owner: 'james.whitaker',
    members: [
      'emily.clarke',
      'priya.patel',
      'rachel.adeyemi',
      'charlotte.davies',
      'oliver.bennett',
      'tom.hughes',
      'sarah.oconnor',
      'david.evans',
      'liam.murphy',
      'aleksandra.nowak',
      'katharina.schroeder',
      'sophie.mueller',
      'julia.wimmer',
    ],
  },
  {
    slug: 'produktion',
    name: 'Produktion / Werke',
    description: 'Schichtpläne, Störungen, Arbeitssicherheit und Neuigkeiten aus den Werken Hamburg, Stuttgart und Manchester.',
    visibility: 'public',
    owner: 'frank.meyer',
    members: ['sophie.mueller', 'aylin.yilmaz', 'jan.peters', 'tobias.haeussler', 'theresa.koenig'],
    memberDepartments: ['Production'],
  },
  {
    slug: 'engineering',
    name: 'Engineering / Entwicklung',
    description: 'Konstruktion, Elektro und Software: Reviews, Architekturentscheidungen und Releases.',
    visibility: 'private',
    owner: 'maximilian.huber',
    members: ['florian.schmid', 'elif.demir', 'julia.wimmer'],
    memberDepartments: ['Engineering'],
  },
  {
    slug: 'sales-dach',
    name: 'Vertrieb DACH',
    description: 'Forecast, Angebote, Leads und Erfolge im Vertrieb Deutschland, Österreich, Schweiz.',
    visibility: 'private',
    owner: 'lena.hoffmann',
    members: [
      'thomas.becker',
      'sebastian.mayer',
      'andreas.moser',
      'daniel.boehm',
      'julia.wimmer',
      'nina.krause',
      'georg.pichler',
    ],
  },
  {
    slug: 's4-migration',
    name: 'Projekt S/4HANA-Migration',
    description: 'Projektraum für die ERP-Migration: Workshops, Entscheidungen, Testpläne. Mit externer Beratung.',
    visibility: 'private',
    owner: 'carina.ott',
    members: [
      'juergen.weiss',
      'elif.demir',
      'florian.schmid',
      'stefan.wagner',
      'claudia.fischer',
      'melanie.vogt',
      'lena.hoffmann',
      'rachel.adeyemi',
      'external.consultant',
    ],
  },
  {
    slug: 'project-polaris',
    name: 'Project Polaris',
    description: 'Strictly confidential. Members only – please do not mention this project outside this space.',
    visibility: 'secret',
    owner: 'katharina.schroeder',
    members: [
      'stefan.wagner',
      'oliver.hansen',
      'carina.ott',
      'maximilian.huber',
      'james.whitaker',
      'charlotte.davies',
    ],
  },
  {
    slug: 'betriebsrat',
    name: 'Betriebsrat / Works council',
    description: 'Interner Arbeitsraum des Betriebsrats. Vertraulich.',
    visibility: 'secret',
    owner: 'hans-peter.grosse',
    members: [
      'claudia.fischer',
      'sophie.mueller',
      'markus.schulz',
      'sabine.keller',
      'dragan.petrovic',
      'franziska.bauer',
      'daniel.boehm',
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Posts
// ---------------------------------------------------------------------------------------------

export const DEMO_POSTS: DemoPost[] = [
  // ===== company-news (12) =====
  {
    space: 'company-news',
    author: 'katharina.schroeder',
    pinned: true,
    hoursAgo: 2,
    body: `**Willkommen bei Foyer! / Welcome to Foyer!**

Liebe Kolleginnen und Kollegen, ab heute haben wir mit Foyer einen gemeinsamen Ort für alle Standorte – von Hamburg bis Manchester. Hier findet ihr Unternehmensnews, Fachräume für eure Teams und hoffentlich viele gute Gespräche.

Dear colleagues in London and Manchester: feel free to post in English – everyone is welcome here.

Fragen zur Nutzung? Schaut in den Space „Frag die IT" oder wendet euch an @juergen.weiss.

#foyer #willkommen`,
    comments: [
      {
        author: 'james.whitaker',
        body: 'Great to finally have both countries in one place. The UK team is on board! 🇬🇧',
        replies: [{ author: 'katharina.schroeder', body: 'Wonderful – see you all at the summer party!' }],
      },
      { author: 'hans-peter.grosse', body: 'Der Betriebsrat war bei der Einführung dabei. Bei Fragen gern auch an uns wenden.' },
      { author: 'jan.peters', body: 'Kurzanleitung für die App gibt es hier: https://example.com/foyer/app' },
    ],
    reactions: [
      ...rx('celebrate', 'james.whitaker', 'ute.jensen', 'lena.hoffmann', 'jan.peters', 'mia.schaefer', 'emily.clarke'),
      ...rx('like', 'sophie.mueller', 'frank.meyer', 'matthias.weber', 'tom.hughes', 'petra.riedel'),
      ...rx('love', 'aylin.yilmaz', 'nina.krause'),
    ],
  },
  {
    space: 'company-news',
    author: 'juergen.weiss',
    pinned: true,
    hoursAgo: 120,
    body: `⚠️ **Achtung Phishing / Phishing warning**

Aktuell kursieren E-Mails mit dem Betreff „Ihre Gehaltsabrechnung liegt bereit". Die Mails sehen echt aus, kommen aber **nicht** von uns.

- Nicht auf Links klicken, keine Anhänge öffnen
- Über den Button „Phishing melden" in Outlook melden
- Falls ihr schon geklickt habt: sofort den Service Desk anrufen

English: Fake "payslip" emails are going around. Don't click, report them. Details: https://example.com/security/phishing

#sicherheit #security`,
    comments: [
      {
        author: 'claudia.fischer',
        body: 'Hab heute früh genau so eine bekommen – gemeldet!',
        replies: [{ author: 'juergen.weiss', body: 'Danke Claudia, genau richtig so. 👍' }],
      },
      { author: 'david.evans', body: 'We have seen two of these in the UK as well. Same advice applies.' },
      { author: 'birgit.lange', body: 'Zur Info: Gehaltsabrechnungen kommen ausschließlich über das Personalportal, nie per Mail-Link.' },
    ],
    reactions: [
      ...rx('insightful', 'claudia.fischer', 'stefan.wagner', 'ute.jensen', 'sarah.oconnor', 'rachel.adeyemi'),
      ...rx('like', 'birgit.lange', 'markus.schulz', 'daniel.boehm', 'kai.zimmermann'),
    ],
  },
  {
    space: 'company-news',
    author: 'birgit.lange',
    hoursAgo: 30,
    body: `Herzlich willkommen an Bord! 👋

Diesen Monat sind neu bei uns:

- @tim.brandt – Ausbildung zum Mechatroniker, Werk Hamburg
- @elif.demir – Data Engineering, München
- @aleksandra.nowak – Warehouse & Logistics, Manchester

Sagt gern Hallo, wenn ihr ihnen über den Weg lauft. #onboarding`,
    comments: [
      { author: 'tim.brandt', body: 'Danke! Freue mich riesig, die ersten Tage waren super. 🙂' },
      { author: 'aleksandra.nowak', body: 'Thank you – dziękuję! Looking forward to visiting Hamburg one day.' },
      {
        author: 'elif.demir',
        body: 'Thanks for the warm welcome! Looking forward to working with all the machine data.',
        replies: [{ author: 'maximilian.huber', body: 'Willkommen Elif, wir haben schon einen Stapel Datenwünsche für dich. 😉' }],
      },
    ],
    reactions: [
      ...rx('love', 'aylin.yilmaz', 'sarah.oconnor', 'petra.riedel'),
      ...rx('like', 'frank.meyer', 'tom.hughes', 'florian.schmid', 'lena.hoffmann', 'markus.schulz'),
    ],
  },
  {
    space: 'company-news',
    author: 'stefan.wagner',
    hoursAgo: 72,
    body: `**Quartalszahlen Q3 / Q3 results**

Kurz zusammengefasst:

1. Auftragseingang **+12 %** gegenüber Vorjahr
2. Umsatz im Plan, Service-Umsatz erstmals über 20 % des Gesamtumsatzes
3. UK wächst am stärksten (+18 %) – danke an das Team von @james.whitaker

Die ausführliche Präsentation findet ihr hier: https://example.com/intranet/q3-results

#zahlen #q3`,
    comments: [
      { author: 'james.whitaker', body: 'Brilliant effort from everyone in London and Manchester. Thank you!' },
      {
        author: 'markus.schulz',
        body: 'Heißt das, wir bekommen die zweite Montagelinie?',
        replies: [{ author: 'stefan.wagner', body: 'Die Investition ist beantragt, Entscheidung im nächsten Budget-Meeting.' }],
      },
    ],
    reactions: [
      ...rx('celebrate', 'katharina.schroeder', 'thomas.becker', 'emily.clarke', 'rachel.adeyemi', 'carina.ott'),
      ...rx('insightful', 'nina.krause', 'julia.wimmer'),
    ],
  },
  {
    space: 'company-news',
    author: 'ute.jensen',
    hoursAgo: 96,
    body: `📅 **Save the date: Sommerfest in Hamburg**

In sechs Wochen feiern wir unser Sommerfest auf dem Werksgelände in Hamburg – mit Grill, Livemusik und Werksführungen für Familien.

- Busshuttle aus München und Stuttgart wird organisiert
- UK colleagues: flights and hotel are covered, please register by the end of the month
- Anmeldung: https://example.com/events/sommerfest

#sommerfest`,
    comments: [
      { author: 'dragan.petrovic', body: 'Wenn ihr noch jemanden am Grill braucht – ich bin dabei. 🔥' },
      { author: 'priya.patel', body: 'Registered! Can we bring partners?', replies: [{ author: 'ute.jensen', body: 'Yes, partners and kids are very welcome.' }] },
    ],
    reactions: [
      ...rx('love', 'lena.hoffmann', 'mia.schaefer', 'priya.patel', 'aleksandra.nowak'),
      ...rx('celebrate', 'dennis.krueger', 'tim.brandt', 'sabine.keller'),
    ],
  },
  {
    space: 'company-news',
    author: 'matthias.weber',
    hoursAgo: 150,
    body: `Neue Faserlaser-Anlage in Halle 3 läuft! 🎉

Nach vier Wochen Umbau schneiden wir in Stuttgart jetzt Bleche bis 25 mm – doppelt so schnell wie vorher. Großes Dankeschön an @sabine.keller, @dragan.petrovic und das ganze Team für die Extraschichten während der Umbauphase.

#stuttgart #produktion`,
    comments: [
      { author: 'frank.meyer', body: 'Glückwunsch nach Stuttgart! Wir schicken euch dann die Aufträge aus Hamburg rüber. 😄' },
      { author: 'tobias.haeussler', body: 'Endlich! Dann kann ich die Schweißbaugruppen für den Greifer neu auslegen.' },
    ],
    reactions: [
      ...rx('celebrate', 'katharina.schroeder', 'frank.meyer', 'sabine.keller', 'dragan.petrovic', 'carina.ott'),
      ...rx('like', 'tobias.haeussler', 'melanie.vogt'),
    ],
  },
  {
    space: 'company-news',
    author: 'nina.krause',
    hoursAgo: 200,
    body: `**Hannover Messe: wir sind dabei!**

Unser Stand zeigt die neue Verpackungslinie GX-40 live im Betrieb. Wir suchen noch Unterstützung für den Standdienst – besonders Kolleginnen und Kollegen aus Konstruktion und Service.

Eintragen könnt ihr euch hier: https://example.com/messe/standdienst

Fragen an mich oder @julia.wimmer. #messe`,
    comments: [
      { author: 'andreas.moser', body: 'Ich übernehme Dienstag und Mittwoch.' },
      { author: 'liam.murphy', body: 'Happy to help on the English-speaking shifts if travel is approved.' },
      { author: 'sophie.mueller', body: 'Donnerstag bin ich dabei, dann kann ich den Greifer selbst erklären.' },
    ],
    reactions: [...rx('like', 'julia.wimmer', 'thomas.becker', 'mia.schaefer', 'priya.patel'), ...rx('support', 'andreas.moser')],
  },
  {
    space: 'company-news',
    author: 'james.whitaker',
    hoursAgo: 230,
    body: `**UK update** 🇬🇧

Our Manchester service hub hit a **98 % first-time-fix rate** last quarter – the best in the group. Huge shout-out to @oliver.bennett and @liam.murphy, who covered more than 15,000 miles between them.

Next up: moving the spare parts warehouse to the new unit in Trafford Park.

#uk #service`,
    comments: [
      { author: 'katharina.schroeder', body: 'Herzlichen Glückwunsch – congratulations to the whole team!' },
      { author: 'oliver.bennett', body: 'Cheers James! Most of those miles were on the M6, sadly.' },
    ],
    reactions: [
      ...rx('celebrate', 'katharina.schroeder', 'emily.clarke', 'tom.hughes', 'frank.meyer', 'georg.pichler'),
      ...rx('support', 'sarah.oconnor'),
    ],
  },
  {
    space: 'company-news',
    author: 'aylin.yilmaz',
    hoursAgo: 260,
    body: `🚲 **Neu: Dienstrad-Leasing / Cycle to work**

Ab sofort könnt ihr in Deutschland über Gehaltsumwandlung ein Dienstrad leasen – auch E-Bikes. Der Arbeitgeber übernimmt Versicherung und Wartung.

Für die Kolleginnen und Kollegen in UK gibt es das Cycle-to-Work-Scheme, Infos bei @sarah.oconnor.

Alle Details: https://example.com/benefits/bike #benefits`,
    comments: [
      { author: 'tobias.haeussler', body: 'Super! Gilt das auch für Gravelbikes?', replies: [{ author: 'aylin.yilmaz', body: 'Ja, alle Fahrradtypen bis 8.000 € Listenpreis.' }] },
      { author: 'sarah.oconnor', body: "UK details are on the HR page – drop me a message if you're interested." },
    ],
    reactions: [...rx('love', 'tobias.haeussler', 'franziska.bauer', 'theresa.koenig'), ...rx('like', 'lukas.gruber', 'jan.peters', 'oliver.bennett')],
  },
  {
    space: 'company-news',
    author: 'katharina.schroeder',
    hoursAgo: 300,
    body: `**Ergebnisse der Mitarbeiterbefragung / Employee survey results**

Vielen Dank an alle 412 Teilnehmenden (Rücklaufquote 81 %)! Die wichtigsten Punkte:

- **Stärken:** Zusammenhalt im Team, Sicherheit am Arbeitsplatz
- **Verbesserungspotenzial:** Informationsfluss zwischen den Standorten, Weiterbildung
- **Unsere Antwort:** u. a. Foyer als gemeinsame Plattform und ein Weiterbildungsbudget pro Person

Full results in English: https://example.com/survey/results

#mitarbeiterbefragung`,
    comments: [
      { author: 'petra.riedel', body: 'Die Workshops zur Auswertung starten nächste Woche in allen Abteilungen.' },
      { author: 'tom.hughes', body: 'Good to see the cross-site communication point being taken seriously.' },
    ],
    reactions: [...rx('insightful', 'birgit.lange', 'petra.riedel', 'james.whitaker', 'hans-peter.grosse'), ...rx('like', 'tom.hughes', 'kai.zimmermann')],
  },
  {
    space: 'company-news',
    author: 'frank.meyer',
    hoursAgo: 340,
    body: `🦺 **365 Tage ohne meldepflichtigen Arbeitsunfall im Werk Hamburg!**

Das ist euer Verdienst: Ordnung am Arbeitsplatz, Schutzausrüstung und das Melden von Beinahe-Unfällen. Zur Feier gibt es am Freitag Frühstück für alle Schichten in der Kantine.

#sicherheit #arbeitssicherheit`,
    comments: [
      { author: 'markus.schulz', body: 'Starke Leistung von allen Schichten! 💪' },
      { author: 'hans-peter.grosse', body: 'Und bitte weiter Beinahe-Unfälle melden – die sind der eigentliche Grund für diesen Erfolg.' },
    ],
    reactions: [
      ...rx('celebrate', 'katharina.schroeder', 'markus.schulz', 'dennis.krueger', 'tim.brandt', 'matthias.weber', 'tom.hughes'),
      ...rx('support', 'hans-peter.grosse'),
    ],
  },
  {
    space: 'company-news',
    author: 'mia.schaefer',
    hoursAgo: 400,
    body: `🎬 Unser neues Imagevideo ist online!

Gedreht in Hamburg, Stuttgart und Manchester – danke an alle, die mitgemacht haben, vor allem an @dennis.krueger an der CNC und @oliver.bennett beim Kundeneinsatz.

Hier ansehen und gern teilen: https://example.com/video/nordlicht

#marketing`,
    comments: [
      { author: 'dennis.krueger', body: 'Jetzt kennt mich jeder. 😅' },
      { author: 'oliver.bennett', body: 'My mum has watched it 14 times already.' },
    ],
    reactions: [...rx('love', 'nina.krause', 'priya.patel', 'lena.hoffmann'), ...rx('laugh', 'tim.brandt'), ...rx('like', 'aylin.yilmaz')],
  },

  // ===== ask-it (10) =====
  {
    space: 'ask-it',
    author: 'jan.peters',
    pinned: true,
    hoursAgo: 500,
    body: `**So erreicht ihr die IT / How to reach IT**

- 🎫 Ticket: https://example.com/servicedesk (bevorzugt / preferred)
- ☎️ Hotline: Durchwahl -444 (Mo–Fr 7–18 Uhr), UK: ext. 8444
- 🚨 Produktionsstillstand: Bereitschaft rund um die Uhr über die Pforte

Bitte in Tickets immer Gerätename und Screenshot mitschicken. Danke! #itsupport`,
    comments: [],
    reactions: [...rx('like', 'juergen.weiss', 'david.evans', 'kai.zimmermann', 'ute.jensen'), ...rx('insightful', 'markus.schulz')],
  },
  {
    space: 'ask-it',
    author: 'sophie.mueller',
    hoursAgo: 5,
    body: `Seit dem Update gestern bricht mein VPN im Homeoffice alle paar Minuten ab. Jemand anderes auch betroffen? 🤔 #vpn`,
    comments: [
      {
        author: 'florian.schmid',
        body: 'Ja, bekannt: Der Client 5.2 hat einen Bug mit manchen Fritzboxen. Bitte im Softwarecenter auf **5.2.1** aktualisieren.',
        replies: [
          { author: 'sophie.mueller', body: 'Läuft wieder, danke Florian!' },
          { author: 'franziska.bauer', body: 'Hatte dasselbe Problem, Update hat geholfen.' },
        ],
      },
    ],
    reactions: [...rx('like', 'florian.schmid', 'theresa.koenig'), ...rx('support', 'franziska.bauer')],
  },
  {
    space: 'ask-it',
    author: 'emily.clarke',
    hoursAgo: 20,
    body: `Quick one: can I get Foyer notifications on my phone? I'm on the road most days and would love to see mentions without opening the laptop.`,
    comments: [
      {
        author: 'david.evans',
        body: 'Yes! Open Foyer in your phone browser, tap "Add to home screen" and allow notifications. Guide: https://example.com/foyer/mobile',
        replies: [{ author: 'emily.clarke', body: 'Worked perfectly, thanks David.' }],
      },
    ],
    reactions: [...rx('like', 'david.evans', 'priya.patel')],
  },
  {
    space: 'ask-it',
    author: 'markus.schulz',
    hoursAgo: 40,
    body: `Das Schichtterminal in Halle 2 druckt keine Laufkarten mehr. Wer ist zuständig? Spätschicht braucht die bis 14 Uhr.`,
    comments: [
      {
        author: 'jan.peters',
        body: 'Ticket ist angelegt, ich komme um 13 Uhr vorbei und bringe einen Ersatzdrucker mit.',
        replies: [{ author: 'markus.schulz', body: 'Top, danke!' }],
      },
    ],
    reactions: [...rx('like', 'jan.peters')],
  },
  {
    space: 'ask-it',
    author: 'juergen.weiss',
    hoursAgo: 60,
    body: `🔧 **Wartungsfenster / Maintenance window**

Samstag 22:00 bis Sonntag 02:00 Uhr sind **ERP und Dateiserver** nicht erreichbar. Foyer und E-Mail laufen weiter.

ERP and file servers will be down Saturday 22:00–02:00 CET (21:00–01:00 UK). #wartung`,
    comments: [
      {
        author: 'hans-peter.grosse',
        body: 'Gilt das auch für die Schichtterminals? Wir fahren Samstag Nachtschicht.',
        replies: [{ author: 'juergen.weiss', body: 'Die Terminals puffern lokal, Rückmeldungen werden danach automatisch nachgebucht.' }],
      },
      { author: 'tom.hughes', body: 'Noted for Manchester, no impact on our side.' },
    ],
    reactions: [...rx('like', 'hans-peter.grosse', 'sabine.keller', 'tom.hughes'), ...rx('insightful', 'ute.jensen')],
  },
  {
    space: 'ask-it',
    author: 'oliver.hansen',
    hoursAgo: 90,
    body: `Dürfen wir KI-Tools wie ChatGPT für erste Vertragsentwürfe nutzen? Mehrere Kolleginnen und Kollegen haben gefragt. #ki #datenschutz`,
    comments: [
      {
        author: 'juergen.weiss',
        body: 'Bitte **nur** den freigegebenen KI-Assistenten im Intranet nutzen, keine öffentlichen Tools mit Kundendaten. Richtlinie: https://example.com/policies/ki',
        replies: [{ author: 'oliver.hansen', body: 'Danke, dann verweise ich im Legal-Team darauf.' }],
      },
      { author: 'elif.demir', body: 'We are also preparing a short training session on this – details soon.' },
    ],
    reactions: [...rx('insightful', 'juergen.weiss', 'claudia.fischer', 'ute.jensen', 'lena.hoffmann')],
  },
  {
    space: 'ask-it',
    author: 'priya.patel',
    hoursAgo: 110,
    body: `Is there a hardware catalogue somewhere? I'd like to order a second monitor and a docking station for the London office.`,
    comments: [
      {
        author: 'david.evans',
        body: 'Here you go: https://example.com/it/catalogue – docking stations are in stock in Manchester, I can post one to London.',
        replies: [{ author: 'priya.patel', body: 'Amazing, thank you!' }],
      },
    ],
    reactions: [...rx('like', 'david.evans')],
  },
  {
    space: 'ask-it',
    author: 'aylin.yilmaz',
    hoursAgo: 150,
    body: `Nächsten Montag startet eine neue Kollegin im Einkauf. Wie bestelle ich Laptop und Zugänge am schnellsten? #onboarding`,
    comments: [
      {
        author: 'kai.zimmermann',
        body: 'Onboarding-Formular im Personalportal ausfüllen, **mindestens 5 Werktage** vor Start. Für Montag wird es knapp, ich ziehe es vor.',
        replies: [{ author: 'aylin.yilmaz', body: 'Danke Kai, Formular ist raus!' }],
      },
    ],
    reactions: [...rx('support', 'kai.zimmermann'), ...rx('like', 'jan.peters')],
  },
  {
    space: 'ask-it',
    author: 'ute.jensen',
    hoursAgo: 180,
    body: `Im Konferenzraum „Elbe" funktioniert die Kamera bei Teams-Meetings nicht. Wir haben morgen um 10 Uhr einen Kundentermin – kann sich das jemand anschauen?`,
    comments: [
      {
        author: 'jan.peters',
        body: 'USB-Hub war ausgesteckt (Putzkolonne 😉). Läuft wieder, ich habe es getestet.',
        replies: [{ author: 'ute.jensen', body: 'Ihr seid die Besten!' }],
      },
    ],
    reactions: [...rx('laugh', 'jan.peters', 'claudia.fischer'), ...rx('like', 'juergen.weiss')],
  },
  {
    space: 'ask-it',
    author: 'liam.murphy',
    hoursAgo: 250,
    body: `My replacement laptop arrived from Hamburg with a German keyboard. Any chance of a UK layout? Typing @ and " is an adventure. 😅`,
    comments: [
      {
        author: 'david.evans',
        body: 'Ha, happens every time. Swap unit is on its way to Manchester, bring the old one to me on Thursday.',
      },
      { author: 'jan.peters', body: 'Sorry Liam, mein Fehler – ich markiere UK-Bestellungen jetzt extra. 🙈' },
    ],
    reactions: [...rx('laugh', 'david.evans', 'jan.peters', 'emily.clarke', 'tom.hughes')],
  },

  // ===== sports-social (10) =====
  {
    space: 'sports-social',
    author: 'lena.hoffmann',
    pinned: true,
    hoursAgo: 350,
    body: `Willkommen im Space **Sport & Freizeit**! / Welcome!

Hier geht es um alles abseits der Arbeit:

- 🏃 Laufgruppen in Hamburg, München und Stuttgart
- ⚽ Kickerturnier und Five-a-side in Manchester
- 🍽️ Mittagsumfragen und Kaffeetratsch

Einzige Regel: nett sein. 🙂 #kaffee #sport`,
    comments: [{ author: 'oliver.bennett', body: 'Love it. Manchester five-a-side will post here too!' }],
    reactions: [...rx('love', 'sophie.mueller', 'mia.schaefer', 'aylin.yilmaz'), ...rx('like', 'dennis.krueger', 'priya.patel')],
  },
  {
    space: 'sports-social',
    author: 'lena.hoffmann',
    hoursAgo: 8,
    body: `🍽️ **Mittagsumfrage Hamburg:** Wohin gehen wir am Freitag?

- 👍 Fischbrötchen am Hafen
- ❤️ Der Italiener um die Ecke
- 😂 Kantine (es gibt Currywurst!)

Abstimmung per Reaktion bis Donnerstag 12 Uhr. #mittagessen`,
    comments: [
      { author: 'dennis.krueger', body: 'Currywurst ist keine Option, sondern Tradition.' },
      { author: 'sophie.mueller', body: 'Italiener, aber nur wenn wir um 12 losgehen – um 13 Uhr habe ich ein Review.' },
      { author: 'tim.brandt', body: 'Fischbrötchen!! 🐟', replies: [{ author: 'lena.hoffmann', body: 'Zwischenstand: Fischbrötchen liegt knapp vorn. 😄' }] },
    ],
    reactions: [
      ...rx('like', 'tim.brandt', 'aylin.yilmaz', 'jan.peters', 'mia.schaefer'),
      ...rx('love', 'sophie.mueller', 'markus.schulz', 'thomas.becker'),
      ...rx('laugh', 'dennis.krueger', 'frank.meyer'),
    ],
  },
  {
    space: 'sports-social',
    author: 'franziska.bauer',
    hoursAgo: 26,
    body: `🏃‍♀️ **Firmenlauf München** – wer läuft mit?

Wir haben 20 Startplätze, die Firma übernimmt die Gebühr und es gibt Laufshirts mit Nordlicht-Logo. Anmeldung bis Freitag: https://example.com/firmenlauf

@theresa.koenig, du bist doch gesetzt, oder? #laufen #sport`,
    comments: [
      { author: 'theresa.koenig', body: 'Selbstverständlich! Ziel: unter 25 Minuten. 😎' },
      { author: 'lukas.gruber', body: 'Bin dabei, aber eher im Genießer-Tempo.' },
      { author: 'florian.schmid', body: 'Ich mache die Fotos vom Streckenrand. 📸' },
    ],
    reactions: [...rx('like', 'theresa.koenig', 'lukas.gruber', 'julia.wimmer', 'sebastian.mayer'), ...rx('laugh', 'florian.schmid')],
  },
  {
    space: 'sports-social',
    author: 'dennis.krueger',
    hoursAgo: 50,
    body: `⚽ **Kickerturnier Hamburg – Finale!**

Donnerstag nach der Frühschicht im Pausenraum Halle 1. @tim.brandt und ich verteidigen den Titel gegen Vertrieb (@lena.hoffmann & @jan.peters). Zuschauer erwünscht, Brezeln gibt's auch. 🏆`,
    comments: [
      { author: 'lena.hoffmann', body: 'Wir haben heimlich trainiert. Nur so als Warnung.' },
      { author: 'jan.peters', body: 'Technisch gesehen bin ich IT, aber ich spiele für den Vertrieb. 😄' },
      { author: 'markus.schulz', body: 'Ich pfeife. Unparteiisch. Versprochen.' },
    ],
    reactions: [...rx('laugh', 'markus.schulz', 'aylin.yilmaz', 'sophie.mueller'), ...rx('support', 'tim.brandt')],
  },
  {
    space: 'sports-social',
    author: 'oliver.bennett',
    hoursAgo: 70,
    body: `Manchester five-a-side is on every Wednesday at 6pm, Powerleague Trafford. Anyone visiting from Germany is very welcome – we've got spare boots. ⚽`,
    comments: [
      { author: 'dennis.krueger', body: "Next time I'm in Manchester I'm in! Germany vs England? 😉", replies: [{ author: 'oliver.bennett', body: "Let's not talk about penalties." }] },
      { author: 'liam.murphy', body: 'We need a keeper, just saying.' },
    ],
    reactions: [...rx('like', 'liam.murphy', 'aleksandra.nowak', 'priya.patel'), ...rx('laugh', 'dennis.krueger', 'tobias.haeussler')],
  },
  {
    space: 'sports-social',
    author: 'mia.schaefer',
    hoursAgo: 100,
    body: `☕ Die Kaffeemaschine im 3. OG hat neue Bohnen – ein Espresso aus einer kleinen Rösterei in Ottensen. Wer Lust hat: Ich organisiere einen **Barista-Kurs** in der Mittagspause. Wer ist dabei? #kaffee`,
    comments: [
      { author: 'aylin.yilmaz', body: 'Ja bitte! Mein Milchschaum ist eine Katastrophe.' },
      { author: 'sophie.mueller', body: 'Dabei, solange es hinterher Kuchen gibt.' },
    ],
    reactions: [...rx('love', 'aylin.yilmaz', 'sophie.mueller', 'lena.hoffmann', 'jan.peters')],
  },
  {
    space: 'sports-social',
    author: 'dragan.petrovic',
    hoursAgo: 140,
    body: `🔥 Grillen nach der Frühschicht am Freitag, Stuttgart, hinter Halle 3. Ich bringe Ćevapi mit, Salate und Getränke gern mitbringen. Wer kommt?`,
    comments: [
      { author: 'tobias.haeussler', body: 'Ich bringe Kartoffelsalat – schwäbisch natürlich.' },
      { author: 'carina.ott', body: 'Bin dabei, mit veganem Nudelsalat. 🥗' },
    ],
    reactions: [...rx('love', 'tobias.haeussler', 'carina.ott'), ...rx('like', 'kai.zimmermann')],
  },
  {
    space: 'sports-social',
    author: 'aleksandra.nowak',
    hoursAgo: 180,
    body: `Our bake sale in Manchester raised **£420** for the local food bank! 🍰 Thank you to everyone who baked, bought or both. The Polish cheesecake sold out in 20 minutes.`,
    comments: [
      { author: 'priya.patel', body: 'That cheesecake was incredible. Recipe please!' },
      { author: 'liam.murphy', body: 'I may have bought four slices. For charity.' },
    ],
    reactions: [...rx('celebrate', 'priya.patel', 'oliver.bennett', 'lena.hoffmann'), ...rx('love', 'liam.murphy', 'mia.schaefer')],
  },
  {
    space: 'sports-social',
    author: 'tobias.haeussler',
    hoursAgo: 220,
    body: `🚴 Radtour auf der Schwäbischen Alb am Samstag: ca. 80 km, 1.100 Höhenmeter, Start 9 Uhr in Bad Urach. Gemütliches Tempo, Einkehr in einer Besenwirtschaft. Strecke: https://example.com/touren/alb #radfahren`,
    comments: [{ author: 'kai.zimmermann', body: 'Klingt gut, ich komme mit dem Gravelbike.' }],
    reactions: [...rx('like', 'kai.zimmermann', 'dragan.petrovic', 'franziska.bauer')],
  },
  {
    space: 'sports-social',
    author: 'carina.ott',
    hoursAgo: 280,
    body: `🧘 Neuer Yogakurs in Stuttgart: dienstags 12:15–12:45 im Schulungsraum. Matten sind da, Vorkenntnisse nicht nötig. Wir sind schon zu sechst!`,
    comments: [],
    reactions: [...rx('love', 'aylin.yilmaz'), ...rx('like', 'theresa.koenig', 'dragan.petrovic')],
  },

  // ===== uk-office (9) =====
  {
    space: 'uk-office',
    author: 'james.whitaker',
    pinned: true,
    hoursAgo: 400,
    body: `**Welcome to the UK office space!**

This is the place for everything Nordlicht UK:

- **London** – sales, marketing, finance and legal
- **Manchester** – service hub and spare parts warehouse

Office info, parking and visitor Wi-Fi: https://example.com/uk/offices

Colleagues from Germany are very welcome to join and lurk. 🙂 #uk`,
    comments: [{ author: 'katharina.schroeder', body: 'Lurking with pleasure. Great idea, James!' }],
    reactions: [...rx('like', 'emily.clarke', 'sarah.oconnor', 'tom.hughes', 'sophie.mueller')],
  },
  {
    space: 'uk-office',
    author: 'sarah.oconnor',
    hoursAgo: 15,
    body: `Reminder: open enrolment for **private medical insurance** closes this Friday. If you want to add your partner or children, please update your details in the HR portal: https://example.com/hr/benefits-uk #benefits`,
    comments: [{ author: 'rachel.adeyemi', body: 'Done – the new portal is so much easier than the paper forms.' }],
    reactions: [...rx('like', 'rachel.adeyemi', 'david.evans', 'liam.murphy'), ...rx('insightful', 'aleksandra.nowak')],
  },
  {
    space: 'uk-office',
    author: 'tom.hughes',
    hoursAgo: 36,
    body: `Heads-up: the container with GX-40 spare parts is stuck at Felixstowe because of the port strike. New ETA is Tuesday next week.

@emily.clarke could you let affected customers know? List of open orders: https://example.com/uk/open-orders`,
    comments: [
      {
        author: 'emily.clarke',
        body: "On it. I'll call the two urgent ones today.",
        replies: [{ author: 'tom.hughes', body: 'Thanks Emily. I can air-freight a few parts from Hamburg if needed.' }],
      },
      { author: 'aleksandra.nowak', body: "I'll keep the goods-in bay free for Tuesday." },
    ],
    reactions: [...rx('support', 'emily.clarke', 'james.whitaker'), ...rx('like', 'aleksandra.nowak')],
  },
  {
    space: 'uk-office',
    author: 'rachel.adeyemi',
    hoursAgo: 60,
    body: `Month-end close is coming up. Please submit all **expense claims by Wednesday 5pm** – anything later goes into next month.

Receipts must be attached in the expenses app. Thank you! 🙏`,
    comments: [{ author: 'oliver.bennett', body: 'Eleven hotel receipts uploaded. Sorry in advance.' }],
    reactions: [...rx('laugh', 'liam.murphy', 'david.evans'), ...rx('like', 'charlotte.davies')],
  },
  {
    space: 'uk-office',
    author: 'emily.clarke',
    hoursAgo: 85,
    body: `🎉 **Big win!** We've signed a framework agreement with a food packaging customer in Leeds: **14 machines over three years**, including service contracts.

Thanks to @liam.murphy for the customer trials and @charlotte.davies for getting the contract over the line in record time.`,
    comments: [
      { author: 'katharina.schroeder', body: 'Fantastic news – well done, team UK!' },
      { author: 'julia.wimmer', body: 'Congratulations! Could we turn this into a reference story for the GX brochure?', replies: [{ author: 'emily.clarke', body: "I'll ask the customer – they were very happy, so fingers crossed." }] },
    ],
    reactions: [
      ...rx('celebrate', 'james.whitaker', 'katharina.schroeder', 'liam.murphy', 'charlotte.davies', 'priya.patel', 'thomas.becker'),
      ...rx('love', 'sarah.oconnor'),
    ],
  },
  {
    space: 'uk-office',
    author: 'david.evans',
    hoursAgo: 130,
    body: `The **London office Wi-Fi** is being replaced this Saturday. From Monday, please connect to *Nordlicht-Staff* – your normal login works. The old network will be switched off at the end of the month.`,
    comments: [{ author: 'priya.patel', body: 'Will the meeting room screens be switched over too?', replies: [{ author: 'david.evans', body: "Yes, I'll do those on Saturday as well." }] }],
    reactions: [...rx('like', 'priya.patel', 'charlotte.davies', 'rachel.adeyemi')],
  },
  {
    space: 'uk-office',
    author: 'charlotte.davies',
    hoursAgo: 170,
    body: `Updated UK contract templates are now live, including the revised **UK GDPR data processing clause**. Please stop using the old versions from the shared drive.

Templates: https://example.com/legal/templates-uk`,
    comments: [{ author: 'emily.clarke', body: 'Thank you! Does this include the service contract template?', replies: [{ author: 'charlotte.davies', body: 'Yes – service, supply and NDA.' }] }],
    reactions: [...rx('insightful', 'emily.clarke', 'james.whitaker')],
  },
  {
    space: 'uk-office',
    author: 'priya.patel',
    hoursAgo: 210,
    body: `We're exhibiting at the packaging machinery show at the NEC in Birmingham next month! Stand plan and rota: https://example.com/uk/nec-show

Looking for volunteers for the Thursday – @oliver.bennett, fancy running the live demo? #messe`,
    comments: [{ author: 'oliver.bennett', body: "Count me in, as long as there's a bacon roll involved." }],
    reactions: [...rx('like', 'oliver.bennett', 'emily.clarke', 'julia.wimmer')],
  },
  {
    space: 'uk-office',
    author: 'liam.murphy',
    hoursAgo: 300,
    body: `Manchester now has a proper bean-to-cup machine. ☕ The eternal tea vs coffee debate continues – but the kettle is still getting more use. #kaffee`,
    comments: [{ author: 'tom.hughes', body: 'Tea. Obviously.' }, { author: 'sophie.mueller', body: 'Greetings from Hamburg: coffee wins. 😄' }],
    reactions: [...rx('laugh', 'tom.hughes', 'aleksandra.nowak', 'sarah.oconnor', 'sophie.mueller')],
  },

  // ===== produktion (9) =====
  {
    space: 'produktion',
    author: 'frank.meyer',
    pinned: true,
    hoursAgo: 10,
    body: `📋 **Schichtplan Werk Hamburg – nächste Woche**

| Schicht | Zeit | Schichtleitung |
|---|---|---|
| Früh | 06:00–14:00 | @markus.schulz |
| Spät | 14:00–22:00 | @hans-peter.grosse |
| Nacht | 22:00–06:00 | @dennis.krueger (Vertretung) |

- Samstag Sonderschicht Halle 1 (Früh), Freiwillige bitte bei Markus melden
- Azubis (u. a. @tim.brandt) nur Früh- und Spätschicht

Änderungswünsche bitte bis **Mittwoch** an @markus.schulz. #schichtplan`,
    comments: [
      { author: 'dennis.krueger', body: 'Samstag bin ich dabei.' },
      { author: 'tim.brandt', body: 'Ich könnte Samstag auch, falls Azubis dürfen?', replies: [{ author: 'frank.meyer', body: 'Gern, in Begleitung von Dennis – passt.' }] },
    ],
    reactions: [...rx('like', 'markus.schulz', 'hans-peter.grosse', 'dennis.krueger', 'aylin.yilmaz')],
  },
  {
    space: 'produktion',
    author: 'markus.schulz',
    hoursAgo: 28,
    body: `⚠️ Fräse M4 (Halle 1) steht – Spindelschaden. Instandhaltung ist informiert, Ersatzspindel kommt voraussichtlich Donnerstag.

Die dringenden Aufträge sind auf **M5** umgeplant.`,
    comments: [
      {
        author: 'frank.meyer',
        body: 'Danke Markus. Ist der Liefertermin für den Molkerei-Auftrag gefährdet?',
        replies: [{ author: 'markus.schulz', body: 'Nein, mit der Samstagsschicht schaffen wir das.' }],
      },
      { author: 'sophie.mueller', body: 'Brauchst du angepasste Zeichnungen für die Aufspannung auf M5? Dann schicke ich sie dir heute noch.' },
    ],
    reactions: [...rx('support', 'frank.meyer', 'dennis.krueger'), ...rx('like', 'sophie.mueller')],
  },
  {
    space: 'produktion',
    author: 'sabine.keller',
    hoursAgo: 45,
    body: `Schichtplan Lackiererei Stuttgart nächste Woche:

- Früh- und Spätschicht wie gewohnt
- **Nachtschicht entfällt** wegen Wartung des Trockners
- Betroffene Kolleginnen und Kollegen werden auf Früh verteilt, Liste hängt am Brett

#schichtplan #stuttgart`,
    comments: [{ author: 'dragan.petrovic', body: 'Passt für die Schweißerei, wir puffern die Teile bis Montag.' }],
    reactions: [...rx('like', 'matthias.weber', 'dragan.petrovic')],
  },
  {
    space: 'produktion',
    author: 'matthias.weber',
    hoursAgo: 80,
    body: `5S-Audit in Halle 3 bestanden: **92 von 100 Punkten** – bestes Ergebnis seit Beginn der Audits. 🎉

Verbesserungspotenzial noch bei der Kennzeichnung der Gefahrstoffschränke. Danke an alle!`,
    comments: [{ author: 'frank.meyer', body: 'Respekt! Wir ziehen in Hamburg nach.' }],
    reactions: [...rx('celebrate', 'sabine.keller', 'dragan.petrovic', 'frank.meyer', 'theresa.koenig')],
  },
  {
    space: 'produktion',
    author: 'tim.brandt',
    hoursAgo: 100,
    body: `Azubi-Projekt: Wir bauen einen kleinen Demonstrator der GX-40 für die Hannover Messe – mit echter Steuerung und Greifer im Maßstab 1:4. Wer alte Servomotoren übrig hat: bitte bei uns melden! 🤖`,
    comments: [
      { author: 'sophie.mueller', body: 'Coole Idee! Ich kann euch die CAD-Daten vom Greifer vereinfachen.' },
      { author: 'georg.pichler', body: 'Ich habe zwei Servos aus einem Retrofit im Servicewagen, bringe ich nächste Woche mit.' },
    ],
    reactions: [...rx('love', 'aylin.yilmaz', 'frank.meyer'), ...rx('celebrate', 'dennis.krueger')],
  },
  {
    space: 'produktion',
    author: 'tom.hughes',
    hoursAgo: 125,
    body: `Hi all, Manchester here 👋 We need **20 GX-40 gearboxes** from Hamburg stock for a customer retrofit. Can someone confirm dispatch this week?`,
    comments: [
      {
        author: 'frank.meyer',
        body: 'Hi Tom, 20 units are in stock. They will leave Hamburg on Wednesday by truck.',
        replies: [{ author: 'tom.hughes', body: 'Perfect, thanks Frank!' }],
      },
      { author: 'aleksandra.nowak', body: "I'll book the goods-in slot for Friday." },
    ],
    reactions: [...rx('like', 'frank.meyer', 'aleksandra.nowak')],
  },
  {
    space: 'produktion',
    author: 'hans-peter.grosse',
    hoursAgo: 160,
    body: `Erinnerung: Die jährliche **Sicherheitsunterweisung Gabelstapler** ist Pflicht für alle Fahrerinnen und Fahrer – bis Monatsende. Termine: https://example.com/schulungen/stapler

Ohne Unterweisung kein Staplerschein-Verlängerung. #sicherheit`,
    comments: [{ author: 'markus.schulz', body: 'Meine Schicht ist komplett angemeldet.' }],
    reactions: [...rx('like', 'frank.meyer', 'markus.schulz', 'tom.hughes')],
  },
  {
    space: 'produktion',
    author: 'dragan.petrovic',
    hoursAgo: 190,
    body: `Die neuen Schweißhelme mit Frischluftzufuhr sind da. Großer Unterschied, vor allem bei Edelstahl – kein Kopfweh mehr nach der Schicht. Danke an den Einkauf! 👍`,
    comments: [{ author: 'sabine.keller', body: 'Können wir sowas auch für die Lackierkabine prüfen?', replies: [{ author: 'matthias.weber', body: 'Ja, ich spreche mit dem Einkauf.' }] }],
    reactions: [...rx('like', 'matthias.weber', 'sabine.keller', 'hans-peter.grosse')],
  },
  {
    space: 'produktion',
    author: 'theresa.koenig',
    hoursAgo: 240,
    body: `**Qualität Q3:** Die Reklamationsquote ist auf **0,8 %** gesunken (Vorjahr 1,4 %). Haupttreiber war die neue Prüfvorschrift für Schweißnähte.

Den 8D-Report zum letzten größeren Fall findet ihr hier: https://example.com/qm/8d-report`,
    comments: [{ author: 'matthias.weber', body: 'Starke Entwicklung, danke Theresa!' }],
    reactions: [...rx('insightful', 'frank.meyer', 'matthias.weber', 'tobias.haeussler'), ...rx('celebrate', 'dragan.petrovic')],
  },

  // ===== engineering (10) =====
  {
    space: 'engineering',
    author: 'maximilian.huber',
    pinned: true,
    hoursAgo: 300,
    body: `**Willkommen im Engineering-Space**

Hier: Architekturentscheidungen, Design-Reviews und Releases. Sprache: Deutsch oder English – whatever works for you.

Wichtige Links:

- Git: https://example.com/git
- Doku & Wiki: https://example.com/docs
- Review-Kalender: https://example.com/reviews

#engineering`,
    comments: [{ author: 'liam.murphy', body: 'Thanks Max – English it is for me. 🙂' }],
    reactions: [...rx('like', 'sophie.mueller', 'franziska.bauer', 'lukas.gruber', 'oliver.bennett')],
  },
  {
    space: 'engineering',
    author: 'lukas.gruber',
    hoursAgo: 12,
    body: `🚀 **Release NL-Control 4.2.0**

**Neu:**

- OPC UA-Server mit Companion Spec für Verpackungsmaschinen
- Rezeptverwaltung mit Versionierung
- Englische und polnische HMI-Texte

**Fixes:**

- Touch-Verzögerung am HMI bei niedrigen Temperaturen (danke @oliver.bennett für die Felddaten!)
- Speicherleck im Alarm-Log

Release Notes: https://example.com/releases/nl-control-4.2.0 #release`,
    comments: [
      { author: 'oliver.bennett', body: 'Brilliant, I will roll it out at the cold-store customer next week.' },
      { author: 'florian.schmid', body: 'Pipeline war grün, Artefakte liegen im Repository.' },
      {
        author: 'theresa.koenig',
        body: 'Ist die Freigabe durch die QS dokumentiert?',
        replies: [{ author: 'lukas.gruber', body: 'Ja, Prüfprotokoll ist im Release-Ticket verlinkt.' }],
      },
    ],
    reactions: [
      ...rx('celebrate', 'maximilian.huber', 'franziska.bauer', 'oliver.bennett', 'julia.wimmer', 'liam.murphy'),
      ...rx('like', 'florian.schmid'),
    ],
  },
  {
    space: 'engineering',
    author: 'sophie.mueller',
    hoursAgo: 30,
    body: `Review gesucht: **Greifer v3** für die GX-40. Das CAD-Modell liegt im PDM unter NL-GX40-GR-003.

@tobias.haeussler, kannst du dir bitte die Toleranzen an der Wellenaufnahme anschauen? Ich bin unsicher, ob H7/g6 bei der Taktzahl reicht. #review`,
    comments: [
      {
        author: 'tobias.haeussler',
        body: 'Schaue ich mir morgen früh an. Bei 120 Takten/min würde ich eher H7/h6 nehmen und eine Gleitbuchse vorsehen.',
        replies: [{ author: 'sophie.mueller', body: 'Guter Punkt, ich baue das ein und lade eine neue Version hoch.' }],
      },
      { author: 'maximilian.huber', body: 'Bitte bis Freitag abschließen, dann bekommt die Fertigung die Zeichnungen rechtzeitig.' },
    ],
    reactions: [...rx('like', 'tobias.haeussler', 'maximilian.huber')],
  },
  {
    space: 'engineering',
    author: 'oliver.bennett',
    hoursAgo: 55,
    body: `Field feedback from the UK: customers with lines in **cold warehouses (below 5 °C)** report a noticeable lag on the HMI touchscreen. Has anyone seen this in Germany?`,
    comments: [
      {
        author: 'franziska.bauer',
        body: 'Yes, it is the touch controller firmware – the fix will be part of NL-Control 4.2. Can you send me the serial numbers of the affected panels?',
        replies: [{ author: 'oliver.bennett', body: 'Sent by email. Thanks Franziska!' }],
      },
    ],
    reactions: [...rx('insightful', 'franziska.bauer', 'lukas.gruber', 'maximilian.huber')],
  },
  {
    space: 'engineering',
    author: 'franziska.bauer',
    hoursAgo: 75,
    body: `Vorschlag: Für die nächste Generation der Sensormodule wechseln wir auf **Zephyr RTOS**.

- Bessere Treiberunterstützung für unsere MCUs
- Aktive Community, LTS-Releases
- Weniger Eigenbau beim Bootloader

Entwurf zum Kommentieren: https://example.com/docs/adr-017-zephyr #architektur`,
    comments: [
      { author: 'lukas.gruber', body: 'Klingt gut. Wie sieht es mit der Zertifizierung nach IEC 61508 aus?', replies: [{ author: 'franziska.bauer', body: 'Gute Frage, ich ergänze einen Abschnitt dazu.' }] },
      { author: 'maximilian.huber', body: 'Lass uns das im Architektur-Review am Dienstag entscheiden.' },
    ],
    reactions: [...rx('insightful', 'lukas.gruber', 'maximilian.huber', 'florian.schmid')],
  },
  {
    space: 'engineering',
    author: 'theresa.koenig',
    hoursAgo: 110,
    body: `Bitte beachten: Ab sofort gilt die überarbeitete **Werknorm WN-104** für Allgemeintoleranzen. Neue Zeichnungen bitte nur noch mit dem aktualisierten Schriftfeld erstellen.

Vorlage: https://example.com/qm/wn-104`,
    comments: [{ author: 'sophie.mueller', body: 'Ist die Vorlage schon im CAD hinterlegt?', replies: [{ author: 'theresa.koenig', body: 'Ja, seit heute Morgen.' }] }],
    reactions: [...rx('like', 'sophie.mueller', 'tobias.haeussler')],
  },
  {
    space: 'engineering',
    author: 'elif.demir',
    hoursAgo: 140,
    body: `**Machine data dashboard (beta)** 📊

Live OEE for all lines in Hamburg, Stuttgart and Manchester is now available: https://example.com/oee

Feedback welcome – especially on which downtime reasons you need. @maximilian.huber @julia.wimmer`,
    comments: [
      { author: 'julia.wimmer', body: 'Super! Können wir die Daten auch nach Kunde filtern?', replies: [{ author: 'elif.demir', body: 'Not yet, but it is on the list for the next sprint.' }] },
    ],
    reactions: [...rx('celebrate', 'maximilian.huber', 'julia.wimmer'), ...rx('insightful', 'theresa.koenig', 'florian.schmid')],
  },
  {
    space: 'engineering',
    author: 'tobias.haeussler',
    hoursAgo: 175,
    body: `Werksabnahme (FAT) der Sondermaschine für den Pharmakunden erfolgreich! ✅ Alle 43 Prüfpunkte bestanden, Kunde war begeistert. Auslieferung in zwei Wochen.`,
    comments: [{ author: 'maximilian.huber', body: 'Glückwunsch Tobias, starke Teamleistung!' }],
    reactions: [...rx('celebrate', 'maximilian.huber', 'sophie.mueller', 'theresa.koenig', 'lukas.gruber')],
  },
  {
    space: 'engineering',
    author: 'liam.murphy',
    hoursAgo: 200,
    body: `Could someone share the wiring diagrams for the GX-40 retrofit kit? The link in the wiki returns a 404.`,
    comments: [
      {
        author: 'florian.schmid',
        body: 'Sorry, that broke during the wiki migration. Fixed: https://example.com/docs/gx40-retrofit',
        replies: [{ author: 'liam.murphy', body: 'Got it, cheers Florian.' }],
      },
    ],
    reactions: [...rx('like', 'florian.schmid')],
  },
  {
    space: 'engineering',
    author: 'julia.wimmer',
    hoursAgo: 260,
    body: `**Kundenfeedback Top 5 für die Roadmap**

1. Schnellerer Formatwechsel (< 10 Minuten)
2. Fernwartung ohne VPN-Gefrickel
3. HMI auf Englisch und Polnisch
4. Besserer Zugang für die Reinigung
5. OEE-Daten direkt im Kundenportal

Kommentare bis Ende der Woche, dann priorisieren wir mit @maximilian.huber. #roadmap`,
    comments: [
      { author: 'lukas.gruber', body: 'Punkt 3 ist mit 4.2 erledigt. 😉' },
      { author: 'liam.murphy', body: 'Point 2 comes up at almost every UK customer visit.' },
    ],
    reactions: [...rx('insightful', 'maximilian.huber', 'elif.demir', 'sophie.mueller')],
  },

  // ===== sales-dach (8) =====
  {
    space: 'sales-dach',
    author: 'lena.hoffmann',
    pinned: true,
    hoursAgo: 320,
    body: `**Willkommen im Vertrieb DACH**

Spielregeln für diesen Space:

- **Forecast-Call** jeden Montag 9:00 Uhr
- CRM-Pflege bis Freitag 15 Uhr
- Angebote über 250.000 € vorab mit @thomas.becker abstimmen

Preislisten und Vorlagen: https://example.com/vertrieb/vorlagen`,
    comments: [{ author: 'thomas.becker', body: 'Danke Lena!' }],
    reactions: [...rx('like', 'thomas.becker', 'sebastian.mayer', 'daniel.boehm')],
  },
  {
    space: 'sales-dach',
    author: 'lena.hoffmann',
    hoursAgo: 6,
    body: `⏰ Forecast-Reminder: Bitte eure Opportunities bis **morgen 9 Uhr** im CRM aktualisieren. Besonders die Abschlusswahrscheinlichkeiten für Q4. Danke! #forecast`,
    comments: [{ author: 'andreas.moser', body: 'Erledigt.' }, { author: 'sebastian.mayer', body: 'Bin dran, heute Abend ist alles drin.' }],
    reactions: [...rx('like', 'andreas.moser', 'thomas.becker')],
  },
  {
    space: 'sales-dach',
    author: 'thomas.becker',
    hoursAgo: 18,
    body: `🎉 **Auftrag gewonnen!** Drei Verpackungslinien GX-40 für einen Molkereikunden in Bayern, Auftragswert knapp 2,4 Mio. €.

Danke an @sebastian.mayer für die Kundenbetreuung und @andreas.moser für das technische Konzept. Das war Teamarbeit vom Feinsten!`,
    comments: [
      { author: 'lena.hoffmann', body: 'Wahnsinn, Glückwunsch! 🥳' },
      { author: 'sebastian.mayer', body: 'Danke! Der Besuch im Werk Hamburg hat den Ausschlag gegeben.' },
      { author: 'julia.wimmer', body: 'Das wird eine tolle Referenz für die Messe.' },
    ],
    reactions: [
      ...rx('celebrate', 'lena.hoffmann', 'daniel.boehm', 'nina.krause', 'julia.wimmer', 'georg.pichler'),
      ...rx('love', 'andreas.moser'),
    ],
  },
  {
    space: 'sales-dach',
    author: 'daniel.boehm',
    hoursAgo: 44,
    body: `Kurze Frage: Wie lang sind aktuell die Lieferzeiten für Ersatzteile der Serie GX? Ein Kunde in der Schweiz drängelt wegen einer defekten Lichtschranke.`,
    comments: [
      {
        author: 'georg.pichler',
        body: 'Lagerteile 2–3 Werktage ab Hamburg. Die Lichtschranke habe ich im Servicewagen, ich bin Donnerstag eh in Basel.',
        replies: [{ author: 'daniel.boehm', body: 'Perfekt, ich gebe dem Kunden Bescheid!' }],
      },
    ],
    reactions: [...rx('like', 'georg.pichler', 'lena.hoffmann')],
  },
  {
    space: 'sales-dach',
    author: 'julia.wimmer',
    hoursAgo: 90,
    body: `**Neue Preisliste ab dem nächsten Quartal**

- Maschinen: +3,5 %
- Ersatzteile: +5 %
- Serviceverträge: unverändert

Bestehende Angebote gelten bis zum Ende der Bindefrist. Preisliste: https://example.com/vertrieb/preisliste #preise`,
    comments: [
      { author: 'sebastian.mayer', body: 'Gibt es eine Übergangsregel für laufende Rahmenverträge?', replies: [{ author: 'julia.wimmer', body: 'Ja, Rahmenverträge bleiben bis Laufzeitende bei den alten Preisen.' }] },
    ],
    reactions: [...rx('insightful', 'thomas.becker', 'lena.hoffmann')],
  },
  {
    space: 'sales-dach',
    author: 'andreas.moser',
    hoursAgo: 130,
    body: `Messeleads Hannover: **47 Kontakte**, davon 12 mit konkretem Projekt. Ich habe sie nach PLZ verteilt und im CRM zugewiesen. Bitte innerhalb von zwei Wochen nachfassen. #messe`,
    comments: [{ author: 'daniel.boehm', body: 'Meine fünf aus Baden-Württemberg rufe ich diese Woche an.' }],
    reactions: [...rx('like', 'thomas.becker', 'nina.krause', 'daniel.boehm')],
  },
  {
    space: 'sales-dach',
    author: 'nina.krause',
    hoursAgo: 170,
    body: `Die neue **Referenzbroschüre** ist fertig, mit sechs Kundenprojekten aus Lebensmittel und Pharma. PDF und Druckexemplare: https://example.com/marketing/referenzen

Gedruckte Exemplare gibt es bei @lena.hoffmann im Innendienst.`,
    comments: [{ author: 'sebastian.mayer', body: 'Sehr schön geworden! Kann ich 20 Stück für die Kundenbesuche haben?' }],
    reactions: [...rx('love', 'lena.hoffmann', 'julia.wimmer'), ...rx('like', 'sebastian.mayer')],
  },
  {
    space: 'sales-dach',
    author: 'sebastian.mayer',
    hoursAgo: 210,
    body: `Frage an die Runde: Ein Kunde in Zürich möchte das Angebot in **CHF** und mit Lieferung verzollt (DDP). Hat jemand Erfahrung mit der Zollabwicklung über unseren Spediteur?`,
    comments: [
      { author: 'daniel.boehm', body: 'Ja, wir machen das regelmäßig. Ich schicke dir die Checkliste für Ursprungsnachweis und Zollanmeldung.' },
      { author: 'thomas.becker', body: 'Wechselkursrisiko bitte mit Finanzen klären, bevor das Angebot rausgeht.' },
    ],
    reactions: [...rx('insightful', 'lena.hoffmann')],
  },

  // ===== s4-migration (5) =====
  {
    space: 's4-migration',
    author: 'carina.ott',
    pinned: true,
    hoursAgo: 280,
    body: `**Projektstart S/4HANA-Migration** 🚀

Ziel: Go-live in neun Monaten, zum Geschäftsjahreswechsel. Unterstützt werden wir von @external.consultant (Partner Consulting AG).

**Key User:**

- Finanzen: @claudia.fischer
- Einkauf: @melanie.vogt
- Vertrieb: @lena.hoffmann
- UK: @rachel.adeyemi

Projektplan: https://example.com/s4/projektplan #s4hana`,
    comments: [
      { author: 'external.consultant', body: 'Vielen Dank für den freundlichen Empfang! Ich freue mich auf die Zusammenarbeit.' },
      { author: 'stefan.wagner', body: 'Volle Rückendeckung von der Geschäftsführung. Meldet euch, wenn Ressourcen fehlen.' },
    ],
    reactions: [...rx('like', 'juergen.weiss', 'claudia.fischer', 'melanie.vogt', 'stefan.wagner', 'external.consultant')],
  },
  {
    space: 's4-migration',
    author: 'external.consultant',
    hoursAgo: 24,
    body: `**Agenda Workshop Finanzen (FI/CO) – nächste Woche**

1. Kontenplan und Kostenstellenstruktur
2. Anlagenbuchhaltung
3. Intercompany-Prozesse mit Nordlicht UK
4. Monatsabschluss im neuen System

Bitte vorab die Unterlagen durchsehen: https://example.com/s4/workshop-fi

@claudia.fischer @rachel.adeyemi – könnt ihr jeweils 15 Minuten zu euren aktuellen Abschlussprozessen vorbereiten?`,
    comments: [
      { author: 'claudia.fischer', body: 'Mache ich, ich bringe unsere Abschluss-Checkliste mit.' },
      { author: 'rachel.adeyemi', body: "Sure – I'll cover the UK intercompany reconciliation." },
    ],
    reactions: [...rx('like', 'carina.ott', 'claudia.fischer'), ...rx('insightful', 'stefan.wagner')],
  },
  {
    space: 's4-migration',
    author: 'melanie.vogt',
    hoursAgo: 60,
    body: `Frage zum Einkauf: Bleibt der zweistufige Freigabeworkflow für Bestellanforderungen über 10.000 € erhalten, oder müssen wir den neu abbilden?`,
    comments: [
      {
        author: 'external.consultant',
        body: 'Der Workflow lässt sich im Standard abbilden (flexibler Workflow). Wir schauen uns das im Einkaufs-Workshop im Detail an.',
        replies: [{ author: 'melanie.vogt', body: 'Sehr gut, dann bereite ich die aktuellen Freigabegrenzen vor.' }],
      },
    ],
    reactions: [...rx('like', 'carina.ott')],
  },
  {
    space: 's4-migration',
    author: 'juergen.weiss',
    hoursAgo: 100,
    body: `Systemlandschaft: Die **Sandbox** steht. Zugänge bitte per Ticket an die IT mit dem Betreff „S4 Sandbox".

@external.consultant, dein Zugang ist eingerichtet – Zugangsdaten kommen separat per SMS.`,
    comments: [{ author: 'external.consultant', body: 'Funktioniert, danke!' }, { author: 'elif.demir', body: 'Data migration test load is scheduled for Friday.' }],
    reactions: [...rx('celebrate', 'carina.ott', 'florian.schmid')],
  },
  {
    space: 's4-migration',
    author: 'rachel.adeyemi',
    hoursAgo: 150,
    body: `Question for the UK entity: will the new system cover **Making Tax Digital** VAT returns out of the box, or do we need a separate bridging tool?`,
    comments: [
      {
        author: 'external.consultant',
        body: 'Good question – MTD is covered by the standard UK localisation. We will include it in the UK workshop.',
        replies: [{ author: 'rachel.adeyemi', body: 'Great, that saves us a licence.' }],
      },
      { author: 'carina.ott', body: 'Ich nehme das als Punkt in den Projektplan auf.' },
    ],
    reactions: [...rx('insightful', 'carina.ott', 'stefan.wagner')],
  },

  // ===== project-polaris (4) =====
  {
    space: 'project-polaris',
    author: 'katharina.schroeder',
    pinned: true,
    hoursAgo: 200,
    body: `🔒 **Strictly confidential / Streng vertraulich**

Project Polaris: potential acquisition of **Pennine Precision Ltd** (Sheffield, ~120 employees, precision gearboxes). Please do not discuss this outside this space – not even with your teams.

**Next steps:**

1. Financial due diligence (@stefan.wagner, @carina.ott)
2. Legal due diligence (@oliver.hansen, @charlotte.davies)
3. Technical assessment (@maximilian.huber)
4. Management meeting in Sheffield (@james.whitaker)

Target: signing within the next quarter.`,
    comments: [{ author: 'james.whitaker', body: "Understood. I'll arrange the site visit discreetly." }],
    reactions: [...rx('like', 'stefan.wagner', 'oliver.hansen', 'charlotte.davies', 'maximilian.huber')],
  },
  {
    space: 'project-polaris',
    author: 'stefan.wagner',
    hoursAgo: 50,
    body: `Financial DD update: the data room is open (https://example.com/dataroom/polaris).

- EBITDA margin approx. **11 %**
- Order backlog solid, heavy dependence on two customers (~45 % of revenue)
- Pension obligations need a closer look

@carina.ott is preparing the valuation model.`,
    comments: [
      { author: 'carina.ott', body: 'Erster Entwurf des Bewertungsmodells bis Mittwoch.' },
      { author: 'katharina.schroeder', body: 'Thanks Stefan. The customer concentration is a point for the negotiation.' },
    ],
    reactions: [...rx('insightful', 'katharina.schroeder', 'james.whitaker', 'oliver.hansen')],
  },
  {
    space: 'project-polaris',
    author: 'charlotte.davies',
    hoursAgo: 30,
    body: `Legal DD finding: both key customer contracts contain **change-of-control clauses** allowing termination on acquisition. We should plan early conversations with both customers once signing is close. @oliver.hansen, could you review the German-law aspects of the share purchase agreement draft?`,
    comments: [
      {
        author: 'oliver.hansen',
        body: 'Will do. I will also check the warranty catalogue against our standard.',
        replies: [{ author: 'charlotte.davies', body: "Perfect, I'll send you the draft tonight." }],
      },
    ],
    reactions: [...rx('insightful', 'katharina.schroeder', 'stefan.wagner')],
  },
  {
    space: 'project-polaris',
    author: 'james.whitaker',
    hoursAgo: 4,
    body: `Met the Pennine MD in Sheffield yesterday – very positive conversation. Strong engineering culture, good apprenticeship programme, and they already know our GX line from a joint customer. Cultural fit looks good.

@maximilian.huber, they'd welcome you for the technical visit any time next week.`,
    comments: [{ author: 'maximilian.huber', body: 'Great, I will book Tuesday and Wednesday.' }],
    reactions: [...rx('celebrate', 'katharina.schroeder'), ...rx('like', 'maximilian.huber', 'carina.ott')],
  },

  // ===== betriebsrat (4) =====
  {
    space: 'betriebsrat',
    author: 'hans-peter.grosse',
    pinned: true,
    hoursAgo: 250,
    body: `**Interner Raum des Betriebsrats** 🔒

Hier stimmen wir uns zwischen den Sitzungen ab. Bitte keine personenbezogenen Daten von Kolleginnen und Kollegen ohne deren Einverständnis posten.

- Sitzungen: dienstags 13:00 Uhr, Raum Alster bzw. per Video für Stuttgart
- Protokolle: https://example.com/betriebsrat/protokolle`,
    comments: [],
    reactions: [...rx('like', 'claudia.fischer', 'sabine.keller', 'sophie.mueller')],
  },
  {
    space: 'betriebsrat',
    author: 'sabine.keller',
    hoursAgo: 70,
    body: `Anfrage aus der Lackiererei Stuttgart: Mehrere Kolleginnen und Kollegen wünschen eine Nachverhandlung der **Nachtschichtzulage** – die liegt bei uns unter dem Schnitt der Region. Können wir das auf die nächste Tagesordnung setzen?`,
    comments: [
      {
        author: 'hans-peter.grosse',
        body: 'Ja, kommt auf die Tagesordnung. Bitte bring die Vergleichszahlen mit.',
        replies: [{ author: 'sabine.keller', body: 'Mache ich, Dragan hat schon Zahlen von der IG Metall besorgt.' }],
      },
      { author: 'dragan.petrovic', body: 'Bestätige, ich bringe die Übersicht mit.' },
    ],
    reactions: [...rx('support', 'dragan.petrovic', 'markus.schulz', 'daniel.boehm')],
  },
  {
    space: 'betriebsrat',
    author: 'claudia.fischer',
    hoursAgo: 35,
    body: `Entwurf der **Betriebsvereinbarung Mobiles Arbeiten v2** ist im Ordner. Wichtigste Änderungen:

- bis zu 3 Tage mobil pro Woche (bisher 2)
- Zuschuss für Bildschirm und Stuhl
- Erreichbarkeit nur in der Kernzeit

Kommentare bitte bis **Freitag**: https://example.com/betriebsrat/bv-mobiles-arbeiten`,
    comments: [
      { author: 'franziska.bauer', body: 'Sehr gut! Können wir auch Regelungen für Workation im EU-Ausland aufnehmen?' },
      { author: 'markus.schulz', body: 'Bitte einen Satz für die Produktion ergänzen – da geht mobiles Arbeiten nicht, das muss fair ausgeglichen werden.' },
    ],
    reactions: [...rx('like', 'hans-peter.grosse', 'sophie.mueller'), ...rx('insightful', 'franziska.bauer')],
  },
  {
    space: 'betriebsrat',
    author: 'sophie.mueller',
    hoursAgo: 14,
    body: `Zur Einführung von Foyer: Die Plattform ist nach § 87 Abs. 1 Nr. 6 BetrVG mitbestimmungspflichtig. Wir sollten in der Vereinbarung festhalten, dass **keine Leistungs- oder Verhaltenskontrolle** über Nutzungsdaten stattfindet.

@hans-peter.grosse, sollen wir dazu die IT zur nächsten Sitzung einladen? #mitbestimmung`,
    comments: [
      {
        author: 'hans-peter.grosse',
        body: 'Ja, gute Idee. Ich lade Jürgen Weiß für Dienstag ein.',
        replies: [{ author: 'sophie.mueller', body: 'Danke! Ich bereite eine Fragenliste vor.' }],
      },
      { author: 'claudia.fischer', body: 'Die Auswertung von Lesebestätigungen sollten wir explizit ausschließen.' },
    ],
    reactions: [...rx('insightful', 'hans-peter.grosse', 'claudia.fischer', 'franziska.bauer')],
  },
];

// ---------------------------------------------------------------------------------------------
// Helpers and self-check
// ---------------------------------------------------------------------------------------------

/** Handles of everyone who is a member of the space: owner, explicit members and department members (never the guest). */
export function demoSpaceMembers(space: DemoSpace): string[] {
  const result = new Set<string>([space.owner, ...space.members]);
  const departments = new Set(space.memberDepartments ?? []);
  for (const person of DEMO_PEOPLE) {
    if (person.role !== 'guest' && departments.has(person.department)) result.add(person.handle);
  }
  return [...result];
}

/** Whether the person may read the space: members always; employees also every public space. */
export function demoCanRead(handle: string, space: DemoSpace): boolean {
  const person = DEMO_PEOPLE.find((p) => p.handle === handle);
  if (!person) return false;
  if (demoSpaceMembers(space).includes(handle)) return true;
  return space.visibility === 'public' && person.role !== 'guest';
}

// Runs only over the fixed demo texts above, never over user input.
// eslint-disable-next-line security/detect-unsafe-regex
const MENTION_RE = /(?<![\w.@])@([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)/g;
const LINK_RE = /https?:\/\/[^\s)>\]]+/g;

export function validateDemoData(): string[] {
  const problems: string[] = [];
  const people = new Map(DEMO_PEOPLE.map((p) => [p.handle, p]));
  const departments = new Set(DEMO_DEPARTMENTS.map((d) => d.name));
  const sites = new Map(DEMO_SITES.map((s) => [s.name, s]));
  const spaces = new Map(DEMO_SPACES.map((s) => [s.slug, s]));
  const orgDomain = DEMO_ORG.allowedDomains[0];

  // --- organisation, departments, sites ---
  if (DEMO_ORG.allowedDomains.length === 0) problems.push('org: no allowed domains');
  if (!DEMO_PASSWORD) problems.push('org: empty demo password');
  if (departments.size !== DEMO_DEPARTMENTS.length) problems.push('departments: duplicate names');
  if (sites.size !== DEMO_SITES.length) problems.push('sites: duplicate names');
  if (new Set(DEMO_SITES.map((s) => s.country)).size < 2) problems.push('sites: expected two countries');

  // --- people ---
  if (DEMO_PEOPLE.length !== 50) problems.push(`people: expected 50, got ${DEMO_PEOPLE.length}`);
  if (people.size !== DEMO_PEOPLE.length) {
    const seen = new Set<string>();
    for (const p of DEMO_PEOPLE) {
      if (seen.has(p.handle)) problems.push(`people: duplicate handle ${p.handle}`);
      seen.add(p.handle);
    }
  }
  const emails = new Set<string>();
  for (const p of DEMO_PEOPLE) {
    const where = `person ${p.handle}`;
    if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(p.handle)) problems.push(`${where}: invalid handle`);
    const email = p.email.toLowerCase();
    if (emails.has(email)) problems.push(`${where}: duplicate email ${p.email}`);
    emails.add(email);
    const [local, domain] = email.split('@');
    if (local !== p.handle) problems.push(`${where}: email local part does not match handle`);
    if (p.role === 'guest') {
      if (DEMO_ORG.allowedDomains.includes(domain ?? '')) problems.push(`${where}: guest must use an external domain`);
    } else if (domain !== orgDomain) {
      problems.push(`${where}: email must be at ${orgDomain}`);
    }
    if (!departments.has(p.department)) problems.push(`${where}: unknown department ${p.department}`);
    const site = sites.get(p.site);
    if (!site) problems.push(`${where}: unknown site ${p.site}`);
    else if (site.country === 'GB' && p.locale !== 'en') problems.push(`${where}: UK staff should use locale en`);
    if (p.languages.length === 0) problems.push(`${where}: no languages`);
    if (!p.languages.includes(p.locale)) problems.push(`${where}: locale ${p.locale} not among languages`);
    if (!p.name.trim() || !p.title.trim() || !p.about.trim()) problems.push(`${where}: empty name, title or about`);
  }
  const admins = DEMO_PEOPLE.filter((p) => p.role === 'admin');
  const guests = DEMO_PEOPLE.filter((p) => p.role === 'guest');
  if (admins.length !== 1) problems.push(`people: expected exactly one admin, got ${admins.length}`);
  if (guests.length !== 1) problems.push(`people: expected exactly one guest, got ${guests.length}`);

  // --- demo accounts ---
  const labelled = DEMO_PEOPLE.filter((p) => p.demoLabel);
  if (labelled.length !== 4) problems.push(`demo accounts: expected 4, got ${labelled.length}`);
  if (new Set(labelled.map((p) => p.demoLabel)).size !== labelled.length) problems.push('demo accounts: duplicate labels');
  if (!labelled.some((p) => p.role === 'admin')) problems.push('demo accounts: admin not labelled');
  if (!labelled.some((p) => p.role === 'guest')) problems.push('demo accounts: guest not labelled');
  const labelledMembers = labelled.filter((p) => p.role === 'member');
  const owners = new Set(DEMO_SPACES.map((s) => s.owner));
  if (!labelledMembers.some((p) => owners.has(p.handle))) problems.push('demo accounts: no space owner labelled');
  if (!labelledMembers.some((p) => !owners.has(p.handle))) problems.push('demo accounts: no plain employee labelled');

  // --- spaces ---
  const slugSeen = new Set<string>();
  for (const s of DEMO_SPACES) {
    const where = `space ${s.slug}`;
    if (slugSeen.has(s.slug)) problems.push(`${where}: duplicate slug`);
    slugSeen.add(s.slug);
    if (!/^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(s.slug)) problems.push(`${where}: invalid slug`);
    const owner = people.get(s.owner);
    if (!owner) problems.push(`${where}: unknown owner ${s.owner}`);
    else if (owner.role === 'guest') problems.push(`${where}: guest cannot own a space`);
    const memberSeen = new Set<string>();
    for (const m of s.members) {
      if (m === '*') problems.push(`${where}: '*' is not allowed, list members explicitly`);
      else if (!people.has(m)) problems.push(`${where}: unknown member ${m}`);
      if (memberSeen.has(m)) problems.push(`${where}: duplicate member ${m}`);
      memberSeen.add(m);
    }
    for (const d of s.memberDepartments ?? []) {
      if (!departments.has(d)) problems.push(`${where}: unknown member department ${d}`);
    }
    if (demoSpaceMembers(s).length < 2) problems.push(`${where}: fewer than two members`);
  }
  for (const v of ['public', 'private', 'secret'] as const) {
    if (!DEMO_SPACES.some((s) => s.visibility === v)) problems.push(`spaces: no ${v} space`);
  }
  for (const g of guests) {
    const guestSpaces = DEMO_SPACES.filter((s) => demoSpaceMembers(s).includes(g.handle));
    if (guestSpaces.length !== 1 || guestSpaces[0]?.visibility !== 'private') {
      problems.push(`guest ${g.handle}: must be a member of exactly one private space (got ${guestSpaces.map((s) => s.slug).join(', ') || 'none'})`);
    }
  }

  // --- posts ---
  if (DEMO_POSTS.length < 70 || DEMO_POSTS.length > 90) problems.push(`posts: expected about 80, got ${DEMO_POSTS.length}`);
  DEMO_POSTS.forEach((post, i) => {
    const where = `post #${i} (${post.space}/${post.author})`;
    const space = spaces.get(post.space);
    if (!space) {
      problems.push(`${where}: unknown space`);
      return;
    }
    const members = demoSpaceMembers(space);
    if (!people.has(post.author)) problems.push(`${where}: unknown author`);
    else if (!members.includes(post.author)) problems.push(`${where}: author is not a member of the space`);
    if (!(post.hoursAgo > 0) || !Number.isFinite(post.hoursAgo)) problems.push(`${where}: hoursAgo must be a positive number`);

    const checkText = (text: string, ctx: string) => {
      if (!text.trim()) problems.push(`${ctx}: empty body`);
      for (const match of text.matchAll(MENTION_RE)) {
        const handle = match[1] ?? '';
        if (!people.has(handle)) problems.push(`${ctx}: mention of unknown handle @${handle}`);
        else if (!demoCanRead(handle, space)) problems.push(`${ctx}: @${handle} cannot read ${space.slug}`);
      }
      for (const match of text.matchAll(LINK_RE)) {
        if (!match[0].startsWith('https://example.com')) problems.push(`${ctx}: link outside example.com: ${match[0]}`);
      }
    };
    const checkReader = (handle: string, ctx: string) => {
      if (!people.has(handle)) problems.push(`${ctx}: unknown handle ${handle}`);
      else if (!demoCanRead(handle, space)) problems.push(`${ctx}: ${handle} cannot read ${space.slug}`);
    };

    checkText(post.body, where);
    post.comments.forEach((c, ci) => {
      const cw = `${where} comment #${ci}`;
      checkReader(c.author, cw);
      checkText(c.body, cw);
      (c.replies ?? []).forEach((r, ri) => {
        const rw = `${cw} reply #${ri}`;
        checkReader(r.author, rw);
        checkText(r.body, rw);
      });
    });
    const reactors = new Set<string>();
    for (const r of post.reactions) {
      checkReader(r.handle, `${where} reaction`);
      if (reactors.has(r.handle)) problems.push(`${where}: ${r.handle} reacts twice`);
      reactors.add(r.handle);
      if (r.handle === post.author) problems.push(`${where}: author reacts to own post`);
    }
  });
  for (const s of DEMO_SPACES) {
    const posts = DEMO_POSTS.filter((p) => p.space === s.slug);
    if (posts.length === 0) problems.push(`space ${s.slug}: no posts`);
    if (posts.filter((p) => p.pinned).length > 2) problems.push(`space ${s.slug}: more than two pinned posts`);
  }

  return problems;
}
