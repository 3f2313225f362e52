## Page frame

skip-to-content = Skip to content
notices-heading = Notices
app-tagline = Your municipality's paperwork – on your own computer

## First start

first-start-page-title = Welcome – { -brand-name }
first-start-heading = Welcome to { -brand-name }
first-start-lead = With { -brand-name } you apply to your municipality step by step on your own computer, even without an internet connection.
language-legend = Language
language-hint = You can change the language later in the settings.
privacy-heading = Your data stays with you
privacy-text = { -brand-name } keeps your answers encrypted on this computer only. Your data goes to your municipality only when you submit an application.
first-start-continue = Continue

## Catalog

catalog-page-title = Services – { -brand-name }
catalog-heading = Services
catalog-empty = The services of your municipality will appear here soon. None are available yet.

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
