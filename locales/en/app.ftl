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
start-easy-language = In Easy Language
start-now = Start application now

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
