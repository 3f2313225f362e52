# Errors that cross from Rust to the UI: the message id is the error's code.
error-unknown-locale = Diese Sprache ist in { -brand-name } nicht verfügbar. Bitte wählen Sie eine Sprache aus der Liste.
error-settings-save = Ihre Einstellung konnte nicht gespeichert werden ({ $reason }). Prüfen Sie, ob auf dem Datenträger Platz ist, und versuchen Sie es erneut.
error-internal = Ein unerwarteter Fehler ist aufgetreten. Bitte starten Sie { -brand-name } neu.
error-invalid-request = Die Anfrage der Oberfläche war ungültig ({ $reason }).
error-unknown-draft = Dieser Antrag ist nicht (mehr) vorhanden. Bitte beginnen Sie ihn neu.
error-unknown-municipality = Diese Gemeinde ist nicht (mehr) im Verzeichnis. Bitte wählen Sie Ihre Gemeinde aus der Liste.
error-attachment-type = Diese Datei kann nicht angehängt werden: Ihr Inhalt ist keine der erlaubten Dateiarten ({ $reason }).
error-attachment-size = Diese Datei ist zu groß. Erlaubt sind höchstens { $reason }.
error-attachment-unreadable = Die Datei konnte nicht gelesen werden ({ $reason }).
error-file-dialog = Das Fenster zur Dateiauswahl konnte nicht geöffnet werden ({ $reason }).
error-keychain-unavailable = Auf diesem Computer ist kein Schlüsselbund erreichbar (etwa GNOME-Schlüsselbund oder KWallet), der den Schlüssel zu Ihren Entwürfen aufbewahren kann.
error-keychain-locked = Ihr Schlüsselbund ist gesperrt. Sobald Sie ihn entsperren (meist mit Ihrem Anmeldepasswort), öffnet { -brand-name } Ihre Entwürfe; bis dahin werden sie nicht gespeichert.
error-keychain-denied = Der Schlüsselbund hat { -brand-name } den Zugriff verweigert. Erlauben Sie den Zugriff und wählen Sie unter „Einstellungen“, „Meine Daten“ „Erneut versuchen“. Bis dahin werden Ihre Entwürfe nicht gespeichert.
error-vault-key-missing = Der Schlüssel zu Ihren gespeicherten Entwürfen fehlt im Schlüsselbund. Ihre Entwürfe sind unverändert. Unter „Einstellungen“, „Meine Daten“ holen Sie sie mit Ihrem Wiederherstellungscode zurück oder importieren einen Export.
error-vault-wrong-key = Der Schlüssel im Schlüsselbund passt nicht zu Ihren gespeicherten Entwürfen. Ihre Entwürfe sind unverändert. Unter „Einstellungen“, „Meine Daten“ holen Sie sie mit Ihrem Wiederherstellungscode zurück oder importieren einen Export.
error-vault-damaged = Dieser Entwurf ist beschädigt oder wurde verändert und kann nicht geöffnet werden ({ $reason }). Ihre anderen Entwürfe sind davon nicht betroffen.
error-vault-versions-changed = { -brand-name } kann nicht belegen, dass dies die neueste Fassung des Entwurfs ist. Unter „Meine Entwürfe“ können Sie Ihre Entwürfe so behalten, wie sie jetzt sind.
error-vault-disk-full = Der Entwurf konnte nicht gespeichert werden: Der Datenträger ist voll. Die zuletzt gespeicherte Fassung ist erhalten. Schaffen Sie Platz und versuchen Sie es erneut.
error-vault-passphrase = Die Passphrase ist falsch oder fehlt. Ihre Entwürfe sind unverändert.
error-vault-newer = Ihre Entwürfe wurden mit einer neueren Version von { -brand-name } gespeichert. Bitte aktualisieren Sie { -brand-name }.
error-vault-storage = Ihre Entwürfe konnten nicht gespeichert oder gelesen werden ({ $reason }). Die zuletzt gespeicherte Fassung ist erhalten.
error-passphrase-empty = Geben Sie eine Passphrase ein.
error-passphrase-too-short = Die Passphrase muss mindestens 12 Zeichen lang sein.
error-passphrase-mismatch = Die beiden Passphrasen stimmen nicht überein. Geben Sie zweimal dieselbe Passphrase ein.
error-passphrase-too-long = Die Passphrase darf höchstens 1024 Zeichen lang sein.
error-passphrase-weak = { $reason ->
        [common] Diese Passphrase ist weit verbreitet und leicht zu erraten. Nehmen Sie einige Wörter, die nichts miteinander zu tun haben.
        [keyboard] Tastenfolgen wie „qwertz“ oder „asdf“ sind leicht zu erraten. Nehmen Sie lieber einige Wörter, die nichts miteinander zu tun haben.
        [repeats] Wiederholungen wie „aaa“ oder „abcabc“ sind leicht zu erraten. Nehmen Sie lieber einige verschiedene Wörter.
        [sequence] Folgen wie „abcd“ oder „1234“ sind leicht zu erraten. Nehmen Sie lieber einige Wörter, die nichts miteinander zu tun haben.
        [dates] Jahreszahlen und Daten sind leicht zu erraten. Nehmen Sie lieber einige Wörter, die nichts miteinander zu tun haben.
        [names] Namen allein sind leicht zu erraten. Fügen Sie ein oder zwei Wörter hinzu, die mit dem Rest nichts zu tun haben.
       *[other] Diese Passphrase ist leicht zu erraten. Fügen Sie ein oder zwei Wörter hinzu, die mit dem Rest nichts zu tun haben.
    }
