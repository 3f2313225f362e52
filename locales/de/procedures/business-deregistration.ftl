# Gewerbeabmeldung nach § 14 GewO, angelehnt an den Vordruck GewA 3 (Anlage 3 der
# Gewerbeanzeigeverordnung).

business-deregistration-title = Gewerbe abmelden
business-deregistration-keywords = Gewerbeabmeldung, Gewerbe, abmelden, Betriebsaufgabe, Geschäftsaufgabe, GewA 3, Betrieb schließen, Verlegung, Umzug, Übergabe
business-deregistration-summary = Wenn Sie Ihren Betrieb aufgeben, ihn in eine andere Gemeinde verlegen oder jemand anderes ihn übernimmt, müssen Sie das Gewerbe bei uns abmelden.
business-deregistration-who-may-apply = Die Inhaberin oder der Inhaber des Betriebs, bei einer Gesellschaft die gesetzliche Vertretung. Die Abmeldung ist auch nach der Aufgabe noch möglich; melden Sie bitte möglichst sofort ab.
business-deregistration-need-registration = die Anschrift des Betriebs und die angemeldete Tätigkeit, wie in Ihrer Gewerbeanmeldung
business-deregistration-need-end-date = den Tag, an dem Sie den Betrieb aufgeben
business-deregistration-need-employees = die Zahl der Beschäftigten zum Zeitpunkt der Aufgabe
business-deregistration-duration = Etwa 10 Minuten. Die Bestätigung der Abmeldung erhalten Sie in der Regel innerhalb von einer Woche.
business-deregistration-fees = In vielen Gemeinden ist die Abmeldung gebührenfrei. Wenn Ihre Gemeinde eine Gebühr erhebt, nennt sie der Bescheid.
business-deregistration-legal-basis = § 14 Abs. 1 Satz 2 Nr. 3 Gewerbeordnung (GewO); Gewerbeanzeigeverordnung (GewAnzV)

business-deregistration-section-operator = Angaben zur Inhaberin oder zum Inhaber
business-deregistration-section-business = Angaben zum Betrieb
business-deregistration-section-closure = Abmeldung

business-deregistration-F99000010-label = Wer hat das Gewerbe angemeldet?
business-deregistration-operator-natural-person = Ich selbst, als Einzelunternehmerin oder Einzelunternehmer (natürliche Person)
business-deregistration-operator-legal-entity = Eine Gesellschaft oder ein Verein, die ich vertrete (juristische Person, zum Beispiel GmbH oder UG)
business-deregistration-page-company = Angaben zur Gesellschaft
business-deregistration-F00000112-label = Name der Gesellschaft
business-deregistration-F99000011-label = Registernummer
business-deregistration-F99000011-hint = Wenn die Gesellschaft in einem Register steht, zum Beispiel { $example }
business-deregistration-F99000011-pattern = Geben Sie die Registernummer mit der Registerart ein, zum Beispiel HRB 12345 oder VR 678
business-deregistration-page-name = Wie heißen Sie?
business-deregistration-F00000045-label = Vorname
business-deregistration-F00000013-label = Familienname
business-deregistration-F99000001-label = Wann sind Sie geboren?
business-deregistration-F99000001-hint = Zum Beispiel { $example }
business-deregistration-F99000001-in-future = Das Geburtsdatum muss in der Vergangenheit liegen
business-deregistration-G00000237-label = Wo wohnen Sie?
business-deregistration-G00000237-hint = Ihre Wohnanschrift
business-deregistration-G00000040-label = Straße und Hausnummer
business-deregistration-F00000053-label = Straße
business-deregistration-F00000016-label = Hausnummer
business-deregistration-F00000084-label = Hausnummerzusatz
business-deregistration-G00000113-label = Ort
business-deregistration-F00000054-label = Postleitzahl
business-deregistration-F00000035-label = Ort
business-deregistration-page-contact = Wie können wir Sie bei Rückfragen erreichen?
business-deregistration-page-contact-hint = Wir nutzen diese Angaben nur für Rückfragen zu diesem Antrag.
business-deregistration-F99000002-label = E-Mail-Adresse
business-deregistration-F99000003-label = Telefonnummer

