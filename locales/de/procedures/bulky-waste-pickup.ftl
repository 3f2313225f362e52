# Sperrmüllabholung. Mengen, Fristen und Gebührenfreiheit sind Beispielwerte. Lokale Kennungen F99003…, C99003… gelten nur in diesem Verfahren.

bulky-waste-pickup-title = Sperrmüllabholung anmelden
bulky-waste-pickup-keywords = Sperrmüll, Sperrgut, Abholung, Möbel, Matratze, Sofa, Müll, Abfall, Entsorgung
bulky-waste-pickup-summary = Sperrige Gegenstände aus Ihrem Haushalt, die nicht in die Restmülltonne passen, holt die Abfallentsorgung auf Anmeldung bei Ihnen ab.
bulky-waste-pickup-who-may-apply = Private Haushalte in der Gemeinde, die an die Abfallentsorgung angeschlossen sind, auch Mieterinnen und Mieter.
bulky-waste-pickup-need-items = eine Liste, welche Gegenstände abgeholt werden sollen
bulky-waste-pickup-need-volume = eine Schätzung der Menge in Kubikmetern (höchstens 5 m³ je Abholung)
bulky-waste-pickup-need-date = einen Wunschtermin, frühestens in einer Woche
bulky-waste-pickup-need-phone = eine Telefonnummer für Rückfragen am Abholtag
bulky-waste-pickup-duration = Etwa 5 Minuten. Den verbindlichen Abholtermin erhalten Sie in der Regel innerhalb einer Woche.
bulky-waste-pickup-fees = In diesem Beispiel sind zwei Abholungen im Jahr mit je bis zu 5 m³ gebührenfrei (Beispielwerte). Maßgeblich ist die Abfallgebührensatzung Ihrer Gemeinde.
bulky-waste-pickup-legal-basis = § 20 Kreislaufwirtschaftsgesetz (KrWG); Hessisches Ausführungsgesetz zum Kreislaufwirtschaftsgesetz (HAKrWG); Abfallsatzung und Abfallgebührensatzung der Gemeinde

bulky-waste-pickup-section-applicant = Angaben zu Ihnen
bulky-waste-pickup-section-items = Was soll abgeholt werden?
bulky-waste-pickup-section-pickup = Abholung

bulky-waste-pickup-page-name = Wie heißen Sie?
bulky-waste-pickup-F00000045-label = Vorname
bulky-waste-pickup-F00000013-label = Familienname
bulky-waste-pickup-G00000237-label = Wie lautet Ihre Anschrift?
bulky-waste-pickup-G00000237-hint = Die Anschrift, an der der Sperrmüll abgeholt werden soll
bulky-waste-pickup-G00000040-label = Straße und Hausnummer
bulky-waste-pickup-F00000053-label = Straße
bulky-waste-pickup-F00000016-label = Hausnummer
bulky-waste-pickup-F00000084-label = Hausnummerzusatz
bulky-waste-pickup-G00000113-label = Ort
bulky-waste-pickup-F00000054-label = Postleitzahl
bulky-waste-pickup-F00000035-label = Ort

bulky-waste-pickup-page-items = Welche Gegenstände sollen abgeholt werden?
bulky-waste-pickup-F99003001-label = Gegenstände
bulky-waste-pickup-F99003001-hint = Wählen Sie alles aus, was zutrifft.
bulky-waste-pickup-item-furniture = Möbel, zum Beispiel Schrank, Tisch, Regal (bitte zerlegt)
bulky-waste-pickup-item-upholstered-furniture = Polstermöbel, zum Beispiel Sofa oder Sessel
bulky-waste-pickup-item-mattresses = Matratzen und Lattenroste
bulky-waste-pickup-item-carpets = Teppiche und Teppichböden (gerollt und gebündelt)
bulky-waste-pickup-item-garden-furniture = Gartenmöbel
bulky-waste-pickup-item-prams-toys = Kinderwagen und großes Spielzeug
bulky-waste-pickup-item-other = Andere sperrige Gegenstände
bulky-waste-pickup-F99003002-label = Welche anderen Gegenstände?
bulky-waste-pickup-F99003002-hint = Zum Beispiel Wäschekorb, Koffer, Bürostuhl
bulky-waste-pickup-F99003003-label = Was nicht zum Sperrmüll gehört
bulky-waste-pickup-F99003003-text = Elektrogeräte, Bauschutt, Fenster und Türen, Sanitärteile, Autoteile und Reifen, Farben und Gartenabfälle nehmen wir mit dem Sperrmüll nicht mit. Bringen Sie diese zum Wertstoffhof oder melden Sie sie gesondert an.
bulky-waste-pickup-F99003004-label = Wie viel Sperrmüll ist es ungefähr, in Kubikmetern?
bulky-waste-pickup-F99003004-hint = Ein Kubikmeter ist ein Würfel von 1 m × 1 m × 1 m, etwa ein zerlegter Kleiderschrank. Ein Sofa sind etwa 2 m³.
bulky-waste-pickup-F99003004-over-limit = Je Abholung nehmen wir höchstens 5 m³ mit. Melden Sie für mehr eine zweite Abholung an oder bestellen Sie einen Container.

bulky-waste-pickup-page-date = Wann soll der Sperrmüll abgeholt werden?
bulky-waste-pickup-page-date-hint = Wir versuchen, Ihren Wunsch zu erfüllen. Den verbindlichen Termin teilen wir Ihnen mit.
bulky-waste-pickup-F99003005-label = Wunschtermin
bulky-waste-pickup-F99003005-hint = Frühestens in 7 Tagen, spätestens in 90 Tagen. Zum Beispiel { $example }
bulky-waste-pickup-F99003006-label = Ausweichtermin
bulky-waste-pickup-F99003006-hint = Ein zweiter Termin, der Ihnen auch passt.
bulky-waste-pickup-F99003006-same-day = Der Ausweichtermin muss ein anderer Tag als der Wunschtermin sein
bulky-waste-pickup-page-placement = Wo stellen Sie den Sperrmüll bereit?
bulky-waste-pickup-F99003007-label = Ort der Bereitstellung
bulky-waste-pickup-F99003007-hint = Stellen Sie den Sperrmüll am Abholtag bis 6 Uhr bereit, so dass er Gehweg und Straße nicht versperrt.
bulky-waste-pickup-placement-kerb = Am Straßenrand vor dem Haus
bulky-waste-pickup-placement-entrance = An der Grundstückseinfahrt oder im Hof, frei zugänglich
bulky-waste-pickup-placement-other = An einer anderen Stelle
bulky-waste-pickup-F99003008-label = Beschreiben Sie die Stelle
bulky-waste-pickup-F99003008-hint = Zum Beispiel: hinter dem Tor links, neben den Mülltonnen
bulky-waste-pickup-page-contact = Wie erreichen wir Sie am Abholtag?
bulky-waste-pickup-F99000002-label = E-Mail-Adresse
bulky-waste-pickup-F99000003-label = Telefonnummer
bulky-waste-pickup-page-contact-hint = Wir rufen nur an, wenn es Rückfragen zur Abholung gibt.
