## Page frame

skip-to-content = Zum Inhalt springen
notices-heading = Hinweise
app-tagline = Behördengänge Ihrer Gemeinde – am eigenen Computer
# Follows the title of a procedure's page in the window title ("Hund anmelden – Amtsweg").
page-title-suffix = – { -brand-name }

## First start

first-start-page-title = Willkommen – { -brand-name }
first-start-heading = Willkommen bei { -brand-name }
first-start-lead = Mit { -brand-name } erledigen Sie Anträge bei Ihrer Gemeinde Schritt für Schritt am eigenen Computer, auch ohne Internetverbindung.
language-legend = Sprache
language-hint = Sie können die Sprache später in den Einstellungen ändern.
privacy-heading = Ihre Daten bleiben bei Ihnen
privacy-text = { -brand-name } speichert Ihre Angaben verschlüsselt nur auf diesem Computer. Erst wenn Sie einen Antrag absenden, gehen die Daten an Ihre Gemeinde.
first-start-continue = Weiter

## Municipality

municipality-page-title = Gemeinde wählen – { -brand-name }
municipality-heading = Ihre Gemeinde
municipality-lead = Ihre Gemeinde bestimmt, welche Verfahren angeboten werden und wohin Ihre Anträge gehen. Sie können sie später in den Einstellungen ändern.
municipality-search-label = Postleitzahl oder Name der Gemeinde
municipality-search-hint = Zum Beispiel 34117 oder Kassel. Die Liste erscheint beim Tippen.
municipality-results-legend = Gefundene Gemeinden
municipality-results-found = Passende Gemeinden stehen in der Liste unter dem Suchfeld.
municipality-results-none = Keine Gemeinde gefunden. Prüfen Sie die Postleitzahl oder die Schreibweise.
municipality-postcodes = Postleitzahlen:
municipality-demo = Demo – Anträge gehen nicht an eine echte Verwaltung
municipality-continue = Weiter
municipality-choose-error = Wählen Sie Ihre Gemeinde aus der Liste.

## Catalog

catalog-page-title = Verfahren – { -brand-name }
catalog-heading = Verfahren
catalog-empty = Ihre Gemeinde bietet in { -brand-name } noch keine Verfahren an.
catalog-municipality = Ihre Gemeinde:
catalog-change-municipality = Gemeinde ändern
catalog-search-label = Verfahren suchen
catalog-search-hint = Zum Beispiel Hund, Parken oder Sperrmüll. Die Liste ändert sich beim Tippen.
catalog-results-found = Die passenden Verfahren stehen in der Liste unter dem Suchfeld.
catalog-results-none = Kein Verfahren gefunden. Versuchen Sie ein anderes Wort.
catalog-unfinished = Sie haben { $count ->
        [one] 1 nicht abgeschlossenen Antrag
       *[other] { $count } nicht abgeschlossene Anträge
    }
catalog-unfinished-link = Weiter in „Meine Entwürfe“
life-situation-moving = Wohnen und Umziehen
life-situation-pets = Haustiere
life-situation-traffic = Straßen, Verkehr und Parken
life-situation-environment = Abfall, Bäume und Umwelt
life-situation-business = Gewerbe
life-situation-documents = Bescheinigungen und Fundsachen
life-situation-other = Weitere Verfahren

## Start page of a procedure

start-page-back = Zurück zu den Verfahren
start-who-heading = Wer kann den Antrag stellen?
start-need-heading = Was Sie brauchen
start-duration-heading = Wie lange es dauert
start-fees-heading = Gebühren
start-legal-heading = Rechtsgrundlage
start-easy-language = In Leichter Sprache:
start-now = Antrag jetzt starten
start-drafts-not-kept = Ihre Angaben können auf diesem Computer nicht gespeichert werden: Wenn Sie { -brand-name } vor dem Absenden schließen, gehen sie verloren.
start-drafts-passphrase = Entwürfe stattdessen mit einer Passphrase schützen
start-drafts-passphrase-text = Sie geben sie dann bei jedem Start von { -brand-name } ein.
start-drafts-choose-passphrase = Passphrase wählen
start-drafts-now-passphrase = Ihre Entwürfe sind jetzt mit Ihrer Passphrase geschützt und werden gespeichert.
error-details = Details

