# Hundesteuer – Anmeldung. Die Beträge sind Beispielwerte, keine Satzung einer Gemeinde.

dog-tax-registration-title = Hund zur Hundesteuer anmelden
dog-tax-registration-keywords = Hundesteuer, Hund, Hundeanmeldung, Listenhund, Kampfhund, Steuer
dog-tax-registration-summary = Wenn Sie einen Hund halten, müssen Sie ihn bei Ihrer Gemeinde zur Hundesteuer anmelden.
dog-tax-registration-who-may-apply = Jede Person, die in der Gemeinde wohnt und einen Hund hält, der älter als drei Monate ist.
dog-tax-registration-need-dogs = Name, Rasse und das Datum, seit dem Sie jeden Hund halten
dog-tax-registration-need-iban = Ihre IBAN, wenn die Steuer per Lastschrift eingezogen werden soll
dog-tax-registration-need-insurance = für einen gefährlichen Hund (Listenhund): den Nachweis der Haftpflichtversicherung als PDF, JPEG oder PNG (höchstens 5 MB)
dog-tax-registration-duration = Etwa 5 Minuten. Den Steuerbescheid erhalten Sie in der Regel innerhalb von 4 Wochen.
dog-tax-registration-fees = Die Anmeldung ist gebührenfrei. Die Hundesteuer beträgt in diesem Beispiel 96 € im Jahr für den ersten Hund und 156 € für jeden weiteren.
dog-tax-registration-legal-basis = Hundesteuersatzung der Gemeinde; § 7 Abs. 2 Hessisches Gesetz über kommunale Abgaben (KAG)

dog-tax-registration-section-keeper = Angaben zur Halterin oder zum Halter
dog-tax-registration-section-dogs = Angaben zu den Hunden
dog-tax-registration-section-payment = Steuer und Zahlung

dog-tax-registration-page-name = Wie heißen Sie?
dog-tax-registration-F00000045-label = Vorname
dog-tax-registration-F00000013-label = Familienname
dog-tax-registration-F99000001-label = Wann sind Sie geboren?
dog-tax-registration-F99000001-hint = Zum Beispiel { $example }
dog-tax-registration-F99000001-in-future = Das Geburtsdatum muss in der Vergangenheit liegen
dog-tax-registration-G00000237-label = Wie lautet Ihre Anschrift?
dog-tax-registration-G00000237-hint = Die Anschrift, unter der Sie mit dem Hund wohnen
dog-tax-registration-G00000040-label = Straße und Hausnummer
dog-tax-registration-F00000053-label = Straße
dog-tax-registration-F00000016-label = Hausnummer
dog-tax-registration-F00000084-label = Hausnummerzusatz
dog-tax-registration-G00000113-label = Ort
dog-tax-registration-F00000054-label = Postleitzahl
dog-tax-registration-F00000035-label = Ort
dog-tax-registration-page-contact = Wie können wir Sie bei Rückfragen erreichen?
dog-tax-registration-page-contact-hint = Wir nutzen diese Angaben nur für Rückfragen zu diesem Antrag.
dog-tax-registration-F99000002-label = E-Mail-Adresse
dog-tax-registration-F99000003-label = Telefonnummer

dog-tax-registration-F99000004-label = Ab wann halten Sie den Hund oder die Hunde in unserer Gemeinde?
dog-tax-registration-F99000004-hint = Die Steuerpflicht beginnt mit dem Monat nach diesem Datum. Zum Beispiel { $example }
dog-tax-registration-G99000001-label = Ihre Hunde
dog-tax-registration-G99000001-hint = Geben Sie jeden Hund an, den Sie halten (höchstens 5 in diesem Antrag).
dog-tax-registration-G99000001-instance = { $number }. Hund
    .remove = { $number }. Hund entfernen
dog-tax-registration-G99000001-add = Weiteren Hund hinzufügen
dog-tax-registration-F99000005-label = Name des Hundes
dog-tax-registration-F99000006-label = Rasse
dog-tax-registration-F99000006-hint = Bei Mischlingen wählen Sie „Mischling“.
dog-tax-registration-F99000007-label = Seit wann halten Sie diesen Hund?
dog-tax-registration-F99000007-hint = Zum Beispiel { $example }
dog-tax-registration-F99000007-after-start = Das Datum, seit dem Sie den Hund halten, darf nicht nach dem Beginn der Hundehaltung in der Gemeinde liegen
dog-tax-registration-F99000008-label = Ist dieser Hund ein gefährlicher Hund (Listenhund)?
dog-tax-registration-F99000008-hint = Gefährliche Hunde sind in der Gefahrenabwehrverordnung über das Halten und Führen von Hunden (HundeVO) aufgeführt.
dog-tax-registration-F99000008-listed-breed = Diese Rasse gilt als gefährlicher Hund. Wählen Sie „Ja“
dog-tax-registration-F99000009-label = Haben Sie die Erlaubnis zum Halten eines gefährlichen Hundes?
dog-tax-registration-F99000009-hint = Die Erlaubnis erteilt das Ordnungsamt.
dog-tax-registration-F00000600-label = Nachweis der Haftpflichtversicherung
dog-tax-registration-F00000600-hint = Für einen gefährlichen Hund ist eine Haftpflichtversicherung Pflicht. PDF, JPEG oder PNG, höchstens 5 MB.

dog-tax-registration-page-fee = Ihre Hundesteuer
dog-tax-registration-F99000010-label = Hundesteuer im Jahr
dog-tax-registration-F99000011-label = So wird die Steuer berechnet
dog-tax-registration-F99000011-text = Für den ersten Hund 96 € im Jahr, für jeden weiteren Hund 156 € im Jahr (Beispielwerte). Den verbindlichen Betrag nennt Ihnen der Steuerbescheid.
dog-tax-registration-page-payment = Wie möchten Sie zahlen?
dog-tax-registration-F99000012-label = Soll die Hundesteuer per Lastschrift von Ihrem Konto eingezogen werden?
dog-tax-registration-F99000012-hint = Sonst überweisen Sie den Betrag selbst zu den Fälligkeiten im Steuerbescheid.
dog-tax-registration-F99000013-label = Name der Kontoinhaberin oder des Kontoinhabers
dog-tax-registration-F99000014-label = IBAN
dog-tax-registration-F99000014-hint = Zum Beispiel { $example }

dog-tax-registration-exit-permit-title = Sie können den gefährlichen Hund noch nicht online anmelden
dog-tax-registration-exit-permit-body = Für einen gefährlichen Hund brauchen Sie zuerst die Erlaubnis des Ordnungsamts. Beantragen Sie die Erlaubnis persönlich beim Ordnungsamt. Sobald Sie sie haben, können Sie den Hund hier anmelden.

dog-tax-registration-breed-mixed-breed = Mischling
dog-tax-registration-breed-labrador-retriever = Labrador Retriever
dog-tax-registration-breed-german-shepherd = Deutscher Schäferhund
dog-tax-registration-breed-dachshund = Dackel
dog-tax-registration-breed-golden-retriever = Golden Retriever
dog-tax-registration-breed-jack-russell-terrier = Jack Russell Terrier
dog-tax-registration-breed-american-staffordshire-terrier = American Staffordshire Terrier
dog-tax-registration-breed-pit-bull-terrier = Pitbull-Terrier
dog-tax-registration-breed-staffordshire-bull-terrier = Staffordshire-Bullterrier
dog-tax-registration-breed-bullterrier = Bullterrier
dog-tax-registration-breed-other = Andere Rasse
