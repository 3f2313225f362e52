## Page frame

skip-to-content = Skip to content
notices-heading = Notices
app-tagline = Your municipality's paperwork – on your own computer
# Follows the title of a procedure's page in the window title ("Register a dog – Amtsweg").
page-title-suffix = – { -brand-name }

## First start

first-start-page-title = Welcome – { -brand-name }
first-start-heading = Welcome to { -brand-name }
first-start-lead = With { -brand-name } you apply to your municipality step by step on your own computer, even without an internet connection.
language-legend = Language
language-hint = You can change the language later in the settings.
privacy-heading = Your data stays with you
privacy-text = { -brand-name } keeps your answers encrypted on this computer only. Your data goes to your municipality only when you submit an application.
first-start-continue = Continue

## Municipality

municipality-page-title = Choose your municipality – { -brand-name }
municipality-heading = Your municipality
municipality-lead = Your municipality decides which services are offered and where your applications go. You can change it later in the settings.
municipality-search-label = Postcode or name of the municipality
municipality-search-hint = For example 34117 or Kassel. The list appears as you type.
municipality-results-legend = Municipalities found
municipality-results-found = Matching municipalities are listed below the search field.
municipality-results-none = No municipality found. Check the postcode or the spelling.
municipality-postcodes = Postcodes:
municipality-demo = Demo – applications do not go to a real administration
municipality-continue = Continue
municipality-choose-error = Choose your municipality from the list.

## Catalog

catalog-page-title = Services – { -brand-name }
catalog-heading = Services
catalog-empty = Your municipality does not offer any services in { -brand-name } yet.
catalog-municipality = Your municipality:
catalog-change-municipality = Change municipality
catalog-search-label = Search services
catalog-search-hint = For example dog, parking or bulky waste. The list changes as you type.
catalog-results-found = The matching services are listed below the search field.
catalog-results-none = No service found. Try another word.
catalog-unfinished = You have { $count ->
        [one] 1 unfinished application
       *[other] { $count } unfinished applications
    }
catalog-unfinished-link = Continue in My drafts
life-situation-moving = Housing and moving
life-situation-pets = Pets
life-situation-traffic = Roads, traffic and parking
life-situation-environment = Waste, trees and the environment
life-situation-business = Business
life-situation-documents = Certificates and lost property
life-situation-other = Other services

## Start page of a procedure

start-page-back = Back to the services
start-who-heading = Who can apply?
start-need-heading = What you need
start-duration-heading = How long it takes
start-fees-heading = Fees
start-legal-heading = Legal basis
start-easy-language = In Easy Language:
start-now = Start application now
start-drafts-not-kept = Your answers cannot be saved on this computer: if you close { -brand-name } before you submit, they are lost.
start-drafts-passphrase = Protect your drafts with a passphrase instead
start-drafts-passphrase-text = You then enter it each time you start { -brand-name }.
start-drafts-choose-passphrase = Choose a passphrase
start-drafts-now-passphrase = Your drafts are now protected by your passphrase and are saved.
error-details = Details

## Header navigation

nav-label = Main navigation
nav-services = Services
nav-settings = Settings
nav-drafts = My drafts
nav-accessibility = Accessibility

## Settings

settings-page-title = Settings – { -brand-name }
settings-heading = Settings
settings-language-legend = Language
settings-language-hint = The language changes at once and is saved.
settings-municipality-heading = Municipality
settings-municipality-none = No municipality chosen yet.
settings-municipality-change = Change municipality
settings-text-size-legend = Text size
settings-text-size-hint = On top of your operating system's text size. The change applies at once and is saved.
settings-text-size-100 = Normal (100 %)
settings-text-size-125 = Large (125 %)
settings-text-size-150 = Larger (150 %)
settings-text-size-200 = Very large (200 %)

## Developer settings: only in debug builds, never in a release

settings-developer-heading = Development
settings-developer-hint = Only in debug builds of { -brand-name }, never in a released version.
settings-pseudo-locale-label = Use the pseudo-locale
settings-pseudo-locale-hint = It is generated from German: accented letters, every text about 40 % longer and marked. It shows texts that do not come from the translation files, and where longer translations break the layout. Turning it off switches back to German.

## Accessibility statement (BITV 2.0)

