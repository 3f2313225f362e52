# The OS notifications of what happened to an application, shown while Amtsweg runs.
# They may appear on a locked screen: they name only the service, the municipality and
# the case number (and a rejection's reason), never an answer.
# $procedure: the service's title; $municipality: its name; $case: the case number.

notification-sent-title = Application sent
notification-sent-body = Your application "{ $procedure }" was sent to { $municipality }. Case number: { $case }
notification-forwarded-title = Application forwarded
notification-forwarded-body = { $municipality } forwarded your application "{ $procedure }" to the office responsible. Case number: { $case }
notification-accepted-title = Application accepted
notification-accepted-body = { $municipality } accepted your application "{ $procedure }". Case number: { $case }
notification-rejected-title = Application rejected
notification-rejected-body = { $municipality } rejected your application "{ $procedure }". Case number: { $case }
# $reason: the municipality's words, on one line.
notification-rejected-reason-body = { $municipality } rejected your application "{ $procedure }". Case number: { $case }. Reason: { $reason }
# Stands for $municipality when the directory no longer lists it.
notification-municipality-unknown = your municipality
