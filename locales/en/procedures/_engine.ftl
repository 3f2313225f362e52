# Texts of the procedure engine, shared by all procedures.

procedure-optional = (optional)
procedure-step = Step { $current } of { $total }
procedure-yes = Yes
procedure-no = No
procedure-not-provided = Not provided
procedure-submit = Submit application
procedure-group-add = Add another
procedure-group-remove = Remove entry { $number }
procedure-group-instance = Entry { $number }
procedure-status-not-started = Not started
procedure-status-in-progress = In progress
procedure-status-completed = Completed
procedure-status-cannot-start-yet = Cannot start yet
# Numbers, amounts and dates in summaries.
procedure-decimal-separator = .
procedure-group-separator = ,
procedure-money = €{ $amount }
procedure-date = { $day } { $monthName } { $year }
procedure-month-1 = January
procedure-month-2 = February
procedure-month-3 = March
procedure-month-4 = April
procedure-month-5 = May
procedure-month-6 = June
procedure-month-7 = July
procedure-month-8 = August
procedure-month-9 = September
procedure-month-10 = October
procedure-month-11 = November
procedure-month-12 = December
# Errors the UI shows (as code and message over IPC).
procedure-error-definition = A procedure is faulty and cannot be offered.
procedure-error-unknown-procedure = This procedure is not (or no longer) offered.
procedure-error-navigation = This page does not exist in this application.
procedure-error-answer = An answer does not fit its question and was not saved.
procedure-error-answer-too-large = An answer is far too long and was not saved.
procedure-error-incomplete = The application is not complete yet.
procedure-error-exited = This application cannot be made here.