accessibility-page-title = Accessibility statement – { -brand-name }
accessibility-heading = Accessibility statement
accessibility-intro = { -brand-name } is meant to be usable by everyone without barriers. This statement covers the { -brand-name } desktop application and follows section 12b of the German Disability Equality Act (BGG) and the Barrier-free Information Technology Ordinance (BITV 2.0).
accessibility-status-heading = Compliance status
accessibility-status-text = { -brand-name } is partially compliant with the requirements of BITV 2.0 (WCAG 2.1 level AA). This is based on a self-assessment with automated checks (axe-core) and keyboard-only tests; an audit by an independent body is still to come.
accessibility-limitations-heading = Content that is not accessible
accessibility-limitation-not-audited = The application has not yet been audited by an independent body, in particular not with every screen reader.
accessibility-limitation-easy-language = Content in Easy Language and in sign language is not available yet.
accessibility-limitation-pdf = The PDF printout of an application is not available yet and so has not been checked for accessibility.
accessibility-feedback-heading = Feedback and contact
accessibility-feedback-text = Have you found a barrier? Write to us. We answer within six weeks.
accessibility-feedback-contact = E-mail: barrierefreiheit@amtsweg.example (placeholder of the demo municipality)
accessibility-enforcement-heading = Conciliation procedure
accessibility-enforcement-text = If you do not receive a satisfactory answer to your feedback, you can turn to the conciliation body under section 16 BGG. The procedure is free of charge and you need no legal representation.
accessibility-enforcement-contact = Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen, Mauerstraße 53, 10117 Berlin, Germany, e-mail: info@schlichtungsstelle-bgg.de, web: www.schlichtungsstelle-bgg.de
accessibility-date = This statement was prepared on 28 November 2026.

## Notices about the installation

notice-settings-corrupt = Your saved settings were damaged. { -brand-name } starts with the default settings. The old file was kept as { $backup }.
notice-settings-future = Your saved settings come from a newer version of { -brand-name }. This version starts with the default settings. The old file was kept as { $backup }.
notice-settings-unreadable = Your saved settings could not be read ({ $reason }). { -brand-name } starts with the default settings.
notice-translation-broken = The translation file { $file } has an error on line { $line }. Its texts are shown from the shipped translation or in German.

## Signed catalogs

notice-catalog-updated = The list of services was updated (version { $sequence }).
notice-catalog-refused-unsigned = A list of services was refused because it is not signed. { -brand-name } keeps using the list it had.
notice-catalog-refused-altered = A list of services was refused because it was changed after it was signed. { -brand-name } keeps using the list it had.
notice-catalog-refused-unknown-key = A list of services was refused because it is not signed by a trusted publisher. { -brand-name } keeps using the list it had.
notice-catalog-refused-older = A list of services was refused because it is older (version { $sequence }) than the one in use (version { $inUse }). { -brand-name } keeps using the list it had.
notice-catalog-refused = A list of services was refused ({ $reason }). { -brand-name } keeps using the list it had.
notice-catalog-stored-unusable = The stored list of services cannot be used ({ $reason }). { -brand-name } uses the list it came with.
notice-catalog-refused-expired = A list of services was refused because it has expired (valid until { $expires }). { -brand-name } keeps using the list it had.
notice-catalog-stored-expired = The stored list of services has expired (valid until { $expires }). { -brand-name } uses the list it came with.
notice-translations-overridden = { -brand-name } shows texts from a translation folder instead of its own: { $dir }

## My drafts
drafts-page-title = My drafts – { -brand-name }
drafts-heading = My drafts
drafts-intro = Applications you have started are saved encrypted on this computer after every "Continue". How they are protected is under "Settings", "My data".
drafts-empty = You have no applications in progress.
drafts-last-change = Last changed
drafts-progress-start = Not started yet
drafts-progress-step = Step { $current } of { $total }
drafts-progress-task-list = Overview of the sections
drafts-progress-check-answers = Checking the answers
drafts-progress-exit = Cannot be applied for like this
drafts-damaged = This draft is damaged or was changed and cannot be opened ({ $reason }). You can delete it; your other drafts are not affected.
drafts-resume = Continue
drafts-delete = Delete
drafts-delete-question = Do you want to delete this draft for good? It cannot be restored afterwards.
drafts-delete-confirm = Yes, delete
drafts-delete-cancel = No, keep it
drafts-deleted = The draft was deleted.
drafts-versions-changed = The list of your drafts' versions was changed outside { -brand-name }. Your drafts look intact, but { -brand-name } cannot prove none was replaced by an older copy. Keep them as they are now?
drafts-versions-keep = Yes, keep my drafts as they are
drafts-versions-kept = Your drafts are kept as they are now.
drafts-unverified = You can continue this draft once you have decided above.

