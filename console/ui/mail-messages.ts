/**
 * The console's e-mails in English and Dutch side by side, as in messages.ts: to the FGs (a new
 * request, the hourly digest, the weekly needs-attention digest) and to an account whose sign-in
 * changed. They name the tool and link to the console; nothing about the teacher.
 */
export const MAIL_MESSAGES = {
  mail_newSubject: ['New request: $1 ($2)', 'Nieuwe aanvraag: $1 ($2)'],
  mail_newBody: ['A new request to vet $1 ($2) has arrived for $3.', 'Er is een nieuwe aanvraag binnengekomen om $1 ($2) te beoordelen voor $3.'],
  mail_openRequest: ['Open the request: $1', 'Bekijk de aanvraag: $1'],
  mail_whyYou: ['You receive this as an FG in the Bijsluiter console. You can choose one digest per hour or no e-mail.', 'U krijgt dit bericht omdat u FG bent in de Bijsluiter-console. U kunt kiezen voor één overzicht per uur of geen e-mail.'],
  mail_digestSubject: ['$1 new request(s) for $2', '$1 nieuwe aanvraag/aanvragen voor $2'],
  mail_digestIntro: ['Arrived in the last hour:', 'Binnengekomen in het afgelopen uur:'],
  mail_openInbox: ['Open the inbox: $1', 'Naar de inbox: $1'],
  mail_attentionSubject: ['Weekly: needs attention for $1', 'Wekelijks: aandachtspunten voor $1'],
  mail_attentionIntro: ['This needs your attention:', 'Dit vraagt uw aandacht:'],
  mail_signInSubject: ['Bijsluiter console $1: sign-in changed', 'Bijsluiter-console $1: inloggen gewijzigd'],
  'mail_mfa.enrol': ['Two-step verification was set up for your account (a new authenticator app).', 'Voor je account is tweestapsverificatie ingesteld (een nieuwe authenticator-app).'],
  'mail_mfa.recovery-used': ['One of your recovery codes was used to log in.', 'Er is ingelogd met een van je herstelcodes.'],
  'mail_mfa.reset': ['The second factor of your account was removed by the console\'s administrator; you set it up again at your next login.', 'De tweede stap van je account is verwijderd door de beheerder van de console; je stelt hem opnieuw in bij de volgende keer inloggen.'],
  'mail_sso.linked': ['Your account was linked to a single sign-on account; from now on only that account logs in as you.', 'Je account is gekoppeld aan een account voor eenmalig inloggen; alleen dat account logt voortaan als jou in.'],
  mail_notYou: ['Was this not you? Tell your IT admin and your board\'s FG at once.', 'Was jij dit niet? Meld het direct aan je IT-beheerder en de FG van je bestuur.'],
} as const;
