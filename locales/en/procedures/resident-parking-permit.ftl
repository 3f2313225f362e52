# Resident parking permit. The fee and the zones are example figures. Local ids F99002…, C99002… belong to this procedure.

resident-parking-permit-title = Apply for a resident parking permit
resident-parking-permit-keywords = resident parking permit, parking permit, residents' parking, parking zone, car, park, Bewohnerparkausweis, Anwohnerparken
resident-parking-permit-summary = If you live in a resident parking zone, a resident parking permit lets you park in your zone.
resident-parking-permit-who-may-apply = People whose main residence is registered in one of the municipality's resident parking zones and who keep or permanently use a vehicle. Each person gets one permit for one vehicle.
resident-parking-permit-need-registration = the vehicle registration certificate part I (Fahrzeugschein) as PDF, JPEG or PNG (at most 5 MB)
resident-parking-permit-need-proof-of-use = if the vehicle is not registered to you: proof that you use it permanently, such as a confirmation from your employer or from the vehicle's keeper
resident-parking-permit-need-zone = the resident parking zone you live in; it is on the signs in your street
resident-parking-permit-duration = About 5 minutes. You will usually get the permit by post within 2 weeks.
resident-parking-permit-fees = In this example €30.60 a year; you choose 1 or 2 years. These are example figures; the fee rules of your state or municipality apply.
resident-parking-permit-legal-basis = Section 45(1b) sentence 1 no. 2a Road Traffic Regulations (StVO); Fee Regulations for Road Traffic Measures (GebOSt) or the state's fee regulations under section 6a(5a) Road Traffic Act (StVG)

resident-parking-permit-section-applicant = About you
resident-parking-permit-section-vehicle = About the vehicle
resident-parking-permit-section-fee = Validity and fee

resident-parking-permit-F99002001-label = Is your main residence registered in our municipality?
resident-parking-permit-F99002001-hint = Your main residence is the home you mostly live in. It is on your certificate of registration.
resident-parking-permit-page-name = What is your name?
resident-parking-permit-F00000045-label = First name
resident-parking-permit-F00000013-label = Last name
resident-parking-permit-F99000001-label = What is your date of birth?
resident-parking-permit-F99000001-hint = For example, { $example }
resident-parking-permit-F99000001-in-future = Your date of birth must be in the past
resident-parking-permit-G00000237-label = What is your address?
resident-parking-permit-G00000237-hint = Your registered address in the resident parking zone
resident-parking-permit-G00000040-label = Street and house number
resident-parking-permit-F00000053-label = Street
resident-parking-permit-F00000016-label = House number
resident-parking-permit-F00000084-label = House number suffix
resident-parking-permit-G00000113-label = Town
resident-parking-permit-F00000054-label = Postcode
resident-parking-permit-F00000035-label = Town or city
resident-parking-permit-F99002002-label = Which resident parking zone do you live in?
resident-parking-permit-F99002002-hint = The zone is on the signs "Residents with parking permit no. …" in your street and on the municipality's zone map. The zones here are examples.
resident-parking-permit-page-contact = How can we contact you if we have questions?
resident-parking-permit-page-contact-hint = We only use these details for questions about this application.
resident-parking-permit-F99000002-label = Email address
resident-parking-permit-F99000003-label = Phone number

resident-parking-permit-page-vehicle = Which vehicle is the permit for?
resident-parking-permit-F99002003-label = Registration number
resident-parking-permit-F99002003-hint = For example, { $example }
resident-parking-permit-F99002003-pattern = Enter the registration number as it is on the number plate, for example KS-AB 123
resident-parking-permit-F99002004-label = Is the vehicle registered to you?
resident-parking-permit-F99002004-hint = That is, you are named as the keeper on the registration certificate.
resident-parking-permit-page-documents = Documents about the vehicle
resident-parking-permit-F99002005-label = Registration certificate part I (Fahrzeugschein)
resident-parking-permit-F99002005-hint = A photo or scan of the front. PDF, JPEG or PNG, at most 5 MB.
resident-parking-permit-F00000600-label = Proof of permanent use
resident-parking-permit-F00000600-hint = Only needed if the vehicle is not registered to you: for example your employer's confirmation for a company car or a statement from the vehicle's keeper. PDF, JPEG or PNG, at most 5 MB.

resident-parking-permit-F99002006-label = How long should the permit be valid?
resident-parking-permit-F99002006-hint = If you move or change your vehicle before then, apply for a new permit.
resident-parking-permit-duration-1 = 1 year
resident-parking-permit-duration-2 = 2 years
resident-parking-permit-page-fee = Your fee
resident-parking-permit-F99002007-label = Fee
resident-parking-permit-F99002008-label = How the fee is worked out
resident-parking-permit-F99002008-text = €30.60 for each year the permit is valid (example figures). You pay the fee after you get the fee notice.

resident-parking-permit-exit-residence-title = You cannot get a resident parking permit
resident-parking-permit-exit-residence-body = Resident parking permits are only for people whose main residence is registered in the parking zone. If you are moving, first register your new home. For visitors, care services or tradespeople, ask the road traffic authority about an exemption permit.

resident-parking-permit-zone-A = Zone A – city centre (example)
resident-parking-permit-zone-B = Zone B – Vorderer Westen (example)
resident-parking-permit-zone-C = Zone C – north (example)
resident-parking-permit-zone-D = Zone D – Wehlheiden (example)
resident-parking-permit-zone-E = Zone E – Unterneustadt (example)
