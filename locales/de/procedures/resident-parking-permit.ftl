# Bewohnerparkausweis. Die Gebühr und die Zonen sind Beispielwerte. Lokale Kennungen F99002…, C99002… gelten nur in diesem Verfahren.

resident-parking-permit-title = Bewohnerparkausweis beantragen
resident-parking-permit-keywords = Bewohnerparkausweis, Anwohnerparken, Parkausweis, Bewohnerparken, Parkzone, Auto, parken, Parkvignette
resident-parking-permit-summary = Wenn Sie in einer Bewohnerparkzone wohnen, können Sie mit einem Bewohnerparkausweis in Ihrer Zone parken.
resident-parking-permit-who-may-apply = Personen, die mit ihrer Hauptwohnung in einer Bewohnerparkzone der Gemeinde gemeldet sind und ein Fahrzeug halten oder dauerhaft nutzen. Je Person gibt es einen Ausweis für ein Fahrzeug.
resident-parking-permit-need-registration = die Zulassungsbescheinigung Teil I (Fahrzeugschein) als PDF, JPEG oder PNG (höchstens 5 MB)
resident-parking-permit-need-proof-of-use = wenn das Fahrzeug nicht auf Sie zugelassen ist: einen Nachweis, dass Sie es dauerhaft nutzen, etwa eine Bestätigung des Arbeitgebers oder der Halterin oder des Halters
resident-parking-permit-need-zone = die Bewohnerparkzone, in der Sie wohnen; sie steht auf den Schildern in Ihrer Straße
resident-parking-permit-duration = Etwa 5 Minuten. Den Ausweis erhalten Sie in der Regel innerhalb von 2 Wochen per Post.
resident-parking-permit-fees = In diesem Beispiel 30,60 € je Jahr; Sie wählen 1 oder 2 Jahre. Die Beträge sind Beispielwerte; maßgeblich ist die Gebührenordnung Ihres Landes oder Ihrer Gemeinde.
resident-parking-permit-legal-basis = § 45 Abs. 1b Satz 1 Nr. 2a Straßenverkehrs-Ordnung (StVO); Gebührenordnung für Maßnahmen im Straßenverkehr (GebOSt) oder die Gebührenordnung des Landes nach § 6a Abs. 5a Straßenverkehrsgesetz (StVG)

resident-parking-permit-section-applicant = Angaben zu Ihnen
resident-parking-permit-section-vehicle = Angaben zum Fahrzeug
resident-parking-permit-section-fee = Gültigkeit und Gebühr

resident-parking-permit-F99002001-label = Sind Sie mit Ihrer Hauptwohnung in unserer Gemeinde gemeldet?
resident-parking-permit-F99002001-hint = Die Hauptwohnung ist die Wohnung, die Sie überwiegend nutzen. Sie steht in Ihrer Meldebescheinigung.
resident-parking-permit-page-name = Wie heißen Sie?
resident-parking-permit-F00000045-label = Vorname
resident-parking-permit-F00000013-label = Familienname
resident-parking-permit-F99000001-label = Wann sind Sie geboren?
resident-parking-permit-F99000001-hint = Zum Beispiel { $example }
resident-parking-permit-F99000001-in-future = Das Geburtsdatum muss in der Vergangenheit liegen
resident-parking-permit-G00000237-label = Wie lautet Ihre Anschrift?
resident-parking-permit-G00000237-hint = Ihre gemeldete Anschrift in der Bewohnerparkzone
resident-parking-permit-G00000040-label = Straße und Hausnummer
resident-parking-permit-F00000053-label = Straße
resident-parking-permit-F00000016-label = Hausnummer
resident-parking-permit-F00000084-label = Hausnummerzusatz
resident-parking-permit-G00000113-label = Ort
resident-parking-permit-F00000054-label = Postleitzahl
resident-parking-permit-F00000035-label = Ort
resident-parking-permit-F99002002-label = In welcher Bewohnerparkzone wohnen Sie?
resident-parking-permit-F99002002-hint = Die Zone steht auf den Schildern „Bewohner mit Parkausweis Nr. …“ in Ihrer Straße und im Zonenplan der Gemeinde. Die Zonen hier sind Beispiele.
resident-parking-permit-page-contact = Wie können wir Sie bei Rückfragen erreichen?
resident-parking-permit-page-contact-hint = Wir nutzen diese Angaben nur für Rückfragen zu diesem Antrag.
resident-parking-permit-F99000002-label = E-Mail-Adresse
resident-parking-permit-F99000003-label = Telefonnummer

resident-parking-permit-page-vehicle = Für welches Fahrzeug beantragen Sie den Ausweis?
resident-parking-permit-F99002003-label = Amtliches Kennzeichen
resident-parking-permit-F99002003-hint = Zum Beispiel { $example }
resident-parking-permit-F99002003-pattern = Geben Sie das Kennzeichen so an, wie es auf dem Nummernschild steht, zum Beispiel KS-AB 123
resident-parking-permit-F99002004-label = Ist das Fahrzeug auf Sie zugelassen?
resident-parking-permit-F99002004-hint = Sie sind dann in der Zulassungsbescheinigung als Halterin oder Halter eingetragen.
resident-parking-permit-page-documents = Nachweise zum Fahrzeug
resident-parking-permit-F99002005-label = Zulassungsbescheinigung Teil I (Fahrzeugschein)
resident-parking-permit-F99002005-hint = Ein Foto oder Scan der Vorderseite. PDF, JPEG oder PNG, höchstens 5 MB.
resident-parking-permit-F00000600-label = Nachweis der dauerhaften Nutzung
resident-parking-permit-F00000600-hint = Nur nötig, wenn das Fahrzeug nicht auf Sie zugelassen ist: zum Beispiel die Bestätigung Ihres Arbeitgebers für einen Dienstwagen oder eine Erklärung der Halterin oder des Halters. PDF, JPEG oder PNG, höchstens 5 MB.

resident-parking-permit-F99002006-label = Für wie lange soll der Ausweis gelten?
resident-parking-permit-F99002006-hint = Ziehen Sie vorher um oder wechseln Sie das Fahrzeug, beantragen Sie einen neuen Ausweis.
resident-parking-permit-duration-1 = 1 Jahr
resident-parking-permit-duration-2 = 2 Jahre
resident-parking-permit-page-fee = Ihre Gebühr
resident-parking-permit-F99002007-label = Gebühr
resident-parking-permit-F99002008-label = So wird die Gebühr berechnet
resident-parking-permit-F99002008-text = 30,60 € für jedes Jahr, für das der Ausweis gilt (Beispielwerte). Sie zahlen die Gebühr nach Erhalt des Gebührenbescheids.

resident-parking-permit-exit-residence-title = Sie können keinen Bewohnerparkausweis bekommen
resident-parking-permit-exit-residence-body = Einen Bewohnerparkausweis gibt es nur für Personen, die mit ihrer Hauptwohnung in der Bewohnerparkzone gemeldet sind. Wenn Sie gerade umziehen, melden Sie zuerst Ihre neue Wohnung an. Für Besuch, Pflegedienste oder Handwerksbetriebe fragen Sie bei der Straßenverkehrsbehörde nach einer Ausnahmegenehmigung.

resident-parking-permit-zone-A = Zone A – Innenstadt (Beispiel)
resident-parking-permit-zone-B = Zone B – Vorderer Westen (Beispiel)
resident-parking-permit-zone-C = Zone C – Nord (Beispiel)
resident-parking-permit-zone-D = Zone D – Wehlheiden (Beispiel)
resident-parking-permit-zone-E = Zone E – Unterneustadt (Beispiel)