## Settings: my data (export, import, delete all, how drafts are protected)

my-data-heading = My data
my-data-intro = Your drafts and attachments are kept encrypted on this computer only. Here you can take them to another computer, or delete everything.
my-data-keys-heading = How your drafts are protected
my-data-keys-keychain = The key to your drafts is kept in your operating system's keychain. You do not need to do anything.
my-data-keys-passphrase = Your drafts are protected by a passphrase you chose. { -brand-name } does not store it: if you forget it, your drafts cannot be opened again.
my-data-keys-memory = On this computer, drafts are kept only until { -brand-name } is closed. Nothing is saved.
my-data-keys-keychain-unavailable = The key to your drafts is to be kept in your operating system's keychain, but it cannot be used at the moment: nothing is saved.
my-data-keys-passphrase-none = Your drafts are to be protected by a passphrase, but none is chosen yet: until then, nothing is saved.
my-data-use-passphrase-heading = Protect your drafts with a passphrase instead
my-data-use-passphrase-text = No keychain can be reached on this computer, so your drafts cannot be kept. You can protect them with a passphrase instead. You then enter it each time you start { -brand-name }.
my-data-use-passphrase = Protect drafts with this passphrase
my-data-new-passphrase-heading = Choose a passphrase
my-data-new-passphrase-text = Your drafts are to be protected by a passphrase, but none is chosen yet. Choose one so that your drafts can be saved. Until then, what you enter is not saved.
my-data-use-keychain-text = You can also use your operating system's keychain instead of a passphrase.
my-data-use-keychain = Use the keychain instead
my-data-now-passphrase = Your drafts are now protected by your passphrase.
my-data-now-keychain = Your drafts are now protected by the keychain.
my-data-unlock-heading = Unlock your drafts
my-data-unlock-text = Your drafts are protected by a passphrase. Enter it to open them. Until then, what you enter is not saved.
my-data-unlock = Unlock drafts
my-data-unlocked = Your drafts are unlocked.
my-data-switch-passphrase-heading = Use a passphrase instead
my-data-switch-passphrase-text = Instead of the keychain, your drafts can be protected by a passphrase you choose. You then enter it each time you start { -brand-name }. Your drafts stay as they are.
my-data-switch-keychain-text = Instead of your passphrase, the key to your drafts can be kept in your operating system's keychain. You then no longer enter the passphrase. Your drafts stay as they are.
my-data-switch-keychain = Keep the key in the keychain instead
my-data-change-passphrase-heading = Change the passphrase
my-data-change-passphrase-text = Enter your current passphrase, then the new one twice. Your drafts stay as they are.
my-data-current-passphrase-label = Current passphrase
my-data-new-passphrase-label = New passphrase
my-data-change-passphrase = Change passphrase
my-data-passphrase-changed = Your passphrase was changed.
my-data-recovery-heading = Recovery code
my-data-recovery-text = If the key to your drafts is ever lost (a new computer, a reset keychain, a forgotten passphrase), a recovery code brings your drafts back. { -brand-name } shows it once and does not keep it.
my-data-recovery-exists = You have created a recovery code. If you no longer have it, create a new one: the old one then stops working.
my-data-recovery-create = Create a recovery code
my-data-recovery-create-new = Create a new recovery code
my-data-recovery-shown-heading = Your recovery code
my-data-recovery-shown-text = Write it down or print it, and keep it somewhere safe, away from this computer. It is shown only now.
my-data-recovery-done = I have written it down
my-data-recovery-created = Your recovery code was created.
my-data-recover-heading = Get your drafts back with your recovery code
my-data-recover-text = Enter the recovery code you wrote down. Upper or lower case, spaces and dashes do not matter.
my-data-recover-passphrase-text = Then choose a new passphrase for your drafts.
my-data-recover-code-label = Recovery code
my-data-recover = Get my drafts back
my-data-recovered = Your drafts are back.
my-data-retry-text = Once the keychain is unlocked or allowed, your drafts open by themselves. If they do not, try again.
my-data-retry = Try again
my-data-passphrase-label = Passphrase
my-data-passphrase-hint = Use 12 characters or more. A few words that have nothing to do with each other are easy to remember and hard to guess. { -brand-name } does not store your passphrase: keep it somewhere safe.
my-data-passphrase-confirm-label = Enter the passphrase again
my-data-export-heading = Export my data
my-data-export-text = Saves all your drafts, attachments and applications in one file, encrypted with a passphrase you choose. With the file and the passphrase you can import them on another computer or after installing { -brand-name } again.
my-data-export = Choose where to save and export
my-data-export-dialog-title = Save your data
my-data-file-type = { -brand-name } export
my-data-exported = { $drafts ->
        [one] One draft
       *[other] { $drafts } drafts
    } and { $attachments ->
        [one] one attachment
       *[other] { $attachments } attachments
    } were exported. Keep the file and the passphrase safe: you need both to import it.
