# The printout (PDF) of an application and of the recovery code. On the citizen's copy
# these stand under the German texts.

printout-heading = Application
printout-copy-authority = Copy for the authority
printout-copy-citizen = Your copy
printout-municipality = Responsible office
printout-procedure = Service
printout-leika = Service key (LeiKa)
printout-application-date = Date of application
printout-case-number = Case number
printout-case-number-pending = Will be assigned when sent
printout-attachments = Attachments
printout-no-attachments = No attachments
printout-attachment-type = File type
printout-attachment-size = Size
printout-attachment-size-value = { $bytes } bytes
printout-attachment-hash = SHA-512 checksum
printout-page = Page { $page } of { $pages }
printout-receipt-heading = Receipt
printout-receipt-what = Applied for
printout-receipt-when = On
printout-receipt-to = To
printout-receipt-received = Received by the authority
printout-receipt-keep = Please keep this page for your records.
printout-recovery-title = Recovery code
printout-recovery-heading = Your recovery code
printout-recovery-intro = With this code you get your drafts back if the key to them is ever lost.
printout-recovery-keep = Keep this sheet safe, not with your computer, and show it to no one.