## Header navigation

nav-label = Hauptnavigation
nav-services = Verfahren
nav-settings = Einstellungen
nav-drafts = Meine Entwürfe
nav-accessibility = Barrierefreiheit

## Settings

settings-page-title = Einstellungen – { -brand-name }
settings-heading = Einstellungen
settings-language-legend = Sprache
settings-language-hint = Die Sprache wechselt sofort und wird gespeichert.
settings-municipality-heading = Gemeinde
settings-municipality-none = Noch keine Gemeinde gewählt.
settings-municipality-change = Gemeinde ändern
settings-text-size-legend = Textgröße
settings-text-size-hint = Zusätzlich zur Textgröße Ihres Betriebssystems. Die Änderung gilt sofort und wird gespeichert.
settings-text-size-100 = Normal (100 %)
settings-text-size-125 = Groß (125 %)
settings-text-size-150 = Größer (150 %)
settings-text-size-200 = Sehr groß (200 %)

## Developer settings: only in debug builds, never in a release

settings-developer-heading = Entwicklung
settings-developer-hint = Nur in Entwicklungs-Builds von { -brand-name }, nie in einer veröffentlichten Version.
settings-pseudo-locale-label = Pseudo-Sprache verwenden
settings-pseudo-locale-hint = Sie wird aus dem Deutschen erzeugt: Buchstaben mit Akzenten, jeder Text etwa 40 % länger und markiert. So fallen Texte auf, die nicht aus den Übersetzungsdateien kommen, und Stellen, an denen längere Übersetzungen das Layout sprengen. Ausschalten wechselt zurück zu Deutsch.

## Accessibility statement (BITV 2.0)

accessibility-page-title = Erklärung zur Barrierefreiheit – { -brand-name }
accessibility-heading = Erklärung zur Barrierefreiheit
accessibility-intro = { -brand-name } soll für alle Menschen ohne Einschränkungen nutzbar sein. Diese Erklärung gilt für die Desktop-Anwendung { -brand-name } und folgt § 12b des Behindertengleichstellungsgesetzes (BGG) und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0).
accessibility-status-heading = Stand der Vereinbarkeit mit den Anforderungen
accessibility-status-text = { -brand-name } ist teilweise mit den Anforderungen der BITV 2.0 (WCAG 2.1 Stufe AA) vereinbar. Grundlage ist eine Selbstbewertung mit automatischen Prüfungen (axe-core) und Tests nur mit der Tastatur; eine Prüfung durch eine unabhängige Stelle steht noch aus.
accessibility-limitations-heading = Nicht barrierefreie Inhalte
accessibility-limitation-not-audited = Die Anwendung wurde noch nicht von einer unabhängigen Stelle geprüft, insbesondere nicht mit allen Screenreadern.
accessibility-limitation-easy-language = Inhalte in Leichter Sprache und in Gebärdensprache gibt es noch nicht.
accessibility-limitation-pdf = Der PDF-Ausdruck eines Antrags ist noch nicht verfügbar und daher noch nicht auf Barrierefreiheit geprüft.
accessibility-feedback-heading = Feedback und Kontakt
accessibility-feedback-text = Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie uns. Wir antworten innerhalb von sechs Wochen.
accessibility-feedback-contact = E-Mail: barrierefreiheit@amtsweg.example (Platzhalter der Demo-Gemeinde)
accessibility-enforcement-heading = Schlichtungsverfahren
accessibility-enforcement-text = Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie die Schlichtungsstelle nach § 16 BGG einschalten. Das Verfahren ist kostenlos, und Sie brauchen keinen Rechtsbeistand.
accessibility-enforcement-contact = Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen, Mauerstraße 53, 10117 Berlin, E-Mail: info@schlichtungsstelle-bgg.de, Internet: www.schlichtungsstelle-bgg.de
accessibility-date = Diese Erklärung wurde am 28. November 2026 erstellt.

## Notices about the installation

