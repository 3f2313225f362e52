# Die Benachrichtigungen des Betriebssystems darüber, was mit einem Antrag geschah,
# solange Amtsweg läuft. Sie können auf dem gesperrten Bildschirm erscheinen: sie nennen
# nur die Leistung, die Gemeinde und das Aktenzeichen (und den Grund einer Ablehnung),
# nie eine Antwort.
# $procedure: der Titel der Leistung; $municipality: ihr Name; $case: das Aktenzeichen.

notification-sent-title = Antrag gesendet
notification-sent-body = Ihr Antrag „{ $procedure }“ wurde an { $municipality } gesendet. Aktenzeichen: { $case }
notification-forwarded-title = Antrag weitergeleitet
notification-forwarded-body = { $municipality } hat Ihren Antrag „{ $procedure }“ an die zuständige Stelle weitergeleitet. Aktenzeichen: { $case }
notification-accepted-title = Antrag bewilligt
notification-accepted-body = { $municipality } hat Ihren Antrag „{ $procedure }“ bewilligt. Aktenzeichen: { $case }
notification-rejected-title = Antrag abgelehnt
notification-rejected-body = { $municipality } hat Ihren Antrag „{ $procedure }“ abgelehnt. Aktenzeichen: { $case }
# $reason: die Worte der Gemeinde, in einer Zeile.
notification-rejected-reason-body = { $municipality } hat Ihren Antrag „{ $procedure }“ abgelehnt. Aktenzeichen: { $case }. Grund: { $reason }
# Steht für $municipality, wenn das Verzeichnis sie nicht mehr führt.
notification-municipality-unknown = Ihre Gemeinde
