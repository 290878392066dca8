/**
 * What a sign-in asks for, in plain words: the common Google and Microsoft scopes, each with a
 * Dutch and an English description, and whether it reaches pupils' or school data beyond the
 * account's name (those are called out). A scope not in the table is shown as written.
 */
import type { SignInProvider } from './recognise';

export interface ScopeWords {
  nl: string;
  en: string;
  /** Reaches mail, files, class lists, calendars or lasting access: the teacher should look twice. */
  sensitive: boolean;
}

const W = (nl: string, en: string, sensitive = false): ScopeWords => ({ nl, en, sensitive });

const IDENTITY = {
  openid: W('je aanmelding bevestigen', 'confirm who you are'),
  email: W('je e-mailadres', 'your e-mail address'),
  profile: W('je naam en profielfoto', 'your name and profile picture'),
};

/** Google scopes, by the part after https://www.googleapis.com/auth/ (or the short name). */
const GOOGLE: Record<string, ScopeWords> = {
  ...IDENTITY,
  'userinfo.email': IDENTITY.email,
  'userinfo.profile': IDENTITY.profile,
  drive: W('al je bestanden in Google Drive bekijken, wijzigen en verwijderen', 'see, edit and delete all your Google Drive files', true),
  'drive.readonly': W('al je bestanden in Google Drive bekijken', 'see all your Google Drive files', true),
  'drive.file': W('alleen de Drive-bestanden die je met deze app opent of maakt', 'only the Drive files you open or create with this app'),
  'drive.metadata.readonly': W('namen en gegevens van al je Drive-bestanden bekijken', 'see names and details of all your Drive files', true),
  documents: W('al je Google Documenten bekijken en wijzigen', 'see and edit all your Google Docs', true),
  spreadsheets: W('al je Google Spreadsheets bekijken en wijzigen', 'see and edit all your Google Sheets', true),
  presentations: W('al je Google Presentaties bekijken en wijzigen', 'see and edit all your Google Slides', true),
  'forms.body': W('je Google Formulieren bekijken en wijzigen', 'see and edit your Google Forms', true),
  'forms.responses.readonly': W('antwoorden op je Google Formulieren bekijken', 'see responses to your Google Forms', true),
  'gmail.readonly': W('je e-mail lezen', 'read your e-mail', true),
  'gmail.send': W('e-mail versturen namens jou', 'send e-mail as you', true),
  'gmail.modify': W('je e-mail lezen, wijzigen en versturen', 'read, change and send your e-mail', true),
  'https://mail.google.com/': W('volledige toegang tot je e-mail', 'full access to your e-mail', true),
  'classroom.courses': W('je Classroom-lessen beheren', 'manage your Classroom classes', true),
  'classroom.courses.readonly': W('je Classroom-lessen bekijken', 'see your Classroom classes', true),
  'classroom.rosters': W('de leerlingenlijsten van je klassen beheren', 'manage your class rosters (pupils\' names)', true),
  'classroom.rosters.readonly': W('de leerlingenlijsten van je klassen bekijken', 'see your class rosters (pupils\' names)', true),
  'classroom.profile.emails': W('e-mailadressen van leerlingen en docenten in je klassen', 'e-mail addresses of pupils and teachers in your classes', true),
  'classroom.profile.photos': W('profielfoto\'s van leerlingen en docenten in je klassen', 'profile photos of pupils and teachers in your classes', true),
  'classroom.coursework.students': W('opdrachten en cijfers van leerlingen beheren', 'manage pupils\' coursework and grades', true),
  'classroom.coursework.students.readonly': W('opdrachten en cijfers van leerlingen bekijken', 'see pupils\' coursework and grades', true),
  'classroom.coursework.me': W('je eigen opdrachten en cijfers beheren', 'manage your own coursework and grades', true),
  'classroom.announcements': W('mededelingen in je klassen beheren', 'manage announcements in your classes', true),
  'classroom.guardianlinks.students': W('gegevens van ouders en verzorgers van leerlingen', 'pupils\' parents\' and guardians\' details', true),
  calendar: W('al je agenda\'s bekijken en wijzigen', 'see and edit all your calendars', true),
  'calendar.readonly': W('al je agenda\'s bekijken', 'see all your calendars', true),
  'contacts.readonly': W('je contactpersonen bekijken', 'see your contacts', true),
  'directory.readonly': W('de adreslijst van je school bekijken', 'see your school\'s directory', true),
  'admin.directory.user.readonly': W('alle gebruikers van je school bekijken', 'see all users of your school', true),
  youtube: W('je YouTube-account beheren', 'manage your YouTube account', true),
  'youtube.readonly': W('je YouTube-account bekijken', 'see your YouTube account'),
};

