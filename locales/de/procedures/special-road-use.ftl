# Sondernutzung öffentlicher Straßen. Gebührensätze und Mindestgebühr sind Beispielwerte,
# keine Satzung einer Gemeinde.

special-road-use-title = Straße oder Gehweg nutzen: Sondernutzung beantragen
special-road-use-keywords = Sondernutzung, Sondernutzungserlaubnis, Container, Mulde, Gerüst, Baustelle, Verkaufsstand, Außengastronomie, Straßenfest, Infostand, Gehweg, Straße
special-road-use-summary = Wenn Sie eine öffentliche Straße, einen Gehweg oder Platz für mehr als den normalen Verkehr nutzen wollen, zum Beispiel für einen Container, ein Gerüst oder einen Verkaufsstand, brauchen Sie eine Sondernutzungserlaubnis.
special-road-use-who-may-apply = Jede Person, Firma oder jeder Verein, die oder der eine Fläche im öffentlichen Straßenraum unserer Gemeinde nutzen will.
special-road-use-need-place = die genaue Stelle und die Größe der Fläche in Quadratmetern
special-road-use-need-dates = den ersten und den letzten Tag der Nutzung
special-road-use-need-sketch = für größere Flächen oder auf der Fahrbahn: eine Skizze als PDF, JPEG oder PNG (höchstens 10 MB)
special-road-use-duration = Etwa 10 Minuten. Stellen Sie den Antrag mindestens 2 Wochen vor Beginn; die Erlaubnis erhalten Sie in der Regel innerhalb von 2 Wochen.
special-road-use-fees = In diesem Beispiel je Quadratmeter und Tag 1 € für Container, Gerüste und Baustellen, 2 € für Verkaufsstände und Außengastronomie, 0,50 € für alles andere, mindestens 25 € (Beispielwerte). Den verbindlichen Betrag nennt der Bescheid nach der Sondernutzungssatzung.
special-road-use-legal-basis = § 16 Hessisches Straßengesetz (HStrG); § 8 Bundesfernstraßengesetz (FStrG) für Ortsdurchfahrten von Bundesstraßen; Sondernutzungssatzung der Gemeinde

special-road-use-section-use = Art, Zeit und Ort der Nutzung
special-road-use-section-applicant = Angaben zu Ihnen
special-road-use-section-fee = Gebühr und Erklärung

special-road-use-page-purpose = Wofür wollen Sie die Fläche nutzen?
special-road-use-F99000011-label = Art der Nutzung
special-road-use-F99000012-label = Beschreiben Sie die Nutzung
special-road-use-F99000012-hint = Nötig, wenn Sie „Etwas anderes“ gewählt haben. Zum Beispiel „Aufstellen eines Weihnachtsbaums mit Beleuchtung“.

special-road-use-page-dates = Wann wollen Sie die Fläche nutzen?
special-road-use-page-dates-hint = Einschließlich Auf- und Abbau
special-road-use-F99000013-label = Erster Tag
special-road-use-F99000013-hint = Frühestens in 2 Wochen, zum Beispiel { $example }
special-road-use-F99000013-too-early = Wir brauchen mindestens 2 Wochen, um den Antrag zu prüfen. Wählen Sie einen Tag am oder nach dem { $date }
special-road-use-F99000014-label = Letzter Tag
special-road-use-F99000014-hint = Zum Beispiel { $example }
special-road-use-F99000014-before-start = Der letzte Tag darf nicht vor dem ersten Tag liegen
special-road-use-F99000015-label = An wie vielen Tagen nutzen Sie die Fläche?
special-road-use-F99000015-hint = Zählen Sie jeden Tag, an dem die Fläche belegt ist, auch Wochenenden. Bei einem Verkaufsstand nur an Markttagen sind es nur diese Tage.
special-road-use-F99000015-one-day = Erster und letzter Tag sind gleich. Geben Sie 1 Tag an

