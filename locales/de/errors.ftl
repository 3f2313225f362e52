# Errors that cross from Rust to the UI: the message id is the error's code.
error-unknown-locale = Diese Sprache ist in { -brand-name } nicht verfügbar. Bitte wählen Sie eine Sprache aus der Liste.
error-settings-save = Ihre Einstellung konnte nicht gespeichert werden ({ $reason }). Prüfen Sie, ob auf dem Datenträger Platz ist, und versuchen Sie es erneut.
error-internal = Ein unerwarteter Fehler ist aufgetreten. Bitte starten Sie { -brand-name } neu.
error-invalid-request = Die Anfrage der Oberfläche war ungültig ({ $reason }).
error-unknown-draft = Dieser Antrag ist nicht (mehr) vorhanden. Bitte beginnen Sie ihn neu.
error-unknown-municipality = Diese Gemeinde ist nicht (mehr) im Verzeichnis. Bitte wählen Sie Ihre Gemeinde aus der Liste.
error-attachment-type = Diese Datei kann nicht angehängt werden: Ihr Inhalt ist keine der erlaubten Dateiarten ({ $reason }).
error-attachment-size = Diese Datei ist zu groß. Erlaubt sind höchstens { $reason }.
error-attachment-unreadable = Die Datei konnte nicht gelesen werden ({ $reason }).
error-file-dialog = Das Fenster zur Dateiauswahl konnte nicht geöffnet werden ({ $reason }).
