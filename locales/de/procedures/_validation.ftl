# Fehlermeldungen der Prüfung von Antworten, gemeinsam für alle Verfahren.
# Jede sagt, wie man den Fehler behebt. Alle erhalten { $label }, die Beschriftung der Frage.
# Ein Verfahren kann einzelne Meldungen je Feld ersetzen (siehe docs/procedure-format.md).

validation-required = Geben Sie „{ $label }“ an
validation-required-choice = Wählen Sie eine Antwort zu „{ $label }“
validation-required-file = Laden Sie „{ $label }“ hoch
validation-too-short = „{ $label }“ muss mindestens { $min } Zeichen lang sein
validation-too-long = „{ $label }“ darf höchstens { $max } Zeichen lang sein
validation-pattern = „{ $label }“ hat nicht die erwartete Form
validation-integer = Geben Sie bei „{ $label }“ eine ganze Zahl an, zum Beispiel 3
validation-decimal = Geben Sie bei „{ $label }“ eine Zahl an, zum Beispiel 12,5
validation-too-many-decimals = Geben Sie bei „{ $label }“ höchstens { $max } Nachkommastellen an
validation-too-small = „{ $label }“ muss { $min } oder mehr sein
validation-too-large = „{ $label }“ darf höchstens { $max } sein
validation-money = Geben Sie bei „{ $label }“ einen Betrag in Euro an, zum Beispiel 12,50
validation-date = Geben Sie bei „{ $label }“ ein Datum an, zum Beispiel 27.03.2025
validation-date-not-real = „{ $label }“ muss ein echtes Datum sein, zum Beispiel 28.02.2025
validation-date-year = Geben Sie bei „{ $label }“ das Jahr vierstellig an, zum Beispiel 2025
validation-date-too-early = „{ $label }“ muss am { $date } oder später sein
validation-date-too-late = „{ $label }“ muss am { $date } oder früher sein
validation-yes-no = Wählen Sie bei „{ $label }“ Ja oder Nein
validation-option = Wählen Sie bei „{ $label }“ eine der angebotenen Antworten
validation-too-few-choices = Wählen Sie bei „{ $label }“ mindestens { $min } Antworten
validation-too-many-choices = Wählen Sie bei „{ $label }“ höchstens { $max } Antworten
validation-email = Geben Sie eine E-Mail-Adresse in der richtigen Form an, zum Beispiel name@beispiel.de
validation-phone = Geben Sie eine Telefonnummer an, zum Beispiel 0561 787 0 oder +49 561 787 0
validation-postcode = Geben Sie eine Postleitzahl mit 5 Ziffern an, zum Beispiel 34117
validation-iban-format = Geben Sie eine IBAN an, die mit einem Ländercode beginnt, zum Beispiel DE89 3704 0044 0532 0130 00
validation-iban-length = Eine IBAN aus { $country } hat { $length } Zeichen. Prüfen Sie, ob Zeichen fehlen oder zu viel sind
validation-iban-checksum = Diese IBAN ist nicht gültig. Prüfen Sie jedes Zeichen, etwa mit Ihrer Bankkarte oder dem Kontoauszug
validation-tax-id-format = Geben Sie Ihre Steuer-Identifikationsnummer mit 11 Ziffern an; sie beginnt nicht mit 0
validation-tax-id-digits = Das ist keine gültige Steuer-Identifikationsnummer. Prüfen Sie die Ziffern, etwa auf Ihrem Steuerbescheid
validation-tax-id-checksum = Das ist keine gültige Steuer-Identifikationsnummer. Prüfen Sie die Ziffern, etwa auf Ihrem Steuerbescheid
validation-file-type = Die Datei für „{ $label }“ muss eine der folgenden Arten haben: { $types }
validation-file-size = Die Datei für „{ $label }“ darf höchstens { $max } MB groß sein
validation-too-many-instances = Geben Sie bei „{ $label }“ höchstens { $max } an
validation-check = „{ $label }“ passt nicht zu Ihren anderen Angaben
validation-answer-shape = Die Antwort zu „{ $label }“ konnte nicht gelesen werden. Geben Sie sie bitte erneut ein
