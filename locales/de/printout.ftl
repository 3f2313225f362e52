# The printout (PDF) of an application and of the recovery code. German is what the
# authority files; the citizen's copy adds their language under each German text.

printout-heading = Antrag
printout-copy-authority = Ausfertigung für die Behörde
printout-copy-citizen = Ausfertigung für Sie
printout-municipality = Zuständige Stelle
printout-procedure = Leistung
printout-leika = Leistungsschlüssel (LeiKa)
printout-application-date = Antragsdatum
printout-case-number = Aktenzeichen
printout-case-number-pending = Wird beim Senden vergeben
printout-attachments = Anlagen
printout-no-attachments = Keine Anlagen
printout-attachment-type = Dateityp
printout-attachment-size = Größe
printout-attachment-size-value = { $bytes } Bytes
printout-attachment-hash = SHA-512-Prüfsumme
printout-page = Seite { $page } von { $pages }
printout-receipt-heading = Empfangsbestätigung
printout-receipt-what = Beantragt
printout-receipt-when = Am
printout-receipt-to = Bei
printout-receipt-received = Eingegangen bei der Behörde
printout-receipt-keep = Bitte bewahren Sie diese Seite für Ihre Unterlagen auf.
printout-recovery-title = Wiederherstellungscode
printout-recovery-heading = Ihr Wiederherstellungscode
printout-recovery-intro = Mit diesem Code holen Sie Ihre Entwürfe zurück, falls der Schlüssel zu ihnen einmal verloren geht.
printout-recovery-keep = Bewahren Sie dieses Blatt sicher auf, nicht bei Ihrem Computer, und zeigen Sie es niemandem.