special-road-use-page-place = Wo wollen Sie die Fläche nutzen?
special-road-use-G99000002-label = Stelle
special-road-use-G99000002-hint = Die Straße und die Hausnummer, vor der die Fläche liegt
special-road-use-F00000053-label = Straße
special-road-use-F00000016-label = Hausnummer
special-road-use-F00000016-place-hint = Wenn es keine gibt, lassen Sie das Feld leer.
special-road-use-F00000084-label = Hausnummerzusatz
special-road-use-F99000016-label = Welche Fläche nutzen Sie?
special-road-use-F99000017-label = Größe der Fläche in Quadratmetern
special-road-use-F99000017-hint = Länge mal Breite. Zum Beispiel ist ein Container mit 5 m mal 2,5 m 12,5 m².
special-road-use-F99000018-label = Skizze der Fläche
special-road-use-F99000018-hint = Zeichnen Sie ein, wo die Fläche liegt und wie groß sie ist. Sie ist für mehr als 20 m² und auf der Fahrbahn erforderlich. PDF, JPEG oder PNG, höchstens 10 MB.

special-road-use-F99000010-label = Für wen stellen Sie den Antrag?
special-road-use-applicant-person = Für mich selbst
special-road-use-applicant-organisation = Für eine Firma, einen Verein oder eine andere Organisation
special-road-use-F00000112-label = Wie heißt die Firma oder Organisation?
special-road-use-F00000112-hint = Zum Beispiel „Muster Gerüstbau GmbH“
special-road-use-page-name = Wie heißen Sie?
special-road-use-F00000045-label = Vorname
special-road-use-F00000013-label = Familienname
special-road-use-G00000237-label = Wie lautet Ihre Anschrift?
special-road-use-G00000237-hint = An diese Anschrift schicken wir die Erlaubnis und den Gebührenbescheid
special-road-use-G00000040-label = Straße und Hausnummer
special-road-use-G00000113-label = Ort
special-road-use-F00000054-label = Postleitzahl
special-road-use-F00000035-label = Ort
special-road-use-page-contact = Wie können wir Sie bei Rückfragen erreichen?
special-road-use-page-contact-hint = Wir nutzen diese Angaben nur für Rückfragen zu diesem Antrag.
special-road-use-F99000002-label = E-Mail-Adresse
special-road-use-F99000003-label = Telefonnummer

special-road-use-page-fee = Ihre Gebühr
special-road-use-F99000020-label = Gebühr je Quadratmeter und Tag in Euro
special-road-use-F99000021-label = Voraussichtliche Sondernutzungsgebühr
special-road-use-F99000022-label = So wird die Gebühr berechnet
special-road-use-F99000022-text = Tage mal Quadratmeter mal Gebühr je Quadratmeter und Tag, mindestens 25 € (Beispielwerte). Den verbindlichen Betrag nennt der Bescheid.
special-road-use-F99000023-label = Sorgen Sie dafür, dass die Fläche gesichert ist und nach der Nutzung sauber übergeben wird?
special-road-use-F99000023-hint = Sie sind für die Sicherheit auf der Fläche verantwortlich, zum Beispiel für Absperrung, Beleuchtung bei Dunkelheit und einen freien Durchgang für Fußgänger.
special-road-use-F99000023-must-confirm = Wir können die Erlaubnis nur erteilen, wenn Sie die Fläche sichern. Wählen Sie „Ja“

special-road-use-exit-traffic-order-needed-title = Für ein Halteverbot brauchen Sie eine verkehrsrechtliche Anordnung
special-road-use-exit-traffic-order-needed-body = Ein vorübergehendes Halteverbot für einen Umzug ist keine Sondernutzung. Beantragen Sie es bei der Straßenverkehrsbehörde als verkehrsrechtliche Anordnung (§ 45 Straßenverkehrs-Ordnung), mindestens 2 Wochen vorher. Oft stellt eine Umzugsfirma den Antrag für Sie.

special-road-use-purpose-container = Container oder Mulde
special-road-use-purpose-scaffolding = Gerüst
special-road-use-purpose-building-site = Baustelleneinrichtung, Kran oder Materiallager
special-road-use-purpose-market-stall = Verkaufsstand
special-road-use-purpose-outdoor-seating = Tische und Stühle vor einem Lokal
special-road-use-purpose-event = Straßenfest oder andere Veranstaltung
special-road-use-purpose-information-stand = Informationsstand
special-road-use-purpose-other = Etwas anderes
special-road-use-purpose-no-parking-zone = Halteverbot für einen Umzug
special-road-use-surface-footway = Gehweg
special-road-use-surface-parking = Parkstreifen oder Parkplatz
special-road-use-surface-roadway = Fahrbahn
special-road-use-surface-square = Platz oder Fußgängerzone