/** Microsoft Graph scopes, case-insensitive, with or without https://graph.microsoft.com/. */
const MICROSOFT: Record<string, ScopeWords> = {
  ...IDENTITY,
  offline_access: W('blijvend toegang houden, ook als je niet aangemeld bent', 'keep access even when you are not signed in', true),
  'user.read': W('je naam, e-mailadres en profiel', 'your name, e-mail address and profile'),
  'user.readbasic.all': W('namen en e-mailadressen van iedereen op je school', 'names and e-mail addresses of everyone at your school', true),
  'user.read.all': W('de volledige profielen van iedereen op je school', 'the full profiles of everyone at your school', true),
  'mail.read': W('je e-mail lezen', 'read your e-mail', true),
  'mail.readwrite': W('je e-mail lezen en wijzigen', 'read and change your e-mail', true),
  'mail.send': W('e-mail versturen namens jou', 'send e-mail as you', true),
  'files.read': W('je OneDrive-bestanden bekijken', 'see your OneDrive files', true),
  'files.read.all': W('alle bestanden bekijken waar je bij kunt', 'see all files you can reach', true),
  'files.readwrite': W('je OneDrive-bestanden bekijken en wijzigen', 'see and edit your OneDrive files', true),
  'files.readwrite.all': W('alle bestanden bekijken en wijzigen waar je bij kunt', 'see and edit all files you can reach', true),
  'sites.read.all': W('alle SharePoint-sites bekijken waar je bij kunt', 'see all SharePoint sites you can reach', true),
  'calendars.read': W('je agenda bekijken', 'see your calendar', true),
  'calendars.readwrite': W('je agenda bekijken en wijzigen', 'see and edit your calendar', true),
  'contacts.read': W('je contactpersonen bekijken', 'see your contacts', true),
  'group.read.all': W('alle groepen en hun leden bekijken', 'see all groups and their members', true),
  'team.readbasic.all': W('je Teams bekijken', 'see your Teams'),
  'eduroster.read': W('de leerlingenlijsten van je klassen bekijken', 'see your class rosters (pupils\' names)', true),
  'eduroster.readbasic': W('je klassen en hun leerlingen bekijken', 'see your classes and their pupils', true),
  'eduassignments.read': W('opdrachten en cijfers van leerlingen bekijken', 'see pupils\' assignments and grades', true),
  'eduassignments.readwrite': W('opdrachten en cijfers van leerlingen beheren', 'manage pupils\' assignments and grades', true),
  'notes.read': W('je OneNote-notitieblokken bekijken', 'see your OneNote notebooks', true),
};

export interface DescribedScope {
  scope: string;
  words: ScopeWords | null;
}

/** Each scope with its words (null when the table does not know it). */
export function describeScopes(provider: SignInProvider, scopes: readonly string[]): DescribedScope[] {
  return scopes.map((scope) => ({ scope, words: wordsFor(provider, scope) }));
}

function wordsFor(provider: SignInProvider, scope: string): ScopeWords | null {
  if (provider === 'microsoft') {
    const key = scope.toLowerCase().replace(/^https:\/\/graph\.microsoft\.com\//, '');
    return MICROSOFT[key] ?? null;
  }
  if (provider === 'google') {
    const key = scope.startsWith('https://www.googleapis.com/auth/') ? scope.slice('https://www.googleapis.com/auth/'.length) : scope;
    return GOOGLE[key] ?? null;
  }
  return (IDENTITY as Record<string, ScopeWords>)[scope] ?? null;
}
