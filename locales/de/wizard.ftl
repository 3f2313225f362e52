## Der Assistent: die Seiten eines Verfahrens. Texte der Fragen, Fehler, Schritte, Status,
## „optional“, „Weiteren hinzufügen“, „Eintrag … entfernen“, „Nicht angegeben“ und der
## Absende-Knopf kommen von der Engine (procedures/_engine.ftl und die Datei des Verfahrens).

wizard-continue = Weiter
wizard-back = Zurück
wizard-error-summary-heading = Es gibt ein Problem
# Steht vor dem Fenstertitel und wird vor jeder Fehlermeldung am Feld vorgelesen.
wizard-error-prefix = Fehler:
# Zwischen einer Beschriftung und ihrem Wert oder einer Frage („1. Hund: Bello“).
wizard-label-separator = :
wizard-change = Ändern
wizard-select-placeholder = Bitte auswählen
wizard-group-added-heading = Bisher hinzugefügt
wizard-group-added-empty = Noch nichts eingegeben
wizard-group-instance-added = Ein neuer Eintrag wurde hinzugefügt.
wizard-group-instance-removed = Der Eintrag wurde entfernt.
wizard-remove-question = Möchten Sie diesen Eintrag entfernen? Was Sie darin eingegeben haben, geht verloren.
wizard-remove-cancel = Nein, behalten
# Unter einem langen Textfeld; die App setzt die Zahlen dort ein, wo "{1}" (eingegebene Zeichen oder wie viele zu viel) und "{2}" (die Grenze) stehen.
wizard-character-count = { "{1}" } von { "{2}" } Zeichen
wizard-character-count-over = Sie haben { "{1}" } Zeichen zu viel
    .one = Sie haben { "{1}" } Zeichen zu viel
wizard-character-limit = Sie können bis zu { "{2}" } Zeichen eingeben.
wizard-file-choose = Datei auswählen
wizard-file-none = Noch keine Datei ausgewählt.
wizard-file-unavailable = Das Anhängen von Dateien ist in dieser Version von { -brand-name } noch nicht möglich.
wizard-task-list-sections = Abschnitte des Antrags
wizard-check-answers = Antworten prüfen
wizard-check-answers-pending = Sie können Ihre Antworten prüfen, sobald alle Abschnitte erledigt sind.
wizard-check-answers-heading = Prüfen Sie Ihre Angaben, bevor Sie den Antrag absenden
wizard-back-to-services = Zurück zu den Leistungen
wizard-save-later = Speichern und später fortsetzen
wizard-saved-later = Ihr Antrag ist gespeichert. Sie finden ihn unter „Meine Entwürfe“.
wizard-not-saved-later = Ihre Angaben konnten nicht gespeichert werden: Auf diesem Computer können keine Entwürfe aufbewahrt werden (siehe oben).
# Ein Link unter der Überschrift von „Angaben prüfen“, der die Antworten überspringt und zum Absenden-Knopf führt.
wizard-check-answers-skip = Weiter zum Absenden