notice-settings-corrupt = Ihre gespeicherten Einstellungen waren beschädigt. { -brand-name } startet mit den Standardeinstellungen. Die alte Datei wurde als { $backup } aufbewahrt.
notice-settings-future = Ihre gespeicherten Einstellungen stammen aus einer neueren Version von { -brand-name }. Diese Version startet mit den Standardeinstellungen. Die alte Datei wurde als { $backup } aufbewahrt.
notice-settings-unreadable = Ihre gespeicherten Einstellungen konnten nicht gelesen werden ({ $reason }). { -brand-name } startet mit den Standardeinstellungen.
notice-translation-broken = Die Übersetzungsdatei { $file } hat in Zeile { $line } einen Fehler. Ihre Texte werden aus der mitgelieferten Übersetzung oder auf Deutsch angezeigt.

## Signed catalogs

notice-catalog-updated = Das Verzeichnis der Verfahren wurde aktualisiert (Stand { $sequence }).
notice-catalog-refused-unsigned = Ein Verzeichnis der Verfahren wurde abgelehnt, weil es nicht signiert ist. { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-refused-altered = Ein Verzeichnis der Verfahren wurde abgelehnt, weil es nach dem Signieren verändert wurde. { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-refused-unknown-key = Ein Verzeichnis der Verfahren wurde abgelehnt, weil es nicht von einem vertrauenswürdigen Herausgeber signiert ist. { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-refused-older = Ein Verzeichnis der Verfahren wurde abgelehnt, weil es älter ist (Stand { $sequence }) als das verwendete (Stand { $inUse }). { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-refused = Ein Verzeichnis der Verfahren wurde abgelehnt ({ $reason }). { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-stored-unusable = Das gespeicherte Verzeichnis der Verfahren ist nicht verwendbar ({ $reason }). { -brand-name } verwendet das mitgelieferte Verzeichnis.
notice-catalog-refused-expired = Ein Verzeichnis der Verfahren wurde abgelehnt, weil es abgelaufen ist (gültig bis { $expires }). { -brand-name } verwendet weiter das bisherige Verzeichnis.
notice-catalog-stored-expired = Das gespeicherte Verzeichnis der Verfahren ist abgelaufen (gültig bis { $expires }). { -brand-name } verwendet das mitgelieferte Verzeichnis.
notice-translations-overridden = { -brand-name } zeigt Texte aus einem Übersetzungsordner statt der mitgelieferten: { $dir }

## My drafts
drafts-page-title = Meine Entwürfe – { -brand-name }
drafts-heading = Meine Entwürfe
drafts-intro = Angefangene Anträge werden nach jedem „Weiter“ verschlüsselt auf diesem Computer gespeichert. Wie sie geschützt sind, steht unter „Einstellungen“, „Meine Daten“.
drafts-empty = Sie haben keine angefangenen Anträge.
drafts-last-change = Zuletzt geändert
drafts-progress-start = Noch nicht begonnen
drafts-progress-step = Schritt { $current } von { $total }
drafts-progress-task-list = Übersicht der Abschnitte
drafts-progress-check-answers = Angaben prüfen
drafts-progress-exit = Kann so nicht beantragt werden
drafts-damaged = Dieser Entwurf ist beschädigt oder wurde verändert und kann nicht geöffnet werden ({ $reason }). Sie können ihn löschen; Ihre anderen Entwürfe sind davon nicht betroffen.
drafts-resume = Weiter bearbeiten
drafts-delete = Löschen
drafts-delete-question = Möchten Sie diesen Entwurf endgültig löschen? Er kann danach nicht wiederhergestellt werden.
drafts-delete-confirm = Ja, löschen
drafts-delete-cancel = Nein, behalten
drafts-deleted = Der Entwurf wurde gelöscht.
drafts-versions-changed = Die Liste der Fassungen Ihrer Entwürfe wurde außerhalb von { -brand-name } verändert. Ihre Entwürfe sehen unversehrt aus, aber { -brand-name } kann nicht belegen, dass keiner durch eine ältere Kopie ersetzt wurde. Möchten Sie sie so behalten, wie sie jetzt sind?
drafts-versions-keep = Ja, Entwürfe so behalten
drafts-versions-kept = Ihre Entwürfe werden so behalten, wie sie jetzt sind.
drafts-unverified = Sie können diesen Entwurf weiter bearbeiten, sobald Sie oben entschieden haben.

## Einstellungen: Meine Daten (Export, Import, alles löschen, Schutz der Entwürfe)

my-data-heading = Meine Daten
my-data-intro = Ihre Entwürfe und Anhänge werden verschlüsselt und nur auf diesem Computer aufbewahrt. Hier können Sie sie auf einen anderen Computer mitnehmen oder alles löschen.
my-data-keys-heading = So sind Ihre Entwürfe geschützt
my-data-keys-keychain = Der Schlüssel zu Ihren Entwürfen liegt im Schlüsselbund Ihres Betriebssystems. Sie müssen nichts tun.
my-data-keys-passphrase = Ihre Entwürfe sind mit einer Passphrase geschützt, die Sie gewählt haben. { -brand-name } speichert sie nicht: Wenn Sie sie vergessen, lassen sich Ihre Entwürfe nicht mehr öffnen.
my-data-keys-memory = Auf diesem Computer werden Entwürfe nur aufbewahrt, bis { -brand-name } geschlossen wird. Es wird nichts gespeichert.
my-data-keys-keychain-unavailable = Der Schlüssel zu Ihren Entwürfen soll im Schlüsselbund Ihres Betriebssystems liegen, aber er kann gerade nicht verwendet werden: Es wird nichts gespeichert.
my-data-keys-passphrase-none = Ihre Entwürfe sollen mit einer Passphrase geschützt werden, es ist aber noch keine gewählt: Bis dahin wird nichts gespeichert.
my-data-use-passphrase-heading = Entwürfe stattdessen mit einer Passphrase schützen
my-data-use-passphrase-text = Auf diesem Computer ist kein Schlüsselbund erreichbar, deshalb können Ihre Entwürfe nicht aufbewahrt werden. Sie können sie stattdessen mit einer Passphrase schützen. Diese geben Sie dann bei jedem Start von { -brand-name } ein.
my-data-use-passphrase = Entwürfe mit dieser Passphrase schützen
my-data-new-passphrase-heading = Passphrase wählen
my-data-new-passphrase-text = Ihre Entwürfe sollen mit einer Passphrase geschützt werden, es ist aber noch keine gewählt. Wählen Sie eine, damit Ihre Entwürfe gespeichert werden können. Bis dahin wird nicht gespeichert, was Sie eingeben.
my-data-use-keychain-text = Sie können statt einer Passphrase auch den Schlüsselbund Ihres Betriebssystems verwenden.
my-data-use-keychain = Stattdessen den Schlüsselbund verwenden
my-data-now-passphrase = Ihre Entwürfe sind jetzt mit Ihrer Passphrase geschützt.
my-data-now-keychain = Ihre Entwürfe sind jetzt über den Schlüsselbund geschützt.
my-data-unlock-heading = Entwürfe entsperren
my-data-unlock-text = Ihre Entwürfe sind mit einer Passphrase geschützt. Geben Sie sie ein, um sie zu öffnen. Bis dahin wird nicht gespeichert, was Sie eingeben.
my-data-unlock = Entwürfe entsperren
my-data-unlocked = Ihre Entwürfe sind entsperrt.
my-data-switch-passphrase-heading = Stattdessen eine Passphrase verwenden
my-data-switch-passphrase-text = Statt mit dem Schlüsselbund können Ihre Entwürfe mit einer selbst gewählten Passphrase geschützt werden. Sie geben sie dann bei jedem Start von { -brand-name } ein. Ihre Entwürfe bleiben, wie sie sind.
my-data-switch-keychain-text = Statt mit Ihrer Passphrase kann der Schlüssel zu Ihren Entwürfen im Schlüsselbund Ihres Betriebssystems aufbewahrt werden. Dann geben Sie keine Passphrase mehr ein. Ihre Entwürfe bleiben, wie sie sind.
my-data-switch-keychain = Schlüssel stattdessen im Schlüsselbund aufbewahren
my-data-change-passphrase-heading = Passphrase ändern
my-data-change-passphrase-text = Geben Sie Ihre bisherige Passphrase ein, dann zweimal die neue. Ihre Entwürfe bleiben, wie sie sind.
my-data-current-passphrase-label = Bisherige Passphrase
my-data-new-passphrase-label = Neue Passphrase
my-data-change-passphrase = Passphrase ändern
my-data-passphrase-changed = Ihre Passphrase wurde geändert.
my-data-recovery-heading = Wiederherstellungscode
my-data-recovery-text = Falls der Schlüssel zu Ihren Entwürfen einmal verloren geht (ein neuer Computer, ein zurückgesetzter Schlüsselbund, eine vergessene Passphrase), holt ein Wiederherstellungscode Ihre Entwürfe zurück. { -brand-name } zeigt ihn einmal und bewahrt ihn nicht auf.
my-data-recovery-exists = Sie haben einen Wiederherstellungscode erstellt. Wenn Sie ihn nicht mehr haben, erstellen Sie einen neuen: Der alte gilt dann nicht mehr.
my-data-recovery-create = Wiederherstellungscode erstellen
my-data-recovery-create-new = Neuen Wiederherstellungscode erstellen
my-data-recovery-shown-heading = Ihr Wiederherstellungscode
my-data-recovery-shown-text = Schreiben Sie ihn auf oder drucken Sie ihn aus, und bewahren Sie ihn sicher auf, nicht bei diesem Computer. Er wird nur jetzt angezeigt.
my-data-recovery-done = Ich habe ihn aufgeschrieben
my-data-recovery-created = Ihr Wiederherstellungscode wurde erstellt.
my-data-recover-heading = Entwürfe mit dem Wiederherstellungscode zurückholen
my-data-recover-text = Geben Sie den Wiederherstellungscode ein, den Sie aufgeschrieben haben. Groß- und Kleinschreibung, Leerzeichen und Bindestriche spielen keine Rolle.
my-data-recover-passphrase-text = Wählen Sie dann eine neue Passphrase für Ihre Entwürfe.
my-data-recover-code-label = Wiederherstellungscode
my-data-recover = Entwürfe zurückholen
my-data-recovered = Ihre Entwürfe sind wieder da.
my-data-retry-text = Sobald der Schlüsselbund entsperrt oder der Zugriff erlaubt ist, öffnen sich Ihre Entwürfe von selbst. Falls nicht, versuchen Sie es erneut.
my-data-retry = Erneut versuchen
my-data-passphrase-label = Passphrase
my-data-passphrase-hint = Mindestens 12 Zeichen. Einige Wörter, die nichts miteinander zu tun haben, sind leicht zu merken und schwer zu erraten. { -brand-name } speichert Ihre Passphrase nicht: Bewahren Sie sie sicher auf.
my-data-passphrase-confirm-label = Passphrase noch einmal eingeben
my-data-export-heading = Meine Daten exportieren
my-data-export-text = Speichert alle Ihre Entwürfe, Anhänge und Anträge in einer Datei, verschlüsselt mit einer Passphrase, die Sie wählen. Mit der Datei und der Passphrase können Sie sie auf einem anderen Computer oder nach einer neuen Installation von { -brand-name } importieren.
my-data-export = Speicherort wählen und exportieren
my-data-export-dialog-title = Ihre Daten speichern
my-data-file-type = { -brand-name }-Export
my-data-exported = { $drafts ->
        [one] Ein Entwurf
       *[other] { $drafts } Entwürfe
    } und { $attachments ->
        [one] ein Anhang
       *[other] { $attachments } Anhänge
    } wurden exportiert. Bewahren Sie die Datei und die Passphrase sicher auf: Zum Importieren brauchen Sie beide.
my-data-exported-with-applications = { $drafts ->
        [one] Ein Entwurf
       *[other] { $drafts } Entwürfe
    }, { $attachments ->
        [one] ein Anhang
       *[other] { $attachments } Anhänge
    } und { $applications ->
        [one] ein Antrag
       *[other] { $applications } Anträge
    } wurden exportiert. Bewahren Sie die Datei und die Passphrase sicher auf: Zum Importieren brauchen Sie beide.
my-data-export-damaged = { $damaged ->
        [one] Ein beschädigter Entwurf wurde ausgelassen.
       *[other] { $damaged } beschädigte Entwürfe wurden ausgelassen.
    }
my-data-export-cancelled = Es wurde nichts exportiert.
my-data-import-heading = Daten importieren
my-data-import-text = Übernimmt die Entwürfe und Anträge aus einer Exportdatei in { -brand-name } auf diesem Computer. Ihre vorhandenen Entwürfe und Anträge bleiben; ist ein Entwurf in beiden, bleibt seine neuere Fassung.
my-data-import-aside-text = Wenn Sie Ihre Entwürfe exportiert haben, bevor der Schlüssel verloren ging, importieren Sie die Exportdatei hier. Die Entwürfe, die sich nicht öffnen lassen, werden nicht gelöscht: { -brand-name } bewahrt sie auf diesem Computer beiseite auf, falls der Schlüssel wieder auftaucht.
my-data-import-passphrase-label = Passphrase der Exportdatei
my-data-import = Datei wählen und importieren
my-data-import-dialog-title = Exportdatei wählen
my-data-imported = { $imported ->
        [0] Aus der Datei wurde kein Entwurf übernommen.
        [one] Ein Entwurf wurde importiert. Sie finden ihn unter „Meine Entwürfe“.
       *[other] { $imported } Entwürfe wurden importiert. Sie finden sie unter „Meine Entwürfe“.
    }
my-data-import-kept = { $kept ->
        [one] Ein Entwurf war hier schon in gleicher oder neuerer Fassung vorhanden und blieb unverändert.
       *[other] { $kept } Entwürfe waren hier schon in gleicher oder neuerer Fassung vorhanden und blieben unverändert.
    }
my-data-imported-applications = { $applications ->
        [one] Ein Antrag wurde importiert. Sie finden ihn unter „Meine Anträge“.
       *[other] { $applications } Anträge wurden importiert. Sie finden sie unter „Meine Anträge“.
    }
my-data-import-applications-kept = { $applicationsKept ->
        [one] Ein Antrag war hier schon vorhanden und blieb unverändert.
       *[other] { $applicationsKept } Anträge waren hier schon vorhanden und blieben unverändert.
    }
my-data-import-kept-elsewhere = { $elsewhere ->
        [one] Ein Antrag wurde nicht importiert: Er wurde schon von dem Computer, von dem die Datei stammt, an die Gemeinde übergeben, und nur { -brand-name } dort kann ihn weiter verfolgen. Dort können Sie ihn weiter verfolgen.
       *[other] { $elsewhere } Anträge wurden nicht importiert: Sie wurden schon von dem Computer, von dem die Datei stammt, an die Gemeinde übergeben, und nur { -brand-name } dort kann sie weiter verfolgen. Dort können Sie sie weiter verfolgen.
    }
my-data-import-cancelled = Es wurde nichts importiert.
my-data-delete-heading = Alle meine Daten löschen
my-data-delete-text = Löscht alle Entwürfe, Anhänge und Anträge, Ihre Einstellungen (etwa Ihre Gemeinde) und alles Weitere, was { -brand-name } auf diesem Computer aufbewahrt. Danach beginnt { -brand-name } wieder wie beim ersten Start, in Ihrer Sprache.
my-data-delete = Alle meine Daten löschen
my-data-delete-question = Dabei werden alle Entwürfe, Anhänge und Anträge, die Schlüssel im Schlüsselbund und Ihre Einstellungen gelöscht. Exporte, die Sie gespeichert haben, bleiben, wo Sie sie gespeichert haben. Das lässt sich nicht rückgängig machen.
my-data-delete-confirm = Ja, alles löschen
my-data-delete-cancel = Nein, Daten behalten
my-data-delete-unsent-confirm = Ja, trotzdem alles löschen
my-data-deleted = Alle Ihre Daten wurden gelöscht.

## The application as a PDF ("Download PDF", "Print")

print-heading = Antrag als PDF
print-download = PDF herunterladen
print-print = Drucken
print-save-dialog-title = Antrag als PDF speichern
print-file-type = PDF-Dokument
# $file: the PDF's file name
print-saved = Das PDF wurde als { $file } gespeichert.
# $file: the PDF's file name
print-opened = Das PDF { $file } ist in Ihrem PDF-Programm geöffnet. Drucken Sie es von dort.
# The recovery code's PDF file name, without ".pdf"
print-recovery-file-name = Wiederherstellungscode
print-recovery = Wiederherstellungscode drucken
