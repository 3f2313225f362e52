# Absenden und „Meine Anträge“: die Bestätigungsseite, die Liste mit dem Stand jedes
# Antrags und die Online-Anzeige.

nav-applications = Meine Anträge

## Die Bestätigungsseite nach „Absenden“

confirmation-waiting-heading = Ihr Antrag ist fertig und wird gesendet
confirmation-waiting-text = Er wird gesendet, sobald Sie online sind und { -brand-name } geöffnet ist. { -brand-name } sendet nur, solange es geöffnet ist: Wenn Sie es jetzt schließen, sendet es beim nächsten Öffnen. Sie müssen nichts weiter tun.
confirmation-sent-heading = Ihr Antrag ist gesendet
confirmation-sent-text = Die Gemeinde hat Ihren Antrag erhalten.
confirmation-case-number = Ihr Aktenzeichen
confirmation-next-heading = Wie es weitergeht
confirmation-next-text = Die Gemeinde prüft Ihren Antrag und entscheidet darüber. Den Stand finden Sie unter „Meine Anträge“, und { -brand-name } sagt Ihnen Bescheid, wenn er sich ändert. Bewahren Sie das PDF mit Ihrem Aktenzeichen auf.
confirmation-to-applications = Zu „Meine Anträge“

## Die Daten, auf der Bestätigungsseite und in „Meine Anträge“

application-date = Antragsdatum
application-date-hint = Der Tag, an dem Sie ihn in { -brand-name } abgesendet haben
application-received = Eingegangen bei der Gemeinde
application-received-pending = Noch nicht: Er ist noch nicht gesendet
application-case-number = Aktenzeichen
application-case-number-pending = Wird beim Senden vergeben

## Meine Anträge

applications-page-title = Meine Anträge – { -brand-name }
applications-heading = Meine Anträge
applications-intro = Die Anträge, die Sie abgesendet haben, und wo sie stehen. { -brand-name } sendet wartende Anträge und fragt bei der Gemeinde nach Neuigkeiten, solange es geöffnet ist.
applications-empty = Sie haben noch keinen Antrag abgesendet.
applications-status = Stand
applications-reason = Angegebener Grund
applications-download = PDF herunterladen
applications-print = Drucken
application-municipality = Gesendet an

## Der Stand eines Antrags

application-status-waiting = Wartet auf das Senden
application-status-waiting-network = Wartet auf das Senden: Die Gemeinde ist gerade nicht erreichbar
application-status-waiting-problem = Wartet auf das Senden: Die Gemeinde hat ihn noch nicht angenommen ({ $code }). { -brand-name } versucht es erneut.
application-status-sending = Wird gesendet
application-status-submitted = Gesendet
application-status-forwarded = An die zuständige Stelle weitergeleitet
application-status-accepted = Bewilligt
application-status-rejected = Abgelehnt
application-status-damaged = Nicht lesbar: { $reason }

## Die Online-Anzeige

connection-online = Online: { -brand-name } erreicht Ihre Gemeinde.
connection-offline = Offline: { -brand-name } erreicht Ihre Gemeinde gerade nicht.
connection-unknown = Noch nicht verbunden: { -brand-name } hat Ihre Gemeinde seit dem Start noch nicht erreicht.
connection-waiting = { $count ->
    [0] Kein Antrag wartet auf das Senden.
    [one] Ein Antrag wartet auf das Senden.
   *[other] { $count } Anträge warten auf das Senden.
}