error-vault-locked = Ihre Entwürfe sind mit einer Passphrase geschützt. Geben Sie sie unter „Einstellungen“, „Meine Daten“ ein, um sie zu öffnen. Bis dahin wird nicht gespeichert, was Sie eingeben.
error-vault-no-passphrase = Ihre Entwürfe sollen mit einer Passphrase geschützt werden, es ist aber noch keine gewählt. Wählen Sie eine unter „Einstellungen“, „Meine Daten“. Bis dahin wird nicht gespeichert, was Sie eingeben.
error-export-file = Diese Datei ist kein Export von { -brand-name } oder wurde verändert oder beschädigt ({ $reason }). Wählen Sie die Datei, die Sie exportiert haben. Es wurde nichts importiert.
error-export-write = Der Export konnte nicht gespeichert werden ({ $reason }). Wählen Sie einen anderen Ordner und versuchen Sie es noch einmal.
error-import-read = Die Datei konnte nicht gelesen werden ({ $reason }). Es wurde nichts importiert.
error-import-passphrase = Diese Passphrase öffnet die Datei nicht. Geben Sie die Passphrase ein, die Sie beim Exportieren gewählt haben. Es wurde nichts importiert.
error-recovery-code-format = Das ist kein vollständiger Wiederherstellungscode. Prüfen Sie ihn auf Tippfehler: Er hat 28 Zeichen in Gruppen zu je vier.
error-recovery-code-wrong = Dieser Wiederherstellungscode passt nicht zu Ihren Entwürfen. Vielleicht gehört er zu einem anderen Computer, oder Sie haben danach einen neuen Code erstellt.
error-recovery-code-none = Für diese Entwürfe wurde kein Wiederherstellungscode erstellt.
error-passphrase-current = Die bisherige Passphrase ist nicht richtig.
error-delete-incomplete = Nicht alles konnte gelöscht werden ({ $reason }). Versuchen Sie es noch einmal.
error-delete-unsent = { $count ->
        [one] Ein Antrag wurde noch nicht gesendet. Wenn Sie alle Ihre Daten löschen, wird er nie gesendet.
       *[other] { $count } Anträge wurden noch nicht gesendet. Wenn Sie alle Ihre Daten löschen, werden sie nie gesendet.
    }
error-printout = Das PDF konnte nicht erstellt werden ({ $reason }). Versuchen Sie es noch einmal.
error-printout-write = Das PDF konnte nicht gespeichert werden ({ $reason }). Wählen Sie einen anderen Ordner und versuchen Sie es noch einmal.
error-viewer = Das PDF konnte nicht zum Drucken geöffnet werden ({ $reason }). Laden Sie es herunter und drucken Sie es von dort.
error-application-freeze = Der Antrag konnte nicht zum Senden vorbereitet werden ({ $reason }). Nichts wurde gesendet, Ihre Angaben sind weiter unter „Meine Entwürfe“. Versuchen Sie es bitte noch einmal.
error-application-endpoint = Die Adresse Ihrer Gemeinde für Anträge kann nicht verwendet werden ({ $reason }). Nichts wurde gesendet, Ihre Angaben sind weiter unter „Meine Entwürfe“.
error-application-no-municipality = Wählen Sie zuerst Ihre Gemeinde: Sie bestimmt, wohin Ihr Antrag geht. Nichts wurde gesendet, Ihre Angaben sind weiter unter „Meine Entwürfe“.
