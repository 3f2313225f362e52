# Texte der Verfahrens-Engine, gemeinsam für alle Verfahren.

procedure-optional = (optional)
procedure-step = Schritt { $current } von { $total }
procedure-yes = Ja
procedure-no = Nein
procedure-not-provided = Nicht angegeben
procedure-submit = Antrag absenden
procedure-group-add = Weitere hinzufügen
procedure-group-remove = { $number }. Eintrag entfernen
procedure-group-instance = { $number }. Eintrag
procedure-status-not-started = Nicht begonnen
procedure-status-in-progress = In Bearbeitung
procedure-status-completed = Erledigt
procedure-status-cannot-start-yet = Noch nicht möglich
# Zahlen, Beträge und Daten in Zusammenfassungen.
procedure-decimal-separator = ,
procedure-group-separator = .
procedure-money = { $amount } €
procedure-date = { $day }. { $monthName } { $year }
procedure-month-1 = Januar
procedure-month-2 = Februar
procedure-month-3 = März
procedure-month-4 = April
procedure-month-5 = Mai
procedure-month-6 = Juni
procedure-month-7 = Juli
procedure-month-8 = August
procedure-month-9 = September
procedure-month-10 = Oktober
procedure-month-11 = November
procedure-month-12 = Dezember
# Fehler, die die Oberfläche zeigt (als code und message über IPC).
procedure-error-definition = Ein Verfahren ist fehlerhaft und kann nicht angeboten werden.
procedure-error-unknown-procedure = Dieses Verfahren wird nicht (mehr) angeboten.
procedure-error-navigation = Diese Seite gibt es in diesem Antrag nicht.
procedure-error-answer = Eine Antwort passt nicht zur Frage und wurde nicht gespeichert.
procedure-error-answer-too-large = Eine Antwort ist viel zu lang und wurde nicht gespeichert.
procedure-error-incomplete = Der Antrag ist noch nicht vollständig.
procedure-error-exited = Dieser Antrag kann hier nicht gestellt werden.
