# Meldebescheinigung. Die Gebühren sind Beispielwerte. Lokale Kennungen F99004…, C99004… gelten nur in diesem Verfahren.

certificate-of-registration-title = Meldebescheinigung beantragen
certificate-of-registration-keywords = Meldebescheinigung, Meldebestätigung, Wohnsitz, Anmeldung, Wohnsitzbescheinigung, Bürgerbüro, erweiterte Meldebescheinigung
certificate-of-registration-summary = Eine Meldebescheinigung bestätigt, unter welcher Anschrift Sie gemeldet sind, etwa für Arbeitgeber, Banken oder Behörden.
certificate-of-registration-who-may-apply = Jede Person, die in der Gemeinde gemeldet ist, für sich selbst. Für andere Personen brauchen Sie eine schriftliche Vollmacht; das geht nur im Bürgerbüro.
certificate-of-registration-need-personal = Ihre Angaben, wie sie im Melderegister stehen: Name, Geburtsdatum und Anschrift
certificate-of-registration-need-kind = die Angabe, ob Sie eine einfache oder eine erweiterte Meldebescheinigung brauchen; fragen Sie im Zweifel die Stelle, die sie verlangt
certificate-of-registration-duration = Etwa 5 Minuten. Per Post erhalten Sie die Bescheinigung in der Regel innerhalb einer Woche.
certificate-of-registration-fees = In diesem Beispiel 5 € für die einfache und 10 € für die erweiterte Meldebescheinigung (Beispielwerte). Maßgeblich ist die Gebührenordnung Ihres Landes oder Ihrer Gemeinde.
certificate-of-registration-legal-basis = § 18 Bundesmeldegesetz (BMG); Verwaltungskostenordnung des Landes

certificate-of-registration-section-applicant = Angaben zu Ihnen
certificate-of-registration-section-certificate = Angaben zur Bescheinigung

certificate-of-registration-page-name = Wie heißen Sie?
certificate-of-registration-F00000045-label = Vorname
certificate-of-registration-F00000013-label = Familienname
certificate-of-registration-F00000014-label = Geburtsname
certificate-of-registration-F00000014-hint = Nur, wenn er sich von Ihrem Familiennamen unterscheidet.
certificate-of-registration-F99000001-label = Wann sind Sie geboren?
certificate-of-registration-F99000001-hint = Zum Beispiel { $example }
certificate-of-registration-F99000001-in-future = Das Geburtsdatum muss in der Vergangenheit liegen
certificate-of-registration-G00000237-label = Wie lautet Ihre Anschrift?
certificate-of-registration-G00000237-hint = Die Anschrift, unter der Sie in der Gemeinde gemeldet sind
certificate-of-registration-G00000040-label = Straße und Hausnummer
certificate-of-registration-F00000053-label = Straße
certificate-of-registration-F00000016-label = Hausnummer
certificate-of-registration-F00000084-label = Hausnummerzusatz
certificate-of-registration-G00000113-label = Ort
certificate-of-registration-F00000054-label = Postleitzahl
certificate-of-registration-F00000035-label = Ort
certificate-of-registration-page-contact = Wie können wir Sie bei Rückfragen erreichen?
certificate-of-registration-page-contact-hint = Wir nutzen diese Angaben nur für Rückfragen zu diesem Antrag.
certificate-of-registration-F99000002-label = E-Mail-Adresse
certificate-of-registration-F99000003-label = Telefonnummer

certificate-of-registration-F99004001-label = Welche Meldebescheinigung brauchen Sie?
certificate-of-registration-F99004001-hint = Die einfache reicht meistens. Die erweiterte enthält weitere Daten aus dem Melderegister, etwa frühere Anschriften, Staatsangehörigkeiten und Familienstand.
certificate-of-registration-kind-simple = Einfache Meldebescheinigung: Name, Doktorgrad, Geburtsdatum und Anschrift
certificate-of-registration-kind-extended = Erweiterte Meldebescheinigung: zusätzlich weitere Daten aus dem Melderegister
certificate-of-registration-F99004002-label = Wofür brauchen Sie die Bescheinigung?
certificate-of-registration-F99004002-hint = Zum Beispiel für den Arbeitgeber, die Bank oder eine Behörde. Die Angabe hilft uns, die richtige Bescheinigung auszustellen.
certificate-of-registration-F99004003-label = Wie möchten Sie die Bescheinigung erhalten?
certificate-of-registration-F99004003-hint = Per Post schicken wir sie an Ihre gemeldete Anschrift.
certificate-of-registration-delivery-post = Per Post an meine gemeldete Anschrift
certificate-of-registration-delivery-pick-up = Ich hole sie im Bürgerbüro ab (bitte Ausweis mitbringen)
certificate-of-registration-page-fee = Ihre Gebühr
certificate-of-registration-F99004004-label = Gebühr
certificate-of-registration-F99004005-label = So wird die Gebühr berechnet
certificate-of-registration-F99004005-text = Einfache Meldebescheinigung 5 €, erweiterte Meldebescheinigung 10 € (Beispielwerte). Sie zahlen mit dem Gebührenbescheid oder bei der Abholung.
