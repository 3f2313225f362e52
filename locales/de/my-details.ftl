# Meine Angaben: die Angaben zur Person und zum Kontakt, die Amtsweg für den nächsten Antrag aufbewahren darf.

## Die aufbewahrten Angaben (Beschriftungen auf der Seite „Meine Angaben“ und im Angebot)

my-details-given-names = Vornamen
my-details-family-name = Familienname
my-details-birth-name = Geburtsname
my-details-date-of-birth = Geburtsdatum
my-details-date-of-birth-hint = Zum Beispiel 27.03.1980
my-details-place-of-birth = Geburtsort
my-details-street = Straße
my-details-house-number = Hausnummer
my-details-address-addition = Adresszusatz
my-details-postcode = Postleitzahl
my-details-town = Ort
my-details-email = E-Mail-Adresse
my-details-phone = Telefonnummer

## Die Seite „Meine Angaben“

my-details-page-title = Meine Angaben – Amtsweg
my-details-heading = Meine Angaben
my-details-intro = Amtsweg kann Ihren Namen, Geburtsdatum und -ort, Ihre Anschrift, E-Mail-Adresse und Telefonnummer verschlüsselt auf diesem Computer aufbewahren und eintragen, wenn ein Verfahren danach fragt. Sonst wird nichts aufbewahrt: keine Bankverbindung, keine Angaben zu Hunden, Gewerben oder anderem.
my-details-never-leave = Meine Angaben verlassen diesen Computer nur in einem Antrag, den Sie absenden, oder in einem Export, den Sie erstellen.
my-details-keeping-on = Amtsweg bewahrt Ihre Angaben auf. Ein neuer Antrag beginnt mit ihnen ausgefüllt; Sie sehen, prüfen und bestätigen jede Seite.
my-details-keeping-off = Amtsweg bewahrt Ihre Angaben nicht auf.
my-details-keeping-not-asked = Amtsweg bewahrt Ihre Angaben noch nicht auf. Nach Ihrem nächsten Antrag werden Sie gefragt, ob sie aufbewahrt werden sollen.
my-details-turn-on = Meine Angaben aufbewahren
my-details-turn-off = Meine Angaben nicht mehr aufbewahren
my-details-turn-off-hint = Dabei werden die aufbewahrten Angaben gelöscht.
my-details-kept-heading = Was aufbewahrt wird
my-details-nothing-kept = Es sind keine Angaben aufbewahrt.
my-details-not-given = Nicht angegeben
my-details-change = Meine Angaben ändern
my-details-form-legend = Meine Angaben ändern
my-details-save = Meine Angaben speichern
my-details-cancel = Abbrechen
my-details-saved = Ihre Angaben wurden gespeichert.
my-details-error-title = Es gibt ein Problem
my-details-delete = Meine Angaben löschen
my-details-delete-confirm = Die aufbewahrten Angaben löschen? Amtsweg bewahrt sie erst wieder auf, wenn Sie das Aufbewahren einschalten.
my-details-delete-yes = Ja, meine Angaben löschen
my-details-deleted = Ihre Angaben wurden gelöscht. Amtsweg bewahrt sie nicht mehr auf.
my-details-back = Zurück zu den Einstellungen
my-details-stopped = Amtsweg bewahrt Ihre Angaben nicht mehr auf. Die aufbewahrten Angaben wurden gelöscht.
my-details-started = Amtsweg bewahrt Ihre Angaben ab jetzt auf.

## Das Angebot auf der Bestätigungsseite

my-details-offer-heading = Diese Angaben beim nächsten Mal eintragen?
my-details-offer-text = Amtsweg kann diese Angaben Ihres Antrags verschlüsselt auf diesem Computer aufbewahren und beim nächsten Mal eintragen, wenn ein Verfahren danach fragt. Sie sehen und bestätigen weiterhin jede Seite.
my-details-offer-list = Aufbewahrt würden:
my-details-offer-yes = Ja, aufbewahren
my-details-offer-no = Nein, danke
my-details-offer-kept = Ihre Angaben werden aufbewahrt. Sie können sie in den Einstellungen unter „Meine Angaben“ ändern oder löschen.
my-details-offer-declined = Ihre Angaben werden nicht aufbewahrt, und Sie werden nicht noch einmal gefragt. Sie können das in den Einstellungen unter „Meine Angaben“ einschalten.

## In einem Verfahren

my-details-prefilled = Angaben auf dieser Seite wurden aus „Meine Angaben“ eingetragen. Prüfen Sie sie und ändern Sie sie bei Bedarf.

## In „Meine Daten“

my-data-my-details-heading = Meine Angaben
my-data-my-details-text = Ihr Name, Ihre Anschrift und Kontaktdaten, auf Wunsch für Ihren nächsten Antrag aufbewahrt.
my-data-my-details-link = „Meine Angaben“ ansehen und ändern
my-data-exported-details = Ihre aufbewahrten Angaben („Meine Angaben“) sind auch darin.
my-data-imported-details = Ihre aufbewahrten Angaben („Meine Angaben“) wurden aus der Datei übernommen.