my-data-exported-with-applications = { $drafts ->
        [one] One draft
       *[other] { $drafts } drafts
    }, { $attachments ->
        [one] one attachment
       *[other] { $attachments } attachments
    } and { $applications ->
        [one] one application
       *[other] { $applications } applications
    } were exported. Keep the file and the passphrase safe: you need both to import it.
my-data-export-damaged = { $damaged ->
        [one] One damaged draft was left out.
       *[other] { $damaged } damaged drafts were left out.
    }
my-data-export-cancelled = Nothing was exported.
my-data-import-heading = Import data
my-data-import-text = Takes the drafts and applications from an export file into { -brand-name } on this computer. The drafts and applications you have stay; a draft that is in both is kept in its newer version.
my-data-import-aside-text = If you exported your drafts before the key was lost, import the export file here. The drafts that cannot be opened are not deleted: { -brand-name } keeps them aside on this computer, in case the key turns up again.
my-data-import-passphrase-label = Passphrase of the export file
my-data-import = Choose file and import
my-data-import-dialog-title = Choose an export file
my-data-imported = { $imported ->
        [0] No draft was taken from the file.
        [one] One draft was imported. You find it under "My drafts".
       *[other] { $imported } drafts were imported. You find them under "My drafts".
    }
my-data-import-kept = { $kept ->
        [one] One draft was already here in the same or a newer version and was kept.
       *[other] { $kept } drafts were already here in the same or a newer version and were kept.
    }
my-data-imported-applications = { $applications ->
        [one] One application was imported. You find it under "My applications".
       *[other] { $applications } applications were imported. You find them under "My applications".
    }
my-data-import-applications-kept = { $applicationsKept ->
        [one] One application was already here and was kept.
       *[other] { $applicationsKept } applications were already here and were kept.
    }
my-data-import-kept-elsewhere = { $elsewhere ->
        [one] One application was not imported: it was already handed over to the municipality from the computer the file comes from, and only { -brand-name } there can follow it. You can follow it there.
       *[other] { $elsewhere } applications were not imported: they were already handed over to the municipality from the computer the file comes from, and only { -brand-name } there can follow them. You can follow them there.
    }
my-data-import-cancelled = Nothing was imported.
my-data-delete-heading = Delete all my data
my-data-delete-text = Deletes every draft, attachment and application, your settings (such as your municipality) and everything else { -brand-name } keeps on this computer. { -brand-name } then begins again as at the first start, in your language.
my-data-delete = Delete all my data
my-data-delete-question = This deletes every draft, attachment and application, the keys in the keychain and your settings. Exports you saved stay where you saved them. It cannot be undone.
my-data-delete-confirm = Yes, delete everything
my-data-delete-cancel = No, keep my data
my-data-delete-unsent-confirm = Yes, delete everything anyway
my-data-deleted = All your data was deleted.

## The application as a PDF ("Download PDF", "Print")

print-heading = The application as a PDF
print-download = Download PDF
print-print = Print
print-save-dialog-title = Save the application as a PDF
print-file-type = PDF document
# $file: the PDF's file name
print-saved = The PDF was saved as { $file }.
# $file: the PDF's file name
print-opened = The PDF { $file } is open in your PDF viewer. Print it from there.
# The recovery code's PDF file name, without ".pdf"
print-recovery-file-name = Recovery-code
print-recovery = Print the recovery code