business-deregistration-G99000001-label = Wo liegt der Betrieb, den Sie abmelden?
business-deregistration-G99000001-hint = Die Anschrift der Betriebsstätte, wie in der Gewerbeanmeldung
business-deregistration-F99000020-label = Welche Tätigkeit haben Sie angemeldet?
business-deregistration-F99000020-hint = Wie in Ihrer Gewerbeanmeldung, zum Beispiel „Einzelhandel mit Fahrrädern“
business-deregistration-F99000021-label = Seit wann war das Gewerbe angemeldet?
business-deregistration-F99000021-hint = Der Beginn laut Gewerbeanmeldung, zum Beispiel { $example }
business-deregistration-F99000022-label = Welche Art von Betriebsstätte melden Sie ab?
business-deregistration-establishment-main = Hauptniederlassung (der Sitz des Betriebs)
business-deregistration-establishment-branch = Zweigniederlassung (ein weiterer Standort mit eigener Leitung)
business-deregistration-establishment-dependent-branch = unselbstständige Zweigstelle (ein weiterer Standort ohne eigene Leitung)

business-deregistration-F99000030-label = Warum melden Sie das Gewerbe ab?
business-deregistration-F99000030-hint = Wählen Sie den Grund, der am besten passt.
business-deregistration-page-closing-cause = Aufgabe des Betriebs
business-deregistration-F99000031-label = Aus welchem Grund geben Sie den Betrieb auf?
business-deregistration-F99000031-hint = Wir brauchen diese Angabe für die Gewerbestatistik.
business-deregistration-F99000032-label = Welcher andere Grund?
business-deregistration-F99000033-label = Wer übernimmt den Betrieb?
business-deregistration-F99000033-hint = Name der Person oder Firma. Sie oder er muss das Gewerbe selbst neu anmelden.
business-deregistration-G99000002-label = Wohin zieht der Betrieb?
business-deregistration-G99000002-hint = Melden Sie das Gewerbe dort neu an.
business-deregistration-F99000034-label = An welchem Tag geben Sie den Betrieb auf?
business-deregistration-F99000034-hint = Zum Beispiel { $example }
business-deregistration-F99000034-too-late = Sie können das Gewerbe höchstens 4 Wochen im Voraus abmelden, also für einen Tag am oder vor dem { $date }
business-deregistration-F99000034-before-start = Die Aufgabe kann nicht vor dem Beginn des Gewerbes liegen
business-deregistration-page-employees = Wie viele Personen haben bei der Aufgabe in dem Betrieb gearbeitet?
business-deregistration-page-employees-hint = Ohne Sie selbst. Geben Sie 0 ein, wenn Sie allein gearbeitet haben.
business-deregistration-F99000035-label = Vollzeit
business-deregistration-F99000036-label = Teilzeit
business-deregistration-F99000037-label = Beschäftigte insgesamt
business-deregistration-F99000038-label = Sind Ihre Angaben richtig und vollständig?
business-deregistration-F99000038-hint = Wer eine Gewerbeanzeige falsch oder unvollständig erstattet, handelt ordnungswidrig (§ 146 GewO).
business-deregistration-F99000038-must-confirm = Sie können die Abmeldung nur senden, wenn Ihre Angaben richtig und vollständig sind. Wählen Sie „Ja“

business-deregistration-exit-re-registration-instead-title = Sie brauchen eine Gewerbeummeldung
business-deregistration-exit-re-registration-instead-body = Wenn der Betrieb innerhalb unserer Gemeinde umzieht, melden Sie das Gewerbe nicht ab, sondern um (Vordruck GewA 2). Das geht höchstens 4 Wochen vorher und spätestens am Tag des Umzugs bei der Gewerbemeldestelle.

business-deregistration-reason-closing = Ich gebe den Betrieb ganz auf
business-deregistration-reason-moving-away = Der Betrieb zieht in eine andere Gemeinde
business-deregistration-reason-transfer = Jemand anderes übernimmt den Betrieb (Verkauf, Verpachtung, Erbfolge)
business-deregistration-reason-legal-form-change = Die Rechtsform ändert sich, zum Beispiel von Einzelunternehmen zu GmbH
business-deregistration-reason-partner-leaving = Ich scheide als Gesellschafterin oder Gesellschafter aus
business-deregistration-reason-merger = Der Betrieb wird umgewandelt, zum Beispiel verschmolzen oder gespalten
business-deregistration-reason-moving-within = Der Betrieb zieht innerhalb unserer Gemeinde um
business-deregistration-cause-economic = wirtschaftliche Gründe
business-deregistration-cause-insolvency = Insolvenzverfahren
business-deregistration-cause-retirement = Ruhestand
business-deregistration-cause-health = gesundheitliche Gründe
business-deregistration-cause-other = ein anderer Grund
