## Page frame

skip-to-content = Zum Inhalt springen
notices-heading = Hinweise
app-tagline = Behördengänge Ihrer Gemeinde – am eigenen Computer

## First start

first-start-page-title = Willkommen – { -brand-name }
first-start-heading = Willkommen bei { -brand-name }
first-start-lead = Mit { -brand-name } erledigen Sie Anträge bei Ihrer Gemeinde Schritt für Schritt am eigenen Computer, auch ohne Internetverbindung.
language-legend = Sprache
language-hint = Sie können die Sprache später in den Einstellungen ändern.
privacy-heading = Ihre Daten bleiben bei Ihnen
privacy-text = { -brand-name } speichert Ihre Angaben verschlüsselt nur auf diesem Computer. Erst wenn Sie einen Antrag absenden, gehen die Daten an Ihre Gemeinde.
first-start-continue = Weiter

## Catalog

catalog-page-title = Verfahren – { -brand-name }
catalog-heading = Verfahren
catalog-empty = Hier erscheinen bald die Verfahren Ihrer Gemeinde. Noch sind keine Verfahren verfügbar.

## Notices about the installation

notice-settings-corrupt = Ihre gespeicherten Einstellungen waren beschädigt. { -brand-name } startet mit den Standardeinstellungen. Die alte Datei wurde als { $backup } aufbewahrt.
notice-settings-future = Ihre gespeicherten Einstellungen stammen aus einer neueren Version von { -brand-name }. Diese Version startet mit den Standardeinstellungen. Die alte Datei wurde als { $backup } aufbewahrt.
notice-settings-unreadable = Ihre gespeicherten Einstellungen konnten nicht gelesen werden ({ $reason }). { -brand-name } startet mit den Standardeinstellungen.
notice-translation-broken = Die Übersetzungsdatei { $file } hat in Zeile { $line } einen Fehler. Ihre Texte werden aus der mitgelieferten Übersetzung oder auf Deutsch angezeigt.

## Signed catalogs

notice-catalog-updated = Das Verzeichnis der Verfahren wurde aktualisiert (Stand { $sequence }).
notice-catalog-refused-unsigned = Ein Verzeichnis der Verfahren wurde abgelehnt, weil es nicht signiert ist. { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-refused-altered = Ein Verzeichnis der Verfahren wurde abgelehnt, weil es nach dem Signieren verändert wurde. { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-refused-unknown-key = Ein Verzeichnis der Verfahren wurde abgelehnt, weil es nicht von einem vertrauenswürdigen Herausgeber signiert ist. { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-refused-older = Ein Verzeichnis der Verfahren wurde abgelehnt, weil es älter ist (Stand { $sequence }) als das verwendete (Stand { $inUse }). { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-refused = Ein Verzeichnis der Verfahren wurde abgelehnt ({ $reason }). { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-stored-unusable = Das gespeicherte Verzeichnis der Verfahren ist nicht verwendbar ({ $reason }). { -brand-name } verwendet das mitgelieferte Verzeichnis.
