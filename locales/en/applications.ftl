# Submitting and "My applications": the confirmation page, the list with each
# application's status, and the online indicator.

nav-applications = My applications

## The confirmation page after "Submit"

confirmation-waiting-heading = Your application is ready and will be sent
confirmation-waiting-text = It will be sent as soon as you are online and { -brand-name } is open. { -brand-name } sends only while it is open: if you close it now, it sends the next time you open it. You do not need to do anything else.
confirmation-sent-heading = Your application has been sent
confirmation-sent-text = The municipality has received your application.
confirmation-case-number = Your case number
confirmation-next-heading = What happens next
confirmation-next-text = The municipality checks your application and decides on it. You find its status under "My applications", and { -brand-name } tells you when it changes. Keep the PDF with your case number for your records.
confirmation-to-applications = Go to My applications

## The dates, on the confirmation page and in My applications

application-date = Date of application
application-date-hint = The day you submitted it in { -brand-name }
application-received = Received by the municipality
application-received-pending = Not yet: it has not been sent
application-case-number = Case number
application-case-number-pending = Given when it is sent

## My applications

applications-page-title = My applications – { -brand-name }
applications-heading = My applications
applications-intro = Applications you have submitted, with where they stand. { -brand-name } sends waiting applications and asks the municipality for news while it is open.
applications-empty = You have not submitted an application yet.
applications-status = Status
applications-reason = Reason given
applications-download = Download PDF
applications-print = Print
application-municipality = Sent to

## The status of an application

application-status-waiting = Waiting to be sent
application-status-waiting-network = Waiting to be sent: the municipality cannot be reached right now
application-status-waiting-problem = Waiting to be sent: the municipality did not take it yet ({ $code }). { -brand-name } tries again.
application-status-sending = Being sent
application-status-submitted = Sent
application-status-forwarded = Forwarded to the office in charge
application-status-accepted = Accepted
application-status-rejected = Rejected
application-status-damaged = Cannot be read: { $reason }

## The online indicator

connection-online = Online: { -brand-name } can reach your municipality.
connection-offline = Offline: { -brand-name } cannot reach your municipality right now.
connection-unknown = Not connected yet: { -brand-name } has not contacted your municipality since it started.
connection-waiting = { $count ->
    [0] No application is waiting to be sent.
    [one] One application is waiting to be sent.
   *[other] { $count } applications are waiting to be sent.
}
