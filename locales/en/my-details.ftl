# My details: the person and contact answers Amtsweg may keep for the next application.

## The answers kept (labels on the My details screen and in the offer)

my-details-given-names = Given names
my-details-family-name = Family name
my-details-birth-name = Birth name
my-details-date-of-birth = Date of birth
my-details-date-of-birth-hint = For example 27.03.1980
my-details-place-of-birth = Place of birth
my-details-street = Street
my-details-house-number = House number
my-details-address-addition = Address addition
my-details-postcode = Postcode
my-details-town = Town or city
my-details-email = Email address
my-details-phone = Phone number

## The My details screen

my-details-page-title = My details – Amtsweg
my-details-heading = My details
my-details-intro = Amtsweg can keep your name, date and place of birth, address, email address and phone number, encrypted on this computer, and fill them in when a procedure asks for them. Nothing else is kept: no bank details, no answers about dogs, businesses or anything else.
my-details-never-leave = My details leave this computer only in an application you submit or in an export you make.
my-details-keeping-on = Amtsweg keeps your details. A new application starts with them filled in; you see, check and confirm each page.
my-details-keeping-off = Amtsweg does not keep your details.
my-details-keeping-not-asked = Amtsweg does not keep your details yet. After your next application you will be asked whether to keep them.
my-details-turn-on = Keep my details
my-details-turn-off = Stop keeping my details
my-details-turn-off-hint = Stopping deletes the details kept.
my-details-kept-heading = What is kept
my-details-nothing-kept = No details are kept.
my-details-not-given = Not given
my-details-change = Change my details
my-details-form-legend = Change my details
my-details-save = Save my details
my-details-cancel = Cancel
my-details-saved = Your details were saved.
my-details-error-title = There is a problem
my-details-delete = Delete my details
my-details-delete-confirm = Delete the details kept? Amtsweg will not keep them again unless you turn keeping on.
my-details-delete-yes = Yes, delete my details
my-details-deleted = Your details were deleted. Amtsweg does not keep them any more.
my-details-back = Back to the settings
my-details-stopped = Amtsweg does not keep your details any more. The details kept were deleted.
my-details-started = Amtsweg keeps your details from now on.

## The offer on the confirmation page

my-details-offer-heading = Fill in these details next time?
my-details-offer-text = Amtsweg can keep these answers of your application, encrypted on this computer, and fill them in the next time a procedure asks for them. You still see and confirm each page.
my-details-offer-list = Kept would be:
my-details-offer-yes = Yes, keep them
my-details-offer-no = No, thanks
my-details-offer-kept = Your details are kept. You can change or delete them in the settings, under My details.
my-details-offer-declined = Your details are not kept, and you will not be asked again. You can turn this on in the settings, under My details.

## In a procedure

my-details-prefilled = Answers on this page were filled in from My details. Check them and change them if needed.

## In "My data"

my-data-my-details-heading = My details
my-data-my-details-text = Your name, address and contact details, kept for your next application if you want.
my-data-my-details-link = View and change My details
my-data-exported-details = Your kept details (My details) are in it too.
my-data-imported-details = Your kept details (My details) were taken from the file.
